package io.livestore.runtime.store;

import io.livestore.runtime.layout.ValueLayout;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The closed set of mutations of a {@code @LiveValue} record {@code V}, generated at compile time
 * as {@code VMutations}: stable ids, a fixed-size codec per mutation and an {@code apply} that
 * dispatches by id, without reflection. This is what a journal, a replica or a websocket needs to
 * carry mutations as bytes.
 *
 * <p>A mutation's id is derived from its stable name alone (see {@code @Mutation}), so it is the
 * same in every build that contains the mutation, whatever else the set contains. Encoded
 * mutations use the same component encodings as {@link ValueLayout}.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <V> the value type
 */
public interface MutationSet<V> {

    /** @return the value type the mutations change */
    Class<V> valueType();

    /** @return the ids of every mutation in the set, in ascending order; a new array each call */
    int[] ids();

    /**
     * A 64-bit fingerprint of the whole set: every mutation's id, stable name and encoding.
     * It changes when a mutation is added or removed or its components change.
     *
     * @return the set's fingerprint
     */
    long fingerprint();

    /**
     * Returns the id of a mutation.
     *
     * @param mutation a mutation of {@code V}
     * @return its id
     * @throws IllegalArgumentException if the mutation's class is not in the set (for example a
     *     lambda, or a class compiled separately)
     */
    int idOf(Mutator<V, ?> mutation);

    /**
     * Returns the stable name of a mutation, from which its id is derived.
     *
     * @param id a mutation id
     * @return its stable name
     * @throws IllegalArgumentException if no mutation has this id
     */
    String name(int id);

    /**
     * Returns the number of bytes the mutation with this id occupies when encoded.
     *
     * @param id a mutation id
     * @return its encoded size
     * @throws IllegalArgumentException if no mutation has this id
     */
    int encodedSize(int id);

    /** @return the largest {@link #encodedSize} in the set; 0 if the set is empty */
    int maxEncodedSize();

    /**
     * Writes a mutation's components at {@code offset} (not its id: the caller frames it).
     *
     * @param mutation the mutation
     * @param bytes the memory to write, with room for {@code encodedSize(idOf(mutation))} bytes
     * @param offset the absolute offset to write at
     * @return the mutation's id
     * @throws IllegalArgumentException if the mutation is not in the set, or a string is longer
     *     than its {@code @MaxLength}
     * @throws NullPointerException if a component is {@code null}
     */
    int encode(Mutator<V, ?> mutation, BytesStore<?, ?> bytes, long offset);

    /**
     * Reads the mutation with this id from {@code offset}.
     *
     * @param id the mutation's id
     * @param bytes the memory to read
     * @param offset the absolute offset of the encoded components
     * @return a new mutation record equal to the encoded one
     * @throws IllegalArgumentException if no mutation has this id
     */
    Mutator<V, ?> decode(int id, BytesStore<?, ?> bytes, long offset);

    /**
     * Decodes the mutation with this id and applies it to {@code current}.
     *
     * @param id the mutation's id
     * @param bytes the memory to read the mutation from
     * @param offset the absolute offset of the encoded components
     * @param current the current value
     * @return the new value
     * @throws Exception whatever the mutation's {@code apply} throws to reject it
     * @throws IllegalArgumentException if no mutation has this id
     */
    V apply(int id, BytesStore<?, ?> bytes, long offset, V current) throws Exception;
}
