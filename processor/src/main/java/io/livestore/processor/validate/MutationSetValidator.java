package io.livestore.processor.validate;

import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import io.livestore.processor.model.MutationModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/** Within one value's set, ids and generated member names are unique. */
public final class MutationSetValidator {

    private final Diagnostics diagnostics;

    /** @param diagnostics the funnel */
    public MutationSetValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param value the value
     * @param mutations its mutations, in a stable order (by canonical name)
     * @return whether the set is valid
     */
    public boolean validate(TypeElement value, List<MutationModel> mutations) {
        int before = diagnostics.errorCount();
        Map<Integer, MutationModel> byId = new HashMap<>();
        Map<String, MutationModel> byName = new HashMap<>();
        for (MutationModel m : mutations) {
            MutationModel other = byId.putIfAbsent(m.id(), m);
            if (other != null) {
                diagnostics.report(Message.MUTATION_ID_COLLISION, m.element(), m.type().canonicalName(),
                        other.type().canonicalName(), value.getQualifiedName(), m.id());
            }
            other = byName.putIfAbsent(m.constantName(), m);
            if (other != null) {
                diagnostics.report(Message.DUPLICATE_MUTATION_NAME, m.element(), other.type().canonicalName(),
                        m.type().canonicalName(), value.getQualifiedName(), m.constantName());
            }
        }
        return diagnostics.errorCount() == before;
    }
}
