package io.livestore.processor.analyse;

import com.squareup.javapoet.ClassName;
import io.livestore.processor.model.EncodedRecord;
import io.livestore.processor.model.LayoutModel;
import io.livestore.processor.model.StableHash;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Facts about a value's message type: {@code @LiveValue(messages = M.class)}. */
public final class MessageAnalyser {

    private static final String LIVE_VALUE = "io.livestore.annotations.LiveValue";

    private MessageAnalyser() {
    }

    /**
     * A declared message type, with where it is declared, to blame in diagnostics.
     *
     * @param type the type named by {@code messages}
     * @param annotation the value's {@code @LiveValue}
     * @param value the {@code messages} element value
     */
    public record Declared(TypeMirror type, AnnotationMirror annotation, AnnotationValue value) {

        /** @return the type's element, if it is a class or interface */
        public Optional<TypeElement> element() {
            return type.getKind() == TypeKind.DECLARED
                    ? Optional.of((TypeElement) ((DeclaredType) type).asElement())
                    : Optional.empty();
        }
    }

    /**
     * @param value a {@code @LiveValue} record
     * @return its declared message type; empty when {@code messages} is left out or {@code Void}
     */
    public static Optional<Declared> declared(TypeElement value) {
        return messages(value).filter(d -> d.type() != null && !isVoid(d.type()));
    }

    /**
     * @param value a {@code @LiveValue} record
     * @return whether its {@code messages} names a type that does not resolve yet (another
     *     processor may generate it in a later round)
     */
    public static boolean isUnresolved(TypeElement value) {
        return messages(value).map(d -> d.type() == null || d.type().getKind() == TypeKind.ERROR).orElse(false);
    }

    /** The explicit {@code messages} value; its type is {@code null} if javac gave no type for it. */
    private static Optional<Declared> messages(TypeElement value) {
        for (AnnotationMirror a : value.getAnnotationMirrors()) {
            if (!((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(LIVE_VALUE)) {
                continue;
            }
            for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : a.getElementValues().entrySet()) {
                if (e.getKey().getSimpleName().contentEquals("messages")) {
                    // javac gives an unresolved class literal as a string ("<error>"), not a type.
                    TypeMirror type = e.getValue().getValue() instanceof TypeMirror t ? t : null;
                    return Optional.of(new Declared(type, a, e.getValue()));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isVoid(TypeMirror type) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals("java.lang.Void");
    }

    /**
     * @param record a validated message record
     * @param layout its encoding
     * @return its model; the id derives from its canonical name
     */
    public static EncodedRecord model(TypeElement record, LayoutModel layout) {
        String stableName = record.getQualifiedName().toString();
        return new EncodedRecord(record, ClassName.get(record), stableName, StableHash.hash32(stableName), layout);
    }
}
