package io.livestore.processor.validate;

import io.livestore.processor.analyse.TypeSupport;
import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/** A value may not contain itself through nested values: it would have no finite size. */
final class NestedCycleRule implements RecordRule {

    private final TypeSupport support;

    NestedCycleRule(TypeSupport support) {
        this.support = support;
    }

    @Override
    public void check(TypeElement record, Target target, Diagnostics diagnostics) {
        if (!target.isValue()) {
            return;
        }
        for (RecordComponentElement c : record.getRecordComponents()) {
            if (support.classify(c.asType()) != TypeSupport.Kind.LIVE_VALUE) {
                continue;
            }
            List<String> path = new ArrayList<>();
            path.add(record.getSimpleName() + "." + c.getSimpleName());
            if (reaches(nestedType(c), record, path, new HashSet<>())) {
                diagnostics.report(Message.NESTED_CYCLE, c, record.getQualifiedName(), String.join(" -> ", path));
            }
        }
    }

    private boolean reaches(TypeElement from, TypeElement start, List<String> path, Set<TypeElement> visited) {
        if (from.equals(start)) {
            return true;
        }
        if (!visited.add(from)) {
            return false;
        }
        for (RecordComponentElement c : from.getRecordComponents()) {
            if (support.classify(c.asType()) != TypeSupport.Kind.LIVE_VALUE) {
                continue;
            }
            path.add(from.getSimpleName() + "." + c.getSimpleName());
            if (reaches(nestedType(c), start, path, visited)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static TypeElement nestedType(RecordComponentElement c) {
        return (TypeElement) ((DeclaredType) c.asType()).asElement();
    }
}
