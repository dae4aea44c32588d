package io.livestore.processor.analyse;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * Which deprecation warnings generated code would cause. Generated code uses the user's records,
 * their accessors, constructors and {@code apply}, their components' types and enum constants;
 * when one of those is deprecated, javac warns in the generated file, which fails a build with
 * {@code -Werror}. The generated type then carries {@code @SuppressWarnings} for exactly the
 * warnings it would cause: {@code "deprecation"}, and {@code "removal"} for
 * {@code @Deprecated(forRemoval = true)}.
 */
public final class Deprecations {

    private final Elements elements;

    /** @param elements the compiler's elements */
    public Deprecations(Elements elements) {
        this.elements = elements;
    }

    /**
     * @param records the records the generated type uses (a value and its mutations, say)
     * @return the warnings to suppress on the generated type, sorted; empty if none is needed
     */
    public List<String> suppressions(Collection<TypeElement> records) {
        Set<String> warnings = new TreeSet<>();
        Set<Element> seen = new HashSet<>();
        Deque<TypeElement> types = new ArrayDeque<>(records);
        while (!types.isEmpty()) {
            TypeElement type = types.poll();
            if (!seen.add(type)) {
                continue;
            }
            for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
                check(e, warnings);
            }
            for (Element member : type.getEnclosedElements()) {
                boolean used = switch (member.getKind()) {
                    case ENUM_CONSTANT, CONSTRUCTOR, RECORD_COMPONENT -> true;
                    case METHOD -> member.getSimpleName().contentEquals("apply") || isAccessor(type, member);
                    default -> false;
                };
                if (used) {
                    check(member, warnings);
                }
            }
            for (RecordComponentElement c : type.getRecordComponents()) {
                // Generated code names enums (and their constants) and nested records; the JDK
                // types it uses (String, UUID, Instant) are not scanned.
                if (c.asType().getKind() == TypeKind.DECLARED) {
                    TypeElement t = (TypeElement) ((DeclaredType) c.asType()).asElement();
                    if (t.getKind() == ElementKind.ENUM || t.getKind() == ElementKind.RECORD) {
                        types.add(t);
                    }
                }
            }
        }
        return List.copyOf(warnings);
    }

    private static boolean isAccessor(TypeElement type, Element method) {
        return type.getKind() == ElementKind.RECORD && type.getRecordComponents().stream()
                .anyMatch(c -> c.getSimpleName().equals(method.getSimpleName()));
    }

    private void check(Element e, Set<String> warnings) {
        if (!elements.isDeprecated(e)) {
            return;
        }
        // javac reports a use of a forRemoval element under "removal" only.
        warnings.add(forRemoval(e) ? "removal" : "deprecation");
    }

    private static boolean forRemoval(Element e) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals("java.lang.Deprecated")) {
                for (var entry : a.getElementValues().entrySet()) {
                    if (entry.getKey().getSimpleName().contentEquals("forRemoval")) {
                        AnnotationValue v = entry.getValue();
                        return Boolean.TRUE.equals(v.getValue());
                    }
                }
            }
        }
        return false;
    }
}
