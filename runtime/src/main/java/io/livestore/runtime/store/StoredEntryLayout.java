package io.livestore.runtime.store;

import io.livestore.runtime.table.RecordLayout;

/**
 * How the store uses a {@link io.livestore.runtime.table.RecordArena} record: the table's key and
 * header, then, in the record's value bytes, a small header of the store's own and the value in
 * its generated layout. Offsets are from the record's first byte
 * ({@code RecordArena.offset(ref)}); every offset the store reads comes from here.
 *
 * <pre>
 *  +---------------------------------------------------------------+  0
 *  |          Key, version, last-write time, expiry deadline       |
 *  |                 (the table's {@link RecordLayout})            |
 *  +---------------------------------------------------------------+ 40
 *  |                  Created at (epoch millis)                    |
 *  +---------------------------------------------------------------+ 48
 *  |     Time to live (millis; 0 = the store's expireAfterWrite)   |
 *  +---------------------------------------------------------------+ 56
 *  |                 Value (ValueLayout.size() bytes)             ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The time to live is kept so that a write refreshes an entry's deadline by the entry's own
 * TTL, not the store's. Every field is 8-byte aligned, as value layouts require of their start.
 */
final class StoredEntryLayout {

    /** Offset of the key's most significant 64 bits. */
    static final int KEY_MSB_OFFSET = RecordLayout.KEY_MSB_OFFSET;

    /** Offset of the key's least significant 64 bits. */
    static final int KEY_LSB_OFFSET = RecordLayout.KEY_LSB_OFFSET;

    /** Offset of the entry's version. */
    static final int VERSION_OFFSET = RecordLayout.VERSION_OFFSET;

    /** Offset of the last-write time, epoch milliseconds of the store's clock. */
    static final int LAST_WRITE_TIME_OFFSET = RecordLayout.LAST_WRITE_TIME_OFFSET;

    /** Offset of the expiry deadline, epoch milliseconds, or {@link #NO_DEADLINE}. */
    static final int EXPIRY_DEADLINE_OFFSET = RecordLayout.EXPIRY_DEADLINE_OFFSET;

    /** Offset of the creation time, a {@code long} of epoch milliseconds from the store's clock. */
    static final int CREATED_AT_OFFSET = RecordLayout.VALUE_OFFSET;

    /** Offset of the entry's own time to live in milliseconds, or 0 for the store's default. */
    static final int TTL_OFFSET = CREATED_AT_OFFSET + Long.BYTES;

    /** Offset of the value, 8-byte aligned as layouts require. */
    static final int VALUE_OFFSET = TTL_OFFSET + Long.BYTES;

    /** The expiry deadline of an entry that never expires. */
    static final long NO_DEADLINE = 0;

    private StoredEntryLayout() {
    }

    /** The record's value bytes (the arena's value size) for a value layout of {@code valueSize} bytes. */
    static int recordValueSize(int valueSize) {
        return VALUE_OFFSET - RecordLayout.VALUE_OFFSET + valueSize;
    }
}
