package io.livestore.processor.model;

import com.squareup.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @LiveValue} record ready to generate.
 *
 * @param element the record
 * @param type its class name
 * @param layoutName the generated layout class
 * @param layout its planned layout
 * @param suppressedWarnings the warnings its generated code must suppress ({@code "deprecation"},
 *     {@code "removal"}) because it uses deprecated elements; usually none
 */
public record ValueModel(TypeElement element, ClassName type, ClassName layoutName, LayoutModel layout,
        List<String> suppressedWarnings) {

    public ValueModel {
        suppressedWarnings = List.copyOf(suppressedWarnings);
    }
}
