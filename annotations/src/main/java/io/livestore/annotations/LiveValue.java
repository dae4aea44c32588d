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
 *       stable ids, their codecs and an {@code apply} that dispatches by id (an empty set when
 *       {@code X} has no mutations);
 *   <li>{@code XMessages}, when {@link #messages()} names a message type: the codecs of its
 *       messages, with stable ids, so that messages can leave the JVM (a replica, a websocket);
 *   <li>{@code XView}: an allocation-free view of one entry in a reader's snapshot, with an
 *       accessor per component ({@code view.hp()}, {@code view.name(StringBuilder)}) and nested
 *       values read through their own views ({@code view.at().x()});
 *   <li>{@code XStore}: the typed store of {@code X} ({@code PlayerStore.builder()...build()}),
 *       whose {@code mutate} takes the mutations' sealed parent when they have one and throws its
 *       rejection, with a shortcut per mutation ({@code store.damage(key, 30)}).
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
 *   <li>no two components generate the same member of {@code XLayout} ({@code maxHp} and
 *       {@code max_hp} both give {@code MAX_HP_OFFSET}), and no component generates an accessor
 *       that every {@code XView} already has: {@code version}, {@code createdMillis},
 *       {@code lastWriteMillis}, {@code expiresAtMillis}, {@code isPositioned},
 *       {@code isReadable}, {@code toRecord}, {@code checkedBytes}, {@code valueOffset};
 *   <li>no other type already has the name of a generated class;
 *   <li>{@link #messages()} is a record or a sealed interface whose permitted subtypes are records
 *       (or sealed interfaces of records), and those records follow the component rules above.
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

    /**
     * The type of the messages that subscribers of this value receive: values the store never
     * interprets (a chat line, a ping), as opposed to mutations, which change the value.
     *
     * <p>{@code Void} (the default) declares no message type: messages may then be any object and
     * stay in the process. A declared type gets generated codecs ({@code XMessages}), so messages
     * can be carried as bytes like mutations. It must be a record, or a sealed interface whose
     * permitted subtypes are records (or sealed interfaces whose permitted subtypes are records),
     * without type parameters:
     *
     * <pre>{@code
     * public sealed interface PlayerMessage permits Chat, Ping {}
     * public record Chat(@MaxLength(64) String text) implements PlayerMessage {}
     * public record Ping(long sentAtNanos) implements PlayerMessage {}
     *
     * @LiveValue(messages = PlayerMessage.class)
     * public record Player(@MaxLength(16) String name, int hp) {}
     * }</pre>
     *
     * <p>Each message record has a 32-bit id, the first four bytes of the SHA-256 of its
     * canonical name (as a mutation's by default), and its components follow the same rules and
     * encodings as a value's.
     *
     * @return the message type, or {@code Void.class} for none
     */
    Class<?> messages() default Void.class;
}
