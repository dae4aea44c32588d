package io.livestore.processor.analyse;

import io.livestore.processor.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Recognises what this processor generated in an earlier compilation and the compiler now sees
 * again: on the class path (an IDE or Gradle recompiling some files, another module) or on the
 * source path. Such a type is not a user's type that happens to have a generated name.
 */
public final class GeneratedOutput {

    private static final List<String> GENERATED = List.of("javax.annotation.processing.Generated",
            "javax.annotation.Generated");

    private GeneratedOutput() {
    }

    /**
     * A type is ours if its {@code @Generated} names this processor. {@code @Generated} is
     * retained in source only, so a compiled class is recognised by its shape instead: it
     * implements the runtime contract (such as {@code ValueLayout}) for the same record.
     *
     * @param existing a type that has the name of a class we generate
     * @param contract the canonical name of the runtime interface that class implements (or
     *     class it extends)
     * @param subject the record it is generated for (the type argument of {@code contract})
     * @return whether {@code existing} is an earlier output of this processor for {@code subject}
     */
    public static boolean isOurs(TypeElement existing, String contract, TypeElement subject) {
        Optional<AnnotationMirror> generated = generatedAnnotation(existing);
        if (generated.isPresent()) {
            return namesThisProcessor(generated.get());
        }
        List<TypeMirror> supertypes = new ArrayList<>(existing.getInterfaces());
        supertypes.add(existing.getSuperclass());
        for (TypeMirror i : supertypes) {
            if (i.getKind() == TypeKind.DECLARED) {
                DeclaredType d = (DeclaredType) i;
                if (((TypeElement) d.asElement()).getQualifiedName().contentEquals(contract)
                        && d.getTypeArguments().size() == 1
                        && d.getTypeArguments().get(0).getKind() == TypeKind.DECLARED
                        && ((DeclaredType) d.getTypeArguments().get(0)).asElement().equals(subject)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param type a type
     * @return whether it carries a {@code @Generated} that names this processor, which only a
     *     type read from source can
     */
    public static boolean hasOurGeneratedAnnotation(TypeElement type) {
        return generatedAnnotation(type).map(GeneratedOutput::namesThisProcessor).orElse(false);
    }

    private static Optional<AnnotationMirror> generatedAnnotation(TypeElement type) {
        for (AnnotationMirror a : type.getAnnotationMirrors()) {
            TypeElement annotation = (TypeElement) a.getAnnotationType().asElement();
            if (GENERATED.contains(annotation.getQualifiedName().toString())) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static boolean namesThisProcessor(AnnotationMirror generated) {
        for (var entry : generated.getElementValues().entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals("value")
                    && entry.getValue().getValue() instanceof List<?> values) {
                for (Object v : values) {
                    if (v instanceof AnnotationValue s && Names.PROCESSOR.equals(s.getValue())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The records an earlier {@code XMutations} (or {@code XMessages}) holds: the return types of
     * its static {@code decodeY(bytes, offset)} methods, one per record.
     *
     * @param set an earlier generated set
     * @return the records it encodes
     */
    public static List<TypeElement> encodedRecords(TypeElement set) {
        return set.getEnclosedElements().stream()
                .filter(e -> e.getKind() == ElementKind.METHOD && e.getModifiers().contains(Modifier.STATIC)
                        && e.getSimpleName().toString().startsWith("decode"))
                .map(e -> ((ExecutableElement) e).getReturnType())
                .filter(t -> t.getKind() == TypeKind.DECLARED)
                .map(t -> (TypeElement) ((DeclaredType) t).asElement())
                .filter(t -> t.getKind() == ElementKind.RECORD)
                .toList();
    }

    /**
     * @param set an earlier generated set
     * @return the value of its {@code FINGERPRINT} constant, if it has one
     */
    public static Optional<Long> fingerprint(TypeElement set) {
        for (Element e : set.getEnclosedElements()) {
            if (e.getKind() == ElementKind.FIELD && e.getSimpleName().contentEquals("FINGERPRINT")
                    && ((VariableElement) e).getConstantValue() instanceof Long value) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
