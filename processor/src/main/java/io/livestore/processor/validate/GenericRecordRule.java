package io.livestore.processor.validate;

import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;

/** A fixed layout needs concrete types: no type parameters. */
final class GenericRecordRule implements RecordRule {

    @Override
    public void check(TypeElement record, Target target, Diagnostics diagnostics) {
        if (!record.getTypeParameters().isEmpty()) {
            String params = record.getTypeParameters().stream().map(Object::toString).collect(Collectors.joining(", "));
            diagnostics.report(Message.GENERIC_RECORD, record, target.role(), record.getQualifiedName(), params);
        }
    }
}
