package io.livestore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record that changes a {@link LiveValue}: deterministic data that can be journaled,
 * replayed and replicated.
 *
 * <p>A mutation implements {@code io.livestore.runtime.store.Mutator<V, E>}, where {@code V} is
 * the {@code @LiveValue} record it changes and {@code E} the exception that rejects it, either
 * directly or through a sealed interface:
 *
 * <pre>{@code
 * @Mutation
 * public record Damage(int amount) implements Mutator<Player, GameError> {
 *     public Player apply(Player p) throws GameError { ... }
 * }
 *
 * public sealed interface PlayerChange extends Mutator<Player, GameError> permits Heal, Rename {}
 * @Mutation public record Heal(int amount) implements PlayerChange { ... }
 * @Mutation public record Rename(@MaxLength(16) String name) implements PlayerChange { ... }
 * }</pre>
 *
 * <p>The mutations of a value form a closed set: the records in the compilation that implement
 * {@code Mutator<V, E>} directly, plus every record permitted (transitively) by a sealed interface
 * that extends {@code Mutator<V, E>} and that one of them implements. The processor generates
 * {@code VMutations} with the set's codecs and an {@code apply} that dispatches by id.
 *
 * <h2>Ids</h2>
 *
 * <p>Each mutation has a 32-bit id: the first four bytes of the SHA-256 of its {@link #name()}
 * (by default the record's canonical name, such as {@code com.example.game.Damage}). The id does
 * not depend on which other mutations exist nor on compilation order, so it is stable when
 * mutations are added and across recompiles; it changes when the record is renamed or moved
 * unless {@link #name()} pins it. Two mutations of one value with the same id are a compile
 * error.
 *
 * <h2>Rules the processor checks</h2>
 *
 * <ul>
 *   <li>the annotated type is a record, without type parameters, reachable from {@code V}'s
 *       package (public if it lives elsewhere);
 *   <li>it implements {@code Mutator<V, E>} (directly or through a sealed interface whose every
 *       permitted subtype is a record or another sealed interface), and {@code V} is a
 *       {@code @LiveValue} record;
 *   <li>its components follow the same type rules as those of a {@code @LiveValue} (a mutation
 *       may have no components);
 *   <li>within one value, no two mutations share an id or a simple name;
 *   <li>it is compiled together with its value (in the same module): the value's set is fixed when
 *       the value is compiled, so a mutation compiled later must already be in it;
 *   <li>it is not in the unnamed package when its value is in a named one (generated code could
 *       not name it).
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Mutation {

    /**
     * The stable name the mutation's id is derived from; empty (the default) means the record's
     * canonical name. Set it to keep the id, and so journals and replicas, valid when the record
     * is renamed or moved to another package.
     *
     * @return the stable name, or empty for the canonical name
     */
    String name() default "";
}
