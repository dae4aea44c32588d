package io.livestore.benchmarks.store;

import io.livestore.annotations.Mutation;
import io.livestore.runtime.store.Mutator;

/**
 * The store benchmarks' mutation: adds to a score's points, keeps its level. The processor
 * generates its codec into {@code ScoreMutations}.
 *
 * @param delta the points to add
 */
@Mutation
public record AddPoints(long delta) implements Mutator<Score, RuntimeException> {

    @Override
    public Score apply(Score current) {
        return new Score(current.points() + delta, current.level());
    }
}
