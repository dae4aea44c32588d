package io.livestore.runtime.store;

/**
 * A change to a value of type {@code V}, as data: a record annotated {@code @Mutation}.
 *
 * <pre>{@code
 * @Mutation
 * public record Damage(int amount) implements Mutator<Player, GameError> {
 *     public Player apply(Player p) throws GameError {
 *         if (p.hp() == 0) throw new GameError("already down");
 *         return new Player(p.name(), Math.max(0, p.hp() - amount), p.score(), p.team());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #apply} must be <em>deterministic</em>: it reads only the current value and this
 * mutation's components (no clock, no random, no shared mutable state), so that the same mutation
 * applied to the same value gives the same result when it is journaled, replayed or replicated.
 * It must not modify anything either; the store writes the returned value.
 *
 * @param <V> the {@code @LiveValue} record this mutation changes
 * @param <E> the exception that rejects the mutation; the value is then left unchanged
 */
@FunctionalInterface
public interface Mutator<V, E extends Exception> {

    /**
     * Computes the new value from the current one.
     *
     * @param current the current value, never {@code null}
     * @return the new value, never {@code null}
     * @throws E to reject the mutation; the store keeps {@code current}
     */
    V apply(V current) throws E;
}
