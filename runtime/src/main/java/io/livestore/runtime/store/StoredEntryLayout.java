package io.livestore.runtime.store;

import io.livestore.runtime.table.RecordLayout;

/**
 * How the store uses a {@link io.livestore.runtime.table.RecordArena} record: the table's key,
 * then, in the record's value bytes, the value in its generated layout followed by two fields of
 * the store's own, then the table's header. Offsets are from the record's first byte
 * ({@code RecordArena.offset(ref)}); every offset the store reads comes from here. One instance
 * per store, since everything after the value moves with the value's size.
 *
 * <pre>
 *  +---------------------------------------------------------------+  0
 *  |                  Key (the table's {@link RecordLayout})       |
 *  +---------------------------------------------------------------+ 16
 *  |                 Value (ValueLayout.size() bytes)             ...
 * ...                  then zero padding to a multiple of 8        |
 *  +---------------------------------------------------------------+ c = 16 + value size rounded up to 8
 *  |                  Created at (epoch millis)                    |
 *  +---------------------------------------------------------------+ c + 8
 *  |     Time to live (millis; 0 = the store's expireAfterWrite)   |
 *  +---------------------------------------------------------------+ c + 16
 *  |  Version, last-write time, expiry deadline (the table's header) |
 *  +---------------------------------------------------------------+ c + 40: the record's size
 * </pre>
 *
 * <p>The value right after the key puts a small value's fields in the key's cache line for most
 * records: a lookup reads the key, then a field, and a view's read of an entry not in cache then
 * costs one miss in the arena, not two. The time to live is kept so that a write refreshes an
 * entry's deadline by the entry's own TTL, not the store's. Every field is 8-byte aligned, as
 * value layouts require of their start.
 */
final class StoredEntryLayout {

    /** Offset of the key's most significant 64 bits. */
    static final int KEY_MSB_OFFSET = RecordLayout.KEY_MSB_OFFSET;

    /** Offset of the key's least significant 64 bits. */
    static final int KEY_LSB_OFFSET = RecordLayout.KEY_LSB_OFFSET;

    /** Offset of the value, 8-byte aligned as layouts require: the same for every store. */
    static final int VALUE_OFFSET = RecordLayout.VALUE_OFFSET;

    /** Bytes of the store's own fields in a record's value bytes (created-at and time to live). */
    static final int OWN_FIELDS_SIZE = 2 * Long.BYTES;

    /** The expiry deadline of an entry that never expires. */
    static final long NO_DEADLINE = 0;

    /** Bytes of the record's value area: the value, its padding and the store's own fields. */
    final int recordValueSize;

    /** Offset of the creation time, a {@code long} of epoch milliseconds from the store's clock. */
    final int createdAtOffset;

    /** Offset of the entry's own time to live in milliseconds, or 0 for the store's default. */
    final int ttlOffset;

    /** Offset of the entry's version. */
    final int versionOffset;

    /** Offset of the last-write time, epoch milliseconds of the store's clock. */
    final int lastWriteTimeOffset;

    /** Offset of the expiry deadline, epoch milliseconds, or {@link #NO_DEADLINE}. */
    final int expiryDeadlineOffset;

    private StoredEntryLayout(int valueSize) {
        final int alignedValueSize = (valueSize + Long.BYTES - 1) & -Long.BYTES;
        this.recordValueSize = alignedValueSize + OWN_FIELDS_SIZE;
        this.createdAtOffset = VALUE_OFFSET + alignedValueSize;
        this.ttlOffset = createdAtOffset + Long.BYTES;
        final RecordLayout record = RecordLayout.forValueSize(recordValueSize);
        this.versionOffset = record.versionOffset();
        this.lastWriteTimeOffset = record.lastWriteTimeOffset();
        this.expiryDeadlineOffset = record.expiryDeadlineOffset();
    }

    /**
     * Returns where a store's records put everything, for values of {@code valueSize} bytes.
     *
     * @param valueSize the value layout's size, at most {@link #MAX_VALUE_SIZE}
     * @return the layout
     * @throws IllegalArgumentException if the value is too large for a record
     */
    static StoredEntryLayout forValueSize(int valueSize) {
        if (valueSize < 0 || valueSize > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("valueSize=" + valueSize + " is outside [0, " + MAX_VALUE_SIZE + "]");
        }
        return new StoredEntryLayout(valueSize);
    }

    /** Largest value layout a store takes: with the store's own fields it still fits a table record. */
    static final int MAX_VALUE_SIZE = RecordLayout.MAX_VALUE_SIZE - OWN_FIELDS_SIZE;

    @Override
    public String toString() {
        return "StoredEntryLayout[value at " + VALUE_OFFSET + ", created-at at " + createdAtOffset
                + ", version at " + versionOffset + ", record value size " + recordValueSize + "]";
    }
}
