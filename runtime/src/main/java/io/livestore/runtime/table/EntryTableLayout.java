package io.livestore.runtime.table;

/**
 * Where the bytes of one {@link EntryTable} slot live. Every slot offset in this package comes
 * from here; nothing else knows a number.
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
 *  +-------------------------------+-------------------------------+ 16
 *  |             State             |       Reserved (always 0)     |
 *  +-------------------------------+-------------------------------+ 24
 *  |                            Version                            |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 32
 *  |                        Last-write time                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 40
 *  |                        Expiry deadline                        |
 *  |                                                               |
 *  +---------------------------------------------------------------+ 48
 *  |                      Value (valueSize bytes)                 ...
 * ...                  then zero padding to the slot size          |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p><b>Cache lines.</b> The table's first slot starts on a 64-byte boundary. A slot whose
 * header and value fit in 64 bytes (values of up to {@value #VALUE_IN_FIRST_LINE} bytes) is
 * padded to exactly 64 bytes, so a probe that finds the key has the value in the same line: one
 * memory access per lookup. A larger slot is only rounded up to 8 bytes: it spans two lines or
 * more whatever we do, and rounding it up to a multiple of 64 would cost up to 63 bytes per
 * entry to save, at best, one adjacent-line access that the hardware prefetcher usually hides.
 * The key and the header (48 bytes) then sit in one line for every slot only in the 64-byte
 * case; that is the case the store's small values are designed for.
 *
 * <p><b>Invariants.</b> Every field is 8-byte aligned (no torn or split reads), and an empty
 * slot is all zero bytes, so two tables that received the same writes are byte-identical.
 * The state is an {@code int} rather than a flag inside the version so that the version stays
 * a full 64-bit counter owned by the store layer. The reserved word keeps the version aligned;
 * it is written as zero.
 */
public final class EntryTableLayout {

    /** Alignment of the first slot, and the size of a small slot: one x86/ARM cache line. */
    public static final int CACHE_LINE_SIZE = 64;

    /** Offset of the key's most significant 64 bits ({@link java.util.UUID#getMostSignificantBits()}). */
    public static final int KEY_MSB_OFFSET = 0;

    /** Offset of the key's least significant 64 bits. */
    public static final int KEY_LSB_OFFSET = 8;

    /** Offset of the {@code int} state: {@link #STATE_EMPTY} or {@link #STATE_LIVE}. */
    public static final int STATE_OFFSET = 16;

    /** Offset of a reserved {@code int}, always zero, that keeps the following longs aligned. */
    public static final int RESERVED_OFFSET = 20;

    /** Offset of the entry's version, a {@code long} chosen by the caller. */
    public static final int VERSION_OFFSET = 24;

    /** Offset of the last-write time, a {@code long} chosen by the caller (never a clock read here). */
    public static final int LAST_WRITE_TIME_OFFSET = 32;

    /** Offset of the expiry deadline, a {@code long} chosen by the caller. */
    public static final int EXPIRY_DEADLINE_OFFSET = 40;

    /** Offset of the value area: the header's length. */
    public static final int VALUE_OFFSET = 48;

    /**
     * Offset of the version relative to the value area. The same in a slot and in a redo PUT
     * record (whose fields from the version on are laid out as a slot's), so one reader serves
     * both.
     */
    public static final int VERSION_FROM_VALUE = VERSION_OFFSET - VALUE_OFFSET;

    /** Offset of the last-write time relative to the value area, in a slot or a redo PUT record. */
    public static final int LAST_WRITE_TIME_FROM_VALUE = LAST_WRITE_TIME_OFFSET - VALUE_OFFSET;

    /** Offset of the expiry deadline relative to the value area, in a slot or a redo PUT record. */
    public static final int EXPIRY_DEADLINE_FROM_VALUE = EXPIRY_DEADLINE_OFFSET - VALUE_OFFSET;

    /** Bytes of header, key included. */
    public static final int HEADER_LENGTH = VALUE_OFFSET;

    /** The largest value that still lets a slot fit in one cache line. */
    public static final int VALUE_IN_FIRST_LINE = CACHE_LINE_SIZE - HEADER_LENGTH;

    /** Largest accepted value size: a slot larger than a page would defeat the point of a slot. */
    public static final int MAX_VALUE_SIZE = 4096 - HEADER_LENGTH;

    /** State of a slot that holds no entry. It is 0 so that zeroed memory is an empty table. */
    public static final int STATE_EMPTY = 0;

    /** State of a slot that holds an entry. */
    public static final int STATE_LIVE = 1;

    /** Bytes from the first header field that are copied from a redo record: version to value end. */
    static final int REPLICATED_HEADER_OFFSET = VERSION_OFFSET;

    private static final int FIELD_ALIGNMENT = 8;

    private EntryTableLayout() {
    }

    /**
     * Returns the slot size for a value area of {@code valueSize} bytes: 64 when the slot fits in
     * one cache line, else header plus value rounded up to 8 (see the class comment for why).
     *
     * @param valueSize bytes of the value area, 0 to {@link #MAX_VALUE_SIZE}
     * @return the slot size in bytes
     * @throws IllegalArgumentException if {@code valueSize} is out of range, naming it
     */
    public static int slotSize(int valueSize) {
        checkValueSize(valueSize);
        final int unpadded = HEADER_LENGTH + valueSize;
        if (unpadded <= CACHE_LINE_SIZE) {
            return CACHE_LINE_SIZE;
        }
        return (unpadded + FIELD_ALIGNMENT - 1) & -FIELD_ALIGNMENT;
    }

    /**
     * Checks a value size.
     *
     * @param valueSize bytes of the value area
     * @throws IllegalArgumentException if it is negative or above {@link #MAX_VALUE_SIZE}
     */
    public static void checkValueSize(int valueSize) {
        if (valueSize < 0 || valueSize > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException(
                    "valueSize=" + valueSize + " is outside [0, " + MAX_VALUE_SIZE + "]");
        }
    }

    /**
     * Returns the offset of a slot's value area, given the slot's offset.
     *
     * @param slotOffset offset of the slot in its table's bytes
     * @return {@code slotOffset + VALUE_OFFSET}
     */
    public static long valueOffset(long slotOffset) {
        return slotOffset + VALUE_OFFSET;
    }
}
