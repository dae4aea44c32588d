package io.livestore.processor.validate;

import io.livestore.processor.analyse.TypeSupport;
import io.livestore.processor.diagnostic.Diagnostics;
import io.livestore.processor.diagnostic.Message;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Runs every record rule and reports every violation. A record that is not a record at all
 * gets one error and no further checks, since the others assume components.
 */
public final class RecordValidator {

    private final TypeSupport support;
    private final Diagnostics diagnostics;
    private final List<RecordRule> rules;

    /**
     * @param support type facts
     * @param diagnostics the funnel
     */
    public RecordValidator(TypeSupport support, Diagnostics diagnostics) {
        this.support = support;
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
        if (annotation.equals("Mutation") && type.getKind() == ElementKind.INTERFACE && support.isMutator(type)) {
            // The interface that groups mutations: the records it permits are to be annotated.
            String permits = type.getPermittedSubclasses().stream()
                    .map(t -> ((TypeElement) ((DeclaredType) t).asElement()).getSimpleName().toString())
                    .collect(Collectors.joining(", "));
            diagnostics.report(Message.MUTATION_ON_INTERFACE, type, type.getQualifiedName(),
                    TypeSupport.kindWithArticle(type), permits.isEmpty() ? "that implement it" : "it permits (" + permits + ")");
            return false;
        }
        diagnostics.report(Message.NOT_A_RECORD, type, annotation, type.getQualifiedName(),
                TypeSupport.kindWithArticle(type), type.getSimpleName());
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
