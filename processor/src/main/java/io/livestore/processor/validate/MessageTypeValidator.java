package io.livestore.processor.validate;

import io.livestore.processor.analyse.MessageAnalyser;
import io.livestore.processor.analyse.SealedPermits;
import io.livestore.processor.analyse.TypeSupport;
import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;

/**
 * A value's message type ({@code @LiveValue(messages = M.class)}) is a record, or a sealed
 * interface whose permitted subtypes are records (transitively), without type parameters, and
 * reachable from the value's package; every message record passes the record rules of a mutation
 * (storable components, no type parameters, reachable).
 */
public final class MessageTypeValidator {

    private final TypeSupport support;
    private final RecordValidator records;
    private final Diagnostics diagnostics;

    /**
     * @param support type facts
     * @param records the record rules
     * @param diagnostics the funnel
     */
    public MessageTypeValidator(TypeSupport support, RecordValidator records, Diagnostics diagnostics) {
        this.support = support;
        this.records = records;
        this.diagnostics = diagnostics;
    }

    /**
     * @param value the {@code @LiveValue} record
     * @param declared its declared message type
     * @param target where the generated {@code XMessages} lives
     * @return the message records, or empty after reporting why the message type is invalid
     */
    public Optional<List<TypeElement>> validate(TypeElement value, MessageAnalyser.Declared declared, Target target) {
        Optional<TypeElement> type = declared.element();
        if (type.isEmpty() || !(type.get().getKind() == ElementKind.RECORD || isSealedInterface(type.get()))) {
            String kind = type.map(TypeSupport::kindWithArticle)
                    .orElse(declared.type().getKind() == TypeKind.ARRAY ? "an array type" : "a primitive type");
            diagnostics.report(Message.MESSAGE_TYPE_INVALID, value, declared.annotation(), declared.value(),
                    value.getQualifiedName(), declared.type(), kind);
            return Optional.empty();
        }
        TypeElement m = type.get();
        if (!m.getTypeParameters().isEmpty()) {
            diagnostics.report(Message.MESSAGE_TYPE_GENERIC, value, declared.annotation(), declared.value(),
                    value.getQualifiedName(), m.getQualifiedName(),
                    m.getTypeParameters().stream().map(Object::toString).collect(Collectors.joining(", ")));
            return Optional.empty();
        }
        int before = diagnostics.errorCount();
        List<TypeElement> messages;
        if (m.getKind() == ElementKind.RECORD) {
            messages = List.of(m);
        } else {
            new AccessibilityRule(support).check(m, m, target, diagnostics);
            SealedPermits permits = SealedPermits.of(m);
            for (TypeElement bad : permits.nonRecords()) {
                diagnostics.report(Message.MESSAGE_PERMITS_NON_RECORD, m, m.getQualifiedName(), bad.getQualifiedName(),
                        TypeSupport.kindWithArticle(bad), value.getQualifiedName());
            }
            messages = permits.records();
        }
        for (TypeElement r : messages) {
            records.validate(r, target);
        }
        return diagnostics.errorCount() == before ? Optional.of(messages) : Optional.empty();
    }

    private static boolean isSealedInterface(TypeElement type) {
        return type.getKind() == ElementKind.INTERFACE && type.getModifiers().contains(Modifier.SEALED);
    }
}
