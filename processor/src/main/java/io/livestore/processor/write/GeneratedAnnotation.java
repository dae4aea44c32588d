package io.livestore.processor.write;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import io.livestore.processor.model.Names;
import java.util.Optional;
import javax.lang.model.util.Elements;

/**
 * {@code @javax.annotation.processing.Generated}, when the compilation can see it (it lives in
 * the {@code java.compiler} module, which a modular user may not read).
 */
public final class GeneratedAnnotation {

    private static final String GENERATED = "javax.annotation.processing.Generated";

    private GeneratedAnnotation() {
    }

    /**
     * @param elements the compiler's elements
     * @param source the canonical name of the source record
     * @return the annotation, or empty if the type is not visible
     */
    static Optional<AnnotationSpec> of(Elements elements, String source) {
        if (elements.getTypeElement(GENERATED) == null) {
            return Optional.empty();
        }
        return Optional.of(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
                .addMember("value", "$S", Names.PROCESSOR)
                .addMember("comments", "$S", "from " + source)
                .build());
    }
}
