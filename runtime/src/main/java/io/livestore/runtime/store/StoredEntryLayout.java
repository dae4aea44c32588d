package io.livestore.runtime.store;

/**
 * How the store uses the value area of a table slot (and of a redo PUT record, laid out alike):
 * a small header of its own, then the value in the value's generated layout.
 *
 * <pre>
 *  +---------------------------------------------------------------+  0
 *  |                  Created at (epoch millis)                    |
 *  +---------------------------------------------------------------+  8
 *  |     Time to live (millis; 0 = the store's expireAfterWrite)   |
 *  +---------------------------------------------------------------+ 16
 *  |                 Value (ValueLayout.size() bytes)             ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The table's own header (before the value area) holds the version, the last-write time and
 * the expiry deadline; those are read at {@code EntryTableLayout.*_FROM_VALUE}. The time to live
 * is kept so that a write refreshes an entry's deadline by the entry's own TTL, not the store's.
 */
final class StoredEntryLayout {

    /** Offset of the creation time, a {@code long} of epoch milliseconds from the store's clock. */
    static final int CREATED_AT_OFFSET = 0;

    /** Offset of the entry's own time to live in milliseconds, or 0 for the store's default. */
    static final int TTL_OFFSET = 8;

    /** Offset of the value, 8-byte aligned as layouts require. */
    static final int VALUE_OFFSET = 16;

    /** The expiry deadline of an entry that never expires. */
    static final long NO_DEADLINE = 0;

    private StoredEntryLayout() {
    }

    /** Bytes of the value area for a value layout of {@code valueSize} bytes. */
    static int areaSize(int valueSize) {
        return VALUE_OFFSET + valueSize;
    }
}
