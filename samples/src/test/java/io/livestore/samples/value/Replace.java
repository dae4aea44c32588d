package io.livestore.samples.value;

import io.livestore.annotations.Mutation;
import io.livestore.runtime.store.Mutator;

/**
 * Replaces the whole value: a mutation whose component is a nested value.
 *
 * @param next the new value
 */
@Mutation
public record Replace(AllTypes next) implements Mutator<AllTypes, RuntimeException> {

    @Override
    public AllTypes apply(AllTypes current) {
        return next;
    }
}
