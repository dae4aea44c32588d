package io.livestore.processor.validate;

import io.livestore.processor.analyse.TypeSupport;
import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Runs every record rule and reports every violation. A record that is not a record at all
 * gets one error and no further checks, since the others assume components.
 */
public final class RecordValidator {

    private final Diagnostics diagnostics;
    private final List<RecordRule> rules;

    /**
     * @param support type facts
     * @param diagnostics the funnel
     */
    public RecordValidator(TypeSupport support, Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.rules = List.of(
                new GenericRecordRule(),
                new ComponentsRule(),
                new ComponentTypeRule(support),
                new GeneratedMemberRule(support),
                new NestedCycleRule(support),
                new AccessibilityRule(support));
    }

    /**
     * Reports {@link Message#NOT_A_RECORD} unless {@code type} is a record.
     *
     * @param type an annotated type
     * @param annotation the annotation's simple name
     * @return whether it is a record
     */
    public boolean isRecord(TypeElement type, String annotation) {
        if (type.getKind() == ElementKind.RECORD) {
            return true;
        }
        String kind = switch (type.getKind()) {
            case INTERFACE -> "an interface";
            case ENUM -> "an enum";
            case ANNOTATION_TYPE -> "an annotation type";
            default -> "a class";
        };
        diagnostics.report(Message.NOT_A_RECORD, type, annotation, type.getQualifiedName(), kind, type.getSimpleName());
        return false;
    }

    /**
     * @param record a record
     * @param target what it is checked for
     * @return whether it passed every rule
     */
    public boolean validate(TypeElement record, Target target) {
        int before = diagnostics.errorCount();
        for (RecordRule rule : rules) {
            rule.check(record, target, diagnostics);
        }
        return diagnostics.errorCount() == before;
    }
}
