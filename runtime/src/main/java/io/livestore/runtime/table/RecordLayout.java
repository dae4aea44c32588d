package io.livestore.runtime.table;

/**
 * Where the bytes of one {@link RecordArena} record live: the key, the entry's header and its
 * value, stored once for both copies of the index that points at it.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                 Key: most significant 64 bits                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+  8
 *  |                 Key: least significant 64 bits                |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 16
 *  |                            Version                            |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 24
 *  |                        Last-write time                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 32
 *  |                        Expiry deadline                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 40
 *  |                      Value (valueSize bytes)                 ...
 * ...                  then zero padding to a multiple of 8        |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p><b>Why this shape.</b> The key is in the record, not in the index, so that an index entry
 * is 8 bytes (see {@link KeyIndex}) and the two index copies cost 16 bytes per slot together.
 * No state word: a
 * record is live exactly while an index points at it, and the arena's free list knows the rest.
 * Records are not padded to a cache line: a 16-byte value makes a 56-byte record, and padding
 * it to 64 would cost 8 bytes per entry to save the rare record that straddles two lines.
 */
public final class RecordLayout {

    /** Offset of the key's most significant 64 bits. */
    public static final int KEY_MSB_OFFSET = 0;

    /** Offset of the key's least significant 64 bits. */
    public static final int KEY_LSB_OFFSET = 8;

    /** Offset of the entry's version. */
    public static final int VERSION_OFFSET = 16;

    /** Offset of the last-write time. */
    public static final int LAST_WRITE_TIME_OFFSET = 24;

    /** Offset of the expiry deadline. */
    public static final int EXPIRY_DEADLINE_OFFSET = 32;

    /** Offset of the value: the header's length. */
    public static final int VALUE_OFFSET = 40;

    /** Bytes of key and header before the value. */
    public static final int HEADER_LENGTH = VALUE_OFFSET;

    /**
     * Largest value: a record stays within 4 KiB, one page, so that no value is a large allocation
     * of its own and a generated layout's offsets fit comfortably in an {@code int}.
     */
    public static final int MAX_VALUE_SIZE = 4096 - HEADER_LENGTH;

    private static final int FIELD_ALIGNMENT = 8;

    private RecordLayout() {
    }

    /**
     * Returns the size of a record whose value is {@code valueSize} bytes: header plus value,
     * rounded up to 8 so that every record's longs stay aligned.
     *
     * @param valueSize bytes of the value, 0 to {@link #MAX_VALUE_SIZE}
     * @return the record size in bytes
     * @throws IllegalArgumentException if {@code valueSize} is out of range, naming it
     */
    public static int recordSize(int valueSize) {
        if (valueSize < 0 || valueSize > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("valueSize=" + valueSize + " is outside [0, " + MAX_VALUE_SIZE + "]");
        }
        return (HEADER_LENGTH + valueSize + FIELD_ALIGNMENT - 1) & -FIELD_ALIGNMENT;
    }
}
