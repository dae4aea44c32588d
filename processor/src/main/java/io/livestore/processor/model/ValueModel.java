package io.livestore.processor.model;

import com.squareup.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @LiveValue} record ready to generate.
 *
 * @param element the record
 * @param type its class name
 * @param layoutName the generated layout class
 * @param layout its planned layout
 */
public record ValueModel(TypeElement element, ClassName type, ClassName layoutName, LayoutModel layout) {
}
