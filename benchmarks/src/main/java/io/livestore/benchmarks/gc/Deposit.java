package io.livestore.benchmarks.gc;

import io.livestore.annotations.Mutation;
import io.livestore.runtime.store.Mutator;

/**
 * The GC benchmark's one mutation: adds {@code cents} to a {@link Balance}.
 *
 * @param cents the amount added
 */
@Mutation
public record Deposit(long cents) implements Mutator<Balance, RuntimeException> {

    @Override
    public Balance apply(Balance current) {
        return new Balance(current.cents() + cents, current.changes() + 1);
    }
}
