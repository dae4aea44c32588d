package io.livestore.processor.analyse;

import io.livestore.annotations.LiveValue;
import io.livestore.annotations.MaxLength;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Facts about types: which kind of storage a component type gets, and where {@code Mutator} is. */
public final class TypeSupport {

    /** The name of the mutation contract in the runtime. */
    public static final String MUTATOR = "io.livestore.runtime.store.Mutator";

    /** The contract generated layouts implement. */
    public static final String VALUE_LAYOUT = "io.livestore.runtime.layout.ValueLayout";

    /** The contract generated mutation sets implement. */
    public static final String MUTATION_SET = "io.livestore.runtime.store.MutationSet";

    /** The contract generated message sets implement. */
    public static final String MESSAGE_SET = "io.livestore.runtime.store.MessageSet";

    /** The base class of generated views. */
    public static final String VALUE_VIEW = "io.livestore.runtime.store.ValueView";

    /** The contract generated stores implement. */
    public static final String MANAGED_STORE = "io.livestore.runtime.store.ManagedStore";

    /** How a component type is stored, or why it cannot be. */
    public enum Kind {
        PRIMITIVE, ENUM, UUID, INSTANT, STRING, LIVE_VALUE,
        /** The type does not resolve yet; another processor may generate it in a later round. */
        INCOMPLETE,
        UNSUPPORTED
    }

    private final Elements elements;
    private final Types types;

    /**
     * @param elements the compiler's elements
     * @param types the compiler's types
     */
    public TypeSupport(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    /** @return the compiler's types */
    public Types types() {
        return types;
    }

    /** @return the compiler's elements */
    public Elements elements() {
        return elements;
    }

    /**
     * @param type a component type
     * @return how it is stored
     */
    public Kind classify(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return Kind.PRIMITIVE;
        }
        if (type.getKind() == TypeKind.ERROR) {
            return Kind.INCOMPLETE;
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return Kind.UNSUPPORTED;
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        String name = element.getQualifiedName().toString();
        switch (name) {
            case "java.util.UUID":
                return Kind.UUID;
            case "java.time.Instant":
                return Kind.INSTANT;
            case "java.lang.String":
                return Kind.STRING;
            default:
                break;
        }
        if (element.getKind() == ElementKind.ENUM) {
            return Kind.ENUM;
        }
        if (element.getKind() == ElementKind.RECORD && element.getAnnotation(LiveValue.class) != null
                && ((DeclaredType) type).getTypeArguments().isEmpty()) {
            return Kind.LIVE_VALUE;
        }
        return Kind.UNSUPPORTED;
    }

    /**
     * @param type a type
     * @return its kind with an article, for messages: "a class", "an enum", "a sealed interface"
     */
    public static String kindWithArticle(TypeElement type) {
        return switch (type.getKind()) {
            case RECORD -> "a record";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            case INTERFACE -> type.getModifiers().contains(javax.lang.model.element.Modifier.SEALED)
                    ? "a sealed interface"
                    : type.getModifiers().contains(javax.lang.model.element.Modifier.NON_SEALED)
                    ? "a non-sealed interface"
                    : "an interface";
            default -> type.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT)
                    ? "an abstract class"
                    : "a class";
        };
    }

    /**
     * @param type a type
     * @return whether it is {@code Mutator} or a subtype of it, whatever the type arguments
     */
    public boolean isMutator(TypeElement type) {
        return mutator().map(m -> types.isSubtype(types.erasure(type.asType()), types.erasure(m.asType())))
                .orElse(false);
    }

    /**
     * @param record a record
     * @return whether a component type or a supertype of the record does not resolve yet
     */
    public boolean isIncomplete(TypeElement record) {
        for (RecordComponentElement c : record.getRecordComponents()) {
            if (containsError(c.asType())) {
                return true;
            }
        }
        for (TypeMirror i : record.getInterfaces()) {
            if (containsError(i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsError(TypeMirror type) {
        if (type.getKind() == TypeKind.ERROR) {
            return true;
        }
        if (type.getKind() == TypeKind.DECLARED) {
            for (TypeMirror arg : ((DeclaredType) type).getTypeArguments()) {
                if (containsError(arg)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @param component a record component
     * @return its {@code @MaxLength} mirror, if present
     */
    public Optional<? extends AnnotationMirror> maxLengthMirror(Element component) {
        String name = MaxLength.class.getCanonicalName();
        return component.getAnnotationMirrors().stream()
                .filter(m -> ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(name))
                .findFirst();
    }

    /** @return the {@code Mutator} interface, or empty if the runtime is not on the class path */
    public Optional<TypeElement> mutator() {
        return Optional.ofNullable(elements.getTypeElement(MUTATOR));
    }

    /**
     * Finds {@code Mutator<V, E>} among the supertypes of {@code type}, with its type arguments
     * as seen from {@code type}.
     *
     * @param type a type
     * @return the parameterized {@code Mutator} supertype, if any
     */
    public Optional<DeclaredType> mutatorSupertype(TypeMirror type) {
        return mutator().flatMap(mutator -> supertype(type, mutator));
    }

    /**
     * @param type a type
     * @param ancestor a class or interface
     * @return {@code ancestor} as {@code type} inherits it, with its type arguments substituted
     *     ({@code Mutator<Player, GameError>}), if {@code type} is a subtype of it
     */
    public Optional<DeclaredType> supertype(TypeMirror type, TypeElement ancestor) {
        Deque<TypeMirror> queue = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            TypeMirror t = queue.poll();
            if (t.getKind() != TypeKind.DECLARED || !seen.add(t.toString())) {
                continue;
            }
            if (((DeclaredType) t).asElement().equals(ancestor)) {
                return Optional.of((DeclaredType) t);
            }
            queue.addAll(types.directSupertypes(t));
        }
        return Optional.empty();
    }
}
