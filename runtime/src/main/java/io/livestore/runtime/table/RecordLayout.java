package io.livestore.runtime.table;

/**
 * Where the bytes of one {@link RecordArena} record live: the key, the value, then the entry's
 * header, stored once for both copies of the index that points at it. One instance per value
 * size ({@link #forValueSize}); the key and the value are at fixed offsets, the header after the
 * value.
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
 *  |                      Value (valueSize bytes)                 ...
 * ...                  then zero padding to a multiple of 8        |
 *  +---------------------------------------------------------------+ h = 16 + valueSize rounded up to 8
 *  |                            Version                            |
 *  |                                                               |
 *  +---------------------------------------------------------------+ h + 8
 *  |                        Last-write time                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+ h + 16
 *  |                        Expiry deadline                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+ h + 24: the record's size
 * </pre>
 *
 * <p><b>Why this shape.</b> The key is in the record, not in the index, so that an index entry
 * is 8 bytes (see {@link KeyIndex}) and the two index copies cost 16 bytes per slot together.
 * The value follows the key because a lookup reads the key (the probe's comparison) and then a
 * field of the value: with the value right behind the key, both are in one cache line for most
 * records and a lookup of an entry not in cache costs one miss in the arena instead of two. The
 * header, which reads rarely touch, goes last. No state word: a record is live exactly while an
 * index points at it, and the arena's free list knows the rest. Records are not padded to a cache
 * line: a 16-byte value makes a 56-byte record, and padding it to 64 would cost 8 bytes per entry.
 */
public final class RecordLayout {

    /** Offset of the key's most significant 64 bits. */
    public static final int KEY_MSB_OFFSET = 0;

    /** Offset of the key's least significant 64 bits. */
    public static final int KEY_LSB_OFFSET = 8;

    /** Offset of the value: right after the key, whatever the value's size. */
    public static final int VALUE_OFFSET = 16;

    /** Bytes of a record besides its value: the key and the three header longs. */
    public static final int OVERHEAD = VALUE_OFFSET + 3 * Long.BYTES;

    /**
     * Largest value: a record stays within 4 KiB, one page, so that no value is a large allocation
     * of its own and a generated layout's offsets fit comfortably in an {@code int}.
     */
    public static final int MAX_VALUE_SIZE = 4096 - OVERHEAD;

    private static final int FIELD_ALIGNMENT = 8;

    private final int valueSize;
    /** Offset of the header's first long (the version): the value's end, rounded up to 8. */
    private final int headerOffset;

    private RecordLayout(int valueSize) {
        this.valueSize = valueSize;
        this.headerOffset = VALUE_OFFSET + alignedValueSize(valueSize);
    }

    /**
     * Returns the layout of records whose value is {@code valueSize} bytes.
     *
     * @param valueSize bytes of the value, 0 to {@link #MAX_VALUE_SIZE}
     * @return the layout
     * @throws IllegalArgumentException if {@code valueSize} is out of range, naming it
     */
    public static RecordLayout forValueSize(int valueSize) {
        return new RecordLayout(checkValueSize(valueSize));
    }

    /**
     * Returns the size of a record whose value is {@code valueSize} bytes: key, value and header,
     * a multiple of 8 so that every record's longs stay aligned.
     *
     * @param valueSize bytes of the value, 0 to {@link #MAX_VALUE_SIZE}
     * @return the record size in bytes
     * @throws IllegalArgumentException if {@code valueSize} is out of range, naming it
     */
    public static int recordSize(int valueSize) {
        return OVERHEAD + alignedValueSize(checkValueSize(valueSize));
    }

    /** @return bytes of the value */
    public int valueSize() {
        return valueSize;
    }

    /** @return bytes of a record */
    public int recordSize() {
        return headerOffset + 3 * Long.BYTES;
    }

    /** @return offset of the entry's version */
    public int versionOffset() {
        return headerOffset;
    }

    /** @return offset of the last-write time */
    public int lastWriteTimeOffset() {
        return headerOffset + Long.BYTES;
    }

    /** @return offset of the expiry deadline */
    public int expiryDeadlineOffset() {
        return headerOffset + 2 * Long.BYTES;
    }

    /**
     * Whether {@code fieldOffset} is the offset of one of the key's or the header's longs.
     *
     * @param fieldOffset an offset in the record
     * @return true for the key's two longs and the header's three
     */
    public boolean isKeyOrHeaderLong(int fieldOffset) {
        return fieldOffset == KEY_MSB_OFFSET || fieldOffset == KEY_LSB_OFFSET
                || fieldOffset == versionOffset() || fieldOffset == lastWriteTimeOffset()
                || fieldOffset == expiryDeadlineOffset();
    }

    @Override
    public String toString() {
        return "RecordLayout[valueSize=" + valueSize + ", recordSize=" + recordSize() + ", header at " + headerOffset + "]";
    }

    private static int alignedValueSize(int valueSize) {
        return (valueSize + FIELD_ALIGNMENT - 1) & -FIELD_ALIGNMENT;
    }

    private static int checkValueSize(int valueSize) {
        if (valueSize < 0 || valueSize > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("valueSize=" + valueSize + " is outside [0, " + MAX_VALUE_SIZE + "]");
        }
        return valueSize;
    }
}
