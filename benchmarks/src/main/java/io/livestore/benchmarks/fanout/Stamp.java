package io.livestore.benchmarks.fanout;

import io.livestore.annotations.Mutation;
import io.livestore.runtime.store.Mutator;

/**
 * The fan-out benchmark's one mutation: replaces the {@link Tick} with the given sequence and
 * send time. Deterministic, as a mutation must be: the time is taken by the caller and carried as
 * data.
 *
 * @param sequence the mutation's number
 * @param sentAtNanos {@code System.nanoTime()} just before the writer's {@code mutate} call
 */
@Mutation
public record Stamp(long sequence, long sentAtNanos) implements Mutator<Tick, RuntimeException> {

    @Override
    public Tick apply(Tick current) {
        return new Tick(sequence, sentAtNanos);
    }
}
