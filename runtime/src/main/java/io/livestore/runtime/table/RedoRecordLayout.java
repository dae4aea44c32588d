package io.livestore.runtime.table;

/**
 * Where the bytes of one {@link RedoLog} record live.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                 Length (whole record, multiple of 8)          |
 *  +---------------+---------------+-------------------------------+  4
 *  |     Type      |     Flags     |         Reserved (0)          |
 *  +---------------+---------------+-------------------------------+  8   REMOVE, PUT only:
 *  |                 Key: most significant 64 bits                 |
 *  +---------------------------------------------------------------+ 16
 *  |                 Key: least significant 64 bits                |
 *  +---------------------------------------------------------------+ 24   PUT only:
 *  |                            Version                            |
 *  +---------------------------------------------------------------+ 32
 *  |                        Last-write time                        |
 *  +---------------------------------------------------------------+ 40
 *  |                        Expiry deadline                        |
 *  +---------------------------------------------------------------+ 48
 *  |                      Value (valueSize bytes)                 ...
 * ...                  then zero padding to a multiple of 8        |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>(Each row above the key is 32 bits; the key and header rows are 64 bits, drawn once.)
 *
 * <p>A PUT record from offset 24 on is laid out exactly as a slot from
 * {@link EntryTableLayout#VERSION_OFFSET} on, so replaying it is one memory copy. Records are
 * 8-byte aligned and their lengths are multiples of 8, so every long in the log is aligned.
 * {@link #FLAG_BATCH_END} marks the last record of a committed batch: one HotRead action
 * replays one batch.
 */
public final class RedoRecordLayout {

    /** Offset of the {@code int} record length, header included. */
    public static final int LENGTH_OFFSET = 0;

    /** Offset of the type byte. */
    public static final int TYPE_OFFSET = 4;

    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = 5;

    /** Offset of a reserved {@code short}, always zero. */
    public static final int RESERVED_OFFSET = 6;

    /** Offset of the key's most significant bits (PUT, REMOVE). */
    public static final int KEY_MSB_OFFSET = 8;

    /** Offset of the key's least significant bits (PUT, REMOVE). */
    public static final int KEY_LSB_OFFSET = 16;

    /** Offset of the version (PUT); the slot fields from the version on follow in slot order. */
    public static final int VERSION_OFFSET = 24;

    /** Offset of the last-write time (PUT). */
    public static final int LAST_WRITE_TIME_OFFSET = 32;

    /** Offset of the expiry deadline (PUT). */
    public static final int EXPIRY_DEADLINE_OFFSET = 40;

    /** Offset of the value bytes (PUT). */
    public static final int VALUE_OFFSET = 48;

    /** Length of a record with no key: CLEAR, NOOP. */
    public static final int HEADER_LENGTH = 8;

    /** Length of a REMOVE record. */
    public static final int REMOVE_LENGTH = VERSION_OFFSET;

    /** Insert or replace an entry: key, header fields, value. */
    public static final byte TYPE_PUT = 1;

    /** Remove an entry by key. */
    public static final byte TYPE_REMOVE = 2;

    /** Remove every entry. */
    public static final byte TYPE_CLEAR = 3;

    /** Changes nothing: ends a batch that had no other record. */
    public static final byte TYPE_NOOP = 4;

    /** Set on the last record of a committed batch. */
    public static final byte FLAG_BATCH_END = 1;

    /** Record alignment and length granularity. */
    public static final int ALIGNMENT = 8;

    private RedoRecordLayout() {
    }

    /**
     * Returns the length of a PUT record for values of {@code valueSize} bytes.
     *
     * @param valueSize bytes of the value area
     * @return the record length, a multiple of 8
     */
    public static int putLength(int valueSize) {
        return (VALUE_OFFSET + valueSize + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** Byte offsets of PUT record fields line up with the slot's, so replay is one copy. */
    static {
        if (VALUE_OFFSET - VERSION_OFFSET != EntryTableLayout.VALUE_OFFSET - EntryTableLayout.VERSION_OFFSET
                || LAST_WRITE_TIME_OFFSET - VERSION_OFFSET
                        != EntryTableLayout.LAST_WRITE_TIME_OFFSET - EntryTableLayout.VERSION_OFFSET
                || EXPIRY_DEADLINE_OFFSET - VERSION_OFFSET
                        != EntryTableLayout.EXPIRY_DEADLINE_OFFSET - EntryTableLayout.VERSION_OFFSET) {
            throw new AssertionError("PUT record fields must follow the slot layout from the version on");
        }
    }
}
