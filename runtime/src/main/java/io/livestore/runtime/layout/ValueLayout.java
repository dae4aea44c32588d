package io.livestore.runtime.layout;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * The fixed binary layout of a {@code @LiveValue} record {@code V} in off-heap memory, generated
 * at compile time as {@code VLayout}.
 *
 * <p>A layout occupies exactly {@link #size()} bytes starting at an offset the caller chooses
 * (the store passes the offset of the value in an entry's record). Primitives are naturally aligned
 * relative to that offset, so when the caller's offset is a multiple of 8, no primitive field
 * straddles a cache line.
 *
 * <p>Implementations are stateless and thread-safe; whoever calls them owns the memory and its
 * publication. Every generated reader, encoder and decoder first checks (with {@link ValueBounds})
 * that the whole value lies within the {@link BytesStore}: Chronicle's native stores do not check
 * offsets themselves, so an offset outside the memory throws {@link IndexOutOfBoundsException}
 * instead of touching memory. The check cannot tell a stale offset inside the memory from a valid
 * one: offsets come from the table, valid until its next write.
 *
 * @param <V> the record type
 */
public interface ValueLayout<V> {

    /** @return the record class this layout encodes */
    Class<V> valueType();

    /** @return the number of bytes one value occupies; a multiple of 8 */
    int size();

    /**
     * A 64-bit fingerprint of the layout: the record's name and, in order, every component's name
     * and type (with string bounds and nested layouts). Stable across recompiles; it changes when
     * a component is added, removed, renamed, reordered or retyped. Snapshots carry it and refuse
     * to load into a layout with another fingerprint.
     *
     * @return the layout fingerprint
     */
    long fingerprint();

    /** @return a readable description of the layout that {@link #fingerprint()} hashes */
    String description();

    /**
     * Writes {@code value} into {@code bytes} at {@code [offset, offset + size())}.
     *
     * @param value the value, with no {@code null} component
     * @param bytes the memory to write
     * @param offset the absolute offset of the value area in {@code bytes}
     * @throws NullPointerException if {@code value} or one of its components is {@code null}
     * @throws IllegalArgumentException if a string is longer than its {@code @MaxLength}; the
     *     message names the record, the component and the length
     */
    void encode(V value, BytesStore<?, ?> bytes, long offset);

    /**
     * Reads the value stored at {@code offset}.
     *
     * @param bytes the memory to read
     * @param offset the absolute offset of the value area in {@code bytes}
     * @return a new record equal to the one that was encoded there
     * @throws IllegalStateException if the bytes do not hold a valid value of this layout (an
     *     enum constant that no longer exists, malformed UTF-8)
     */
    V decode(BytesStore<?, ?> bytes, long offset);
}
