package io.livestore.runtime.store;

import io.livestore.runtime.layout.ValueLayout;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The codecs of a value's message type {@code M}, declared with {@code @LiveValue(messages =
 * M.class)} and generated at compile time as {@code VMessages}: stable ids, a fixed-size codec per
 * message record, and dispatch by id, without reflection. Messages are what a store broadcasts to
 * a value's subscribers without changing the value; in-process they need no codec, and this set
 * is what lets them cross a websocket or reach a replica as bytes.
 *
 * <p>{@code M} is a record, or a sealed interface whose permitted subtypes are records
 * (transitively); the set holds every one of those records. A message record's id is derived from
 * its canonical name alone, so it is the same in every build that contains the record, whatever
 * else the set contains. Encoded messages use the same component encodings as {@link
 * ValueLayout} and as {@link MutationSet}.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <M> the message type
 */
public interface MessageSet<M> {

    /** @return the message type: the record, or the sealed interface of the records */
    Class<M> messageType();

    /** @return the ids of every message record in the set, in ascending order; a new array each call */
    int[] ids();

    /**
     * A 64-bit fingerprint of the whole set: every message record's id, name and encoding. It
     * changes when a record is added or removed or its components change.
     *
     * @return the set's fingerprint
     */
    long fingerprint();

    /**
     * Returns the id of a message.
     *
     * @param message a message
     * @return the id of its record
     * @throws IllegalArgumentException if the message's class is not in the set (a record
     *     permitted by a version of the sealed interface compiled after the set)
     * @throws NullPointerException if {@code message} is {@code null}
     */
    int idOf(M message);

    /**
     * Returns the name of a message record, from which its id is derived.
     *
     * @param id a message id
     * @return the record's canonical name
     * @throws IllegalArgumentException if no message record has this id
     */
    String name(int id);

    /**
     * Returns the number of bytes a message with this id occupies when encoded.
     *
     * @param id a message id
     * @return its encoded size
     * @throws IllegalArgumentException if no message record has this id
     */
    int encodedSize(int id);

    /** @return the largest {@link #encodedSize} in the set */
    int maxEncodedSize();

    /**
     * Writes a message's components at {@code offset} (not its id: the caller frames it).
     *
     * @param message the message
     * @param bytes the memory to write, with room for {@code encodedSize(idOf(message))} bytes
     * @param offset the absolute offset to write at
     * @return the message's id
     * @throws IllegalArgumentException if the message is not in the set, or a string is longer
     *     than its {@code @MaxLength}; nothing is written
     * @throws NullPointerException if the message or one of its components is {@code null}
     * @throws IndexOutOfBoundsException if the encoded message does not fit in {@code bytes} at
     *     {@code offset}
     */
    int encode(M message, BytesStore<?, ?> bytes, long offset);

    /**
     * Reads the message with this id from {@code offset}.
     *
     * @param id the message's id
     * @param bytes the memory to read
     * @param offset the absolute offset of the encoded components
     * @return a new message record equal to the encoded one
     * @throws IllegalArgumentException if no message record has this id
     * @throws IndexOutOfBoundsException if the encoded message does not lie within {@code bytes}
     * @throws IllegalStateException if the bytes do not hold a valid message of this id (an enum
     *     constant that no longer exists, malformed UTF-8)
     */
    M decode(int id, BytesStore<?, ?> bytes, long offset);
}
