package io.livestore.processor.analyse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * What a sealed interface permits, transitively: the records of a sealed mutation parent or of a
 * sealed message type.
 *
 * @param records the records it permits, directly or through sealed interfaces it permits
 * @param nonRecords the permitted subtypes that are neither records nor sealed interfaces
 */
public record SealedPermits(List<TypeElement> records, List<TypeElement> nonRecords) {

    public SealedPermits {
        records = List.copyOf(records);
        nonRecords = List.copyOf(nonRecords);
    }

    /**
     * @param sealed a sealed interface
     * @return what it permits
     */
    public static SealedPermits of(TypeElement sealed) {
        List<TypeElement> records = new ArrayList<>();
        List<TypeElement> others = new ArrayList<>();
        Deque<TypeElement> queue = new ArrayDeque<>();
        queue.add(sealed);
        Set<TypeElement> seen = new LinkedHashSet<>();
        while (!queue.isEmpty()) {
            TypeElement parent = queue.poll();
            if (!seen.add(parent)) {
                continue;
            }
            for (TypeMirror p : parent.getPermittedSubclasses()) {
                if (p.getKind() != TypeKind.DECLARED) {
                    continue;
                }
                TypeElement e = (TypeElement) ((DeclaredType) p).asElement();
                if (e.getKind() == ElementKind.RECORD) {
                    if (!records.contains(e)) {
                        records.add(e);
                    }
                } else if (e.getKind() == ElementKind.INTERFACE && e.getModifiers().contains(Modifier.SEALED)) {
                    queue.add(e);
                } else {
                    others.add(e);
                }
            }
        }
        return new SealedPermits(records, others);
    }
}
