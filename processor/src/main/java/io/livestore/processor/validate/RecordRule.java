package io.livestore.processor.validate;

import io.livestore.processor.diagnostic.Diagnostics;
import javax.lang.model.element.TypeElement;

/** One check on a record annotated {@code @LiveValue} or {@code @Mutation}. */
interface RecordRule {

    /**
     * Reports every violation of this rule on the most specific element; never throws.
     *
     * @param record the record (its kind is already checked)
     * @param target where generated code that uses the record lives
     * @param diagnostics the funnel
     */
    void check(TypeElement record, Target target, Diagnostics diagnostics);
}
