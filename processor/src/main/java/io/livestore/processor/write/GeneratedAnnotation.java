package io.livestore.processor.write;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import io.livestore.processor.model.Names;
import java.util.List;
import java.util.Optional;
import javax.lang.model.util.Elements;

/**
 * The annotations on every generated type: {@code @javax.annotation.processing.Generated}, when
 * the compilation can see it (it lives in the {@code java.compiler} module, which a modular user
 * may not read), and {@code @SuppressWarnings} for what using deprecated elements would cause.
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
    /**
     * @param warnings the warnings to suppress, such as {@code "deprecation"}
     * @return {@code @SuppressWarnings} for them, or empty if there are none
     */
    static Optional<AnnotationSpec> suppressing(List<String> warnings) {
        if (warnings.isEmpty()) {
            return Optional.empty();
        }
        AnnotationSpec.Builder annotation = AnnotationSpec.builder(SuppressWarnings.class);
        warnings.forEach(w -> annotation.addMember("value", "$S", w));
        return Optional.of(annotation.build());
    }

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
