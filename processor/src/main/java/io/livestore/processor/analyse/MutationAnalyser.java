package io.livestore.processor.analyse;

import com.squareup.javapoet.ClassName;
import io.livestore.annotations.LiveValue;
import io.livestore.annotations.Mutation;
import io.livestore.processor.model.LayoutModel;
import io.livestore.processor.model.EncodedRecord;
import io.livestore.processor.model.StableHash;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Facts about mutation records: the value they change, their sealed parents and their ids. */
public final class MutationAnalyser {

    private final TypeSupport support;

    /** @param support type facts */
    public MutationAnalyser(TypeSupport support) {
        this.support = support;
    }

    /**
     * @param record a record
     * @return the {@code V} of its {@code Mutator<V, E>} supertype, if it has one
     */
    public Optional<TypeMirror> valueType(TypeElement record) {
        return support.mutatorSupertype(record.asType())
                .filter(m -> m.getTypeArguments().size() == 2)
                .map(m -> m.getTypeArguments().get(0));
    }

    /**
     * @param record a record whose {@code Mutator} supertype has no type arguments
     * @return the type whose declaration names the raw {@code Mutator}: the record, or the
     *     interface it inherits it through; empty if {@code Mutator} is not raw among its supertypes
     */
    public Optional<TypeElement> rawMutatorDeclarer(TypeElement record) {
        Optional<TypeElement> mutator = support.mutator();
        if (mutator.isEmpty()) {
            return Optional.empty();
        }
        Deque<TypeElement> queue = new ArrayDeque<>();
        Set<TypeElement> seen = new LinkedHashSet<>();
        queue.add(record);
        while (!queue.isEmpty()) {
            TypeElement type = queue.poll();
            if (!seen.add(type)) {
                continue;
            }
            for (TypeMirror i : type.getInterfaces()) {
                if (i.getKind() != TypeKind.DECLARED) {
                    continue;
                }
                DeclaredType d = (DeclaredType) i;
                if (d.asElement().equals(mutator.get())) {
                    if (d.getTypeArguments().isEmpty()) {
                        return Optional.of(type);
                    }
                } else {
                    queue.add((TypeElement) d.asElement());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param valueType the {@code V} of a mutation
     * @return its record element if it is a {@code @LiveValue} record without type arguments
     */
    public Optional<TypeElement> liveValue(TypeMirror valueType) {
        if (valueType.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        TypeElement e = (TypeElement) ((DeclaredType) valueType).asElement();
        boolean ok = e.getKind() == ElementKind.RECORD && e.getAnnotation(LiveValue.class) != null
                && e.getTypeParameters().isEmpty();
        return ok ? Optional.of(e) : Optional.empty();
    }

    /**
     * @param record a mutation record
     * @return the sealed interfaces among its supertypes that extend {@code Mutator}, nearest first
     */
    public List<TypeElement> sealedParents(TypeElement record) {
        Optional<TypeElement> mutator = support.mutator();
        List<TypeElement> parents = new ArrayList<>();
        if (mutator.isEmpty()) {
            return parents;
        }
        TypeMirror mutatorErasure = support.types().erasure(mutator.get().asType());
        Deque<TypeMirror> queue = new ArrayDeque<>(record.getInterfaces());
        Set<TypeElement> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            TypeMirror t = queue.poll();
            if (t.getKind() != TypeKind.DECLARED) {
                continue;
            }
            TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
            if (!seen.add(e)) {
                continue;
            }
            if (e.getModifiers().contains(Modifier.SEALED)
                    && support.types().isSubtype(support.types().erasure(t), mutatorErasure)) {
                parents.add(e);
            }
            queue.addAll(e.getInterfaces());
        }
        return parents;
    }

    /**
     * @param record a mutation record
     * @return the name its id derives from: {@code @Mutation(name)}, else its canonical name
     */
    public static String stableName(TypeElement record) {
        Mutation m = record.getAnnotation(Mutation.class);
        if (m != null && !m.name().isEmpty()) {
            return m.name();
        }
        return record.getQualifiedName().toString();
    }

    /**
     * @param stableName a mutation's stable name
     * @return its id
     */
    public static int id(String stableName) {
        return StableHash.hash32(stableName);
    }

    /**
     * @param record a validated mutation record
     * @param layout its layout
     * @return its model
     */
    public EncodedRecord model(TypeElement record, LayoutModel layout) {
        String stableName = stableName(record);
        return new EncodedRecord(record, ClassName.get(record), stableName, id(stableName), layout);
    }
}
