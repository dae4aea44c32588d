package io.livestore.processor.validate;

import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import com.squareup.javapoet.ClassName;
import io.livestore.processor.model.MutationModel;
import io.livestore.processor.model.Names;
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
        String self = Names.mutationsName(ClassName.get(value)).simpleName();
        Map<Integer, MutationModel> byId = new HashMap<>();
        // Every generated constant name, with what it belongs to: the class's own constants,
        // then each mutation's id constant and its _SIZE constant.
        Map<String, String> constants = new HashMap<>();
        constants.put("INSTANCE", self + ".INSTANCE");
        constants.put("FINGERPRINT", self + ".FINGERPRINT");
        for (MutationModel m : mutations) {
            MutationModel other = byId.putIfAbsent(m.id(), m);
            if (other != null) {
                diagnostics.report(Message.MUTATION_ID_COLLISION, m.element(), m.type().canonicalName(),
                        other.type().canonicalName(), value.getQualifiedName(), m.id());
            }
            for (String constant : List.of(m.constantName(), m.constantName() + "_SIZE")) {
                String owner = constants.putIfAbsent(constant, m.type().canonicalName());
                if (owner != null) {
                    diagnostics.report(Message.DUPLICATE_MUTATION_NAME, m.element(), owner, m.type().canonicalName(),
                            value.getQualifiedName(), constant);
                    break;
                }
            }
        }
        return diagnostics.errorCount() == before;
    }
}
