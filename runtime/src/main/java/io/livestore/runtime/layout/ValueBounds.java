package io.livestore.runtime.layout;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * The bounds check that every generated reader and writer performs before it touches memory.
 *
 * <p>Why it exists: Chronicle's native {@code BytesStore} does not check offsets; its
 * {@code readLong(offset)} adds the offset to a raw address. A stale, foreign or miscalculated
 * offset would otherwise read or write outside the allocation and could crash the JVM. One
 * comparison per call keeps that a Java exception naming the record, the offset and the memory's
 * size. (The same reason Agrona keeps bounds checks on by default.)
 */
public final class ValueBounds {

    private ValueBounds() {
    }

    /**
     * Checks that {@code [offset, offset + size)} lies within {@code bytes}. Generated layouts
     * call it for a value, generated mutation sets for an encoded mutation.
     *
     * @param bytes the memory
     * @param offset the absolute offset of the value
     * @param size the value's size in bytes
     * @param record the record's simple name (a value or a mutation), for the message
     * @throws IndexOutOfBoundsException if the range is not within the memory, or {@code size}
     *     is negative
     */
    public static void check(BytesStore<?, ?> bytes, long offset, int size, String record) {
        long capacity = bytes.realCapacity();
        // (offset | size) < 0 rejects a negative offset or size in one compare; offset >
        // capacity - size also rejects offsets so large that offset + size overflows.
        if ((offset | size) < 0 || offset > capacity - size) {
            throw new IndexOutOfBoundsException(record + " value at [" + offset + ", " + (offset + size)
                    + ") lies outside the memory's " + capacity + " bytes");
        }
    }

    /**
     * Tells whether a field of {@code length} bytes at {@code offset} lies within {@code bytes}:
     * the same one compare as {@link #check}, for the field encodings of this package, which
     * build their message only when it fails (encoding allocates nothing).
     *
     * @param bytes the memory
     * @param offset the absolute offset of the field
     * @param length the field's length in bytes
     * @return whether {@code [offset, offset + length)} is within the memory, both non-negative
     */
    static boolean fits(BytesStore<?, ?> bytes, long offset, int length) {
        return (offset | length) >= 0 && offset <= bytes.realCapacity() - length;
    }

    /** The error for a field that does not {@link #fits fit}, naming offset, length and capacity. */
    static IndexOutOfBoundsException fieldOutside(String what, BytesStore<?, ?> bytes, long offset, int length) {
        return new IndexOutOfBoundsException(what + " at offset " + offset + ", length " + length
                + " lies outside the memory's capacity of " + bytes.realCapacity() + " bytes");
    }
}
