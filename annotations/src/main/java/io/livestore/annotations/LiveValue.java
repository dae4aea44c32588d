package io.livestore.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record whose instances LiveStore keeps off-heap, in a fixed binary layout generated at
 * compile time.
 *
 * <pre>{@code
 * @LiveValue
 * public record Player(@MaxLength(16) String name, int hp, long score, Team team, Position at) {}
 * }</pre>
 *
 * <p>For a record {@code X} the LiveStore processor generates, in {@code X}'s package:
 *
 * <ul>
 *   <li>{@code XLayout}: the fixed size in bytes, the offset of every component, encode and
 *       decode between the record and off-heap memory, an allocation-free static reader per
 *       component, and a 64-bit layout fingerprint;
 *   <li>{@code XMutations}: the closed set of {@link Mutation mutations} of {@code X}, with their
 *       stable ids, their codecs and an {@code apply} that dispatches by id.
 * </ul>
 *
 * <p>A nested record is named after its enclosing types: {@code Game.Player} gives {@code
 * Game_PlayerLayout}.
 *
 * <h2>Rules the processor checks</h2>
 *
 * <ul>
 *   <li>the annotated type is a record, with at least one component and no type parameters;
 *   <li>the generated classes can reach it: it is not private, nor nested in a private type, and
 *       types it uses from other packages are public;
 *   <li>every component has a supported type: a primitive, an enum, {@code java.util.UUID},
 *       {@code java.time.Instant}, a {@code String} annotated {@link MaxLength}, or another
 *       {@code @LiveValue} record (inlined: a record may not contain itself, directly or not);
 *   <li>no other type already has the name of a generated class.
 * </ul>
 *
 * <p>Components are never {@code null}: encoding a record with a {@code null} component throws a
 * {@code NullPointerException} that names the record and the component. Use a sentinel value
 * (an empty string, a {@code NONE} constant) where a value may be absent.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface LiveValue {
}
