package io.livestore.processor.validate;

import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import javax.lang.model.element.TypeElement;

/** A value has at least one component (a mutation may have none). */
final class ComponentsRule implements RecordRule {

    @Override
    public void check(TypeElement record, Target target, Diagnostics diagnostics) {
        if (target.isValue() && record.getRecordComponents().isEmpty()) {
            diagnostics.report(Message.NO_COMPONENTS, record, record.getQualifiedName());
        }
    }
}
