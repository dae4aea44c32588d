package io.livestore.processor.validate;

import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import io.livestore.processor.model.EncodedRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * Within one generated set ({@code XMutations} or {@code XMessages}), ids and generated member
 * names are unique.
 */
public final class EncodedSetValidator {

    /** What the set holds, with the messages that report its clashes. */
    public enum Kind {
        MUTATIONS(Message.MUTATION_ID_COLLISION, Message.DUPLICATE_MUTATION_NAME),
        MESSAGES(Message.MESSAGE_ID_COLLISION, Message.DUPLICATE_MESSAGE_NAME);

        private final Message idCollision;
        private final Message duplicateName;

        Kind(Message idCollision, Message duplicateName) {
            this.idCollision = idCollision;
            this.duplicateName = duplicateName;
        }
    }

    private final Diagnostics diagnostics;

    /** @param diagnostics the funnel */
    public EncodedSetValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param kind what the set holds
     * @param value the value the set belongs to
     * @param generatedClass the simple name of the generated set
     * @param records its records, in a stable order (by canonical name)
     * @return whether the set is valid
     */
    public boolean validate(Kind kind, TypeElement value, String generatedClass, List<EncodedRecord> records) {
        int before = diagnostics.errorCount();
        Map<Integer, EncodedRecord> byId = new HashMap<>();
        // Every generated constant name, with what it belongs to: the class's own constants,
        // then each record's id constant and its _SIZE constant.
        Map<String, String> constants = new HashMap<>();
        constants.put("INSTANCE", generatedClass + ".INSTANCE");
        constants.put("FINGERPRINT", generatedClass + ".FINGERPRINT");
        for (EncodedRecord r : records) {
            EncodedRecord other = byId.putIfAbsent(r.id(), r);
            if (other != null) {
                diagnostics.report(kind.idCollision, r.element(), r.type().canonicalName(),
                        other.type().canonicalName(), value.getQualifiedName(), r.id());
            }
            for (String constant : List.of(r.constantName(), r.constantName() + "_SIZE")) {
                String owner = constants.putIfAbsent(constant, r.type().canonicalName());
                if (owner != null) {
                    diagnostics.report(kind.duplicateName, r.element(), owner, r.type().canonicalName(),
                            value.getQualifiedName(), constant);
                    break;
                }
            }
        }
        return diagnostics.errorCount() == before;
    }
}
