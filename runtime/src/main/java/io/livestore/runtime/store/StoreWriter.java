package io.livestore.runtime.store;

import static io.livestore.runtime.table.EntryTableLayout.EXPIRY_DEADLINE_FROM_VALUE;
import static io.livestore.runtime.table.EntryTableLayout.LAST_WRITE_TIME_FROM_VALUE;
import static io.livestore.runtime.table.EntryTableLayout.VERSION_FROM_VALUE;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.table.EntryTable;
import io.livestore.runtime.table.EntryTableCopy;
import io.livestore.runtime.table.EntryTableLayout;
import io.livestore.runtime.table.MemoryBudget;
import io.livestore.runtime.table.MemoryLimitExceededException;
import io.livestore.runtime.table.RedoLog;
import io.livestore.runtime.table.Replay;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The store's single writer: the latest state of every key, and the path of a write from the
 * caller's value to both table copies.
 *
 * <p><b>Latest state.</b> Readers see the published copy; the writer must see more, because
 * publication waits while a reader holds the copy to be written. A key's latest state is its
 * latest record in the redo log that the published copy has not replayed yet (found through
 * {@link PendingIndex}), else its slot in the published copy. The writer reads the published copy
 * through a handle of its own, held only inside a write.
 *
 * <p><b>A write.</b> The caller has run the user's code and holds the new value. It is appended
 * to the redo log as finished bytes (encoding validates first; a failure rolls the log back), the
 * batch is committed and queued on the HotRead, which publishes at once when no reader holds the
 * inactive copy. Nothing after the append can throw except for lack of memory, so a write never
 * fails halfway between the copies.
 *
 * <p><b>Memory.</b> An insert that will make the tables grow is admitted only if both copies'
 * next size fits in the budget ({@link MemoryBudget}); growth itself happens later, in replay,
 * where it must not fail.
 *
 * <p>Every method requires {@link #lock}, held by the caller.
 *
 * @param <V> the value type
 */
final class StoreWriter<V> {

    /** Serializes every write and every state change of the store. Never held by a reader. */
    final ReentrantLock lock = new ReentrantLock();

    private final ValueLayout<V> layout;
    private final HotRead<EntryTableCopy, Replay> hotRead;
    private final RedoLog log;
    private final MemoryBudget budget;
    private final int areaSize;

    /** The writer's own view of the published copy; holds it only during a write. */
    private final HotReadHandle<EntryTableCopy> published;

    private final PendingIndex pending = new PendingIndex();

    /** Entries after every write so far, published or not; the tables will have exactly this many. */
    private int size;
    /** The tables' capacity after every write so far (growth is deterministic). */
    private int capacity;

    // The entry found by the last locate(): where its value area starts.
    private BytesStore<?, ?> foundBytes;
    private long foundArea;

    StoreWriter(ValueLayout<V> layout, int expectedEntries, MemoryBudget budget) {
        this.layout = layout;
        this.budget = budget;
        this.areaSize = StoredEntryLayout.areaSize(layout.size());
        final EntryTableCopy first = EntryTableCopy.create(areaSize, expectedEntries, budget);
        HotRead<EntryTableCopy, Replay> created;
        try {
            created = HotRead.create(first);
        } catch (RuntimeException | Error e) {
            first.release();
            throw e;
        }
        this.hotRead = created;
        this.log = first.log();
        this.capacity = EntryTable.initialCapacity(expectedEntries);
        this.published = hotRead.createSharedHandle();
    }

    HotRead<EntryTableCopy, Replay> hotRead() {
        return hotRead;
    }

    ValueLayout<V> layout() {
        return layout;
    }

    /** Entries in the latest state. */
    int size() {
        return size;
    }

    // ------------------------------------------------------------------------------------------
    // Reading the latest state
    // ------------------------------------------------------------------------------------------

    /** Finds the key's latest state; on true, the found* methods describe it. */
    boolean locate(UUID key) {
        return locate(key.getMostSignificantBits(), key.getLeastSignificantBits());
    }

    boolean locate(long msb, long lsb) {
        final long position = pending.get(msb, lsb);
        if (position == PendingIndex.REMOVED) {
            return false;
        }
        if (position >= 0) {
            foundBytes = log.bytes();
            foundArea = log.putValueOffset(position);
            return true;
        }
        final EntryTable table = published.current().table();
        final long slot = table.lookup(msb, lsb);
        if (slot == EntryTable.NO_SLOT) {
            return false;
        }
        foundBytes = table.bytes();
        foundArea = EntryTableLayout.valueOffset(slot);
        return true;
    }

    long foundVersion() {
        return foundBytes.readLong(foundArea + VERSION_FROM_VALUE);
    }

    long foundCreatedAt() {
        return foundBytes.readLong(foundArea + StoredEntryLayout.CREATED_AT_OFFSET);
    }

    long foundTtl() {
        return foundBytes.readLong(foundArea + StoredEntryLayout.TTL_OFFSET);
    }

    long foundDeadline() {
        return foundBytes.readLong(foundArea + EXPIRY_DEADLINE_FROM_VALUE);
    }

    V foundValue() {
        return layout.decode(foundBytes, foundArea + StoredEntryLayout.VALUE_OFFSET);
    }

    /** The found entry, decoded. Allocates. */
    Entry<V> foundEntry(UUID key) {
        return readEntry(key, foundBytes, foundArea, layout);
    }

    /** Decodes the entry whose value area starts at {@code area} (a slot's or a redo record's). */
    static <V> Entry<V> readEntry(UUID key, BytesStore<?, ?> bytes, long area, ValueLayout<V> layout) {
        final long deadline = bytes.readLong(area + EXPIRY_DEADLINE_FROM_VALUE);
        return new Entry<>(key,
                layout.decode(bytes, area + StoredEntryLayout.VALUE_OFFSET),
                bytes.readLong(area + VERSION_FROM_VALUE),
                Instant.ofEpochMilli(bytes.readLong(area + StoredEntryLayout.CREATED_AT_OFFSET)),
                Instant.ofEpochMilli(bytes.readLong(area + LAST_WRITE_TIME_FROM_VALUE)),
                deadline == StoredEntryLayout.NO_DEADLINE ? null : Instant.ofEpochMilli(deadline));
    }

    // ------------------------------------------------------------------------------------------
    // Writing
    // ------------------------------------------------------------------------------------------

    /**
     * Writes the key's new value, committed and queued for publication.
     *
     * @param isNew whether the key has no entry in the latest state (the caller located it)
     * @throws MemoryLimitExceededException if the write does not fit; nothing changed
     * @throws IllegalStateException if the store is full; nothing changed
     * @throws RuntimeException whatever encoding throws for an invalid value; nothing changed
     */
    void put(UUID key, V value, long version, long createdAt, long ttl, long lastWrite, long deadline, boolean isNew) {
        final long msb = key.getMostSignificantBits();
        final long lsb = key.getLeastSignificantBits();
        final int capacityAfter = isNew ? admitInsert() : capacity;
        appendPut(msb, lsb, value, version, createdAt, ttl, lastWrite, deadline);
        if (isNew) {
            size++;
            capacity = capacityAfter;
        }
        publish();
    }

    /** Removes the key (present in the latest state), committed and queued for publication. */
    void remove(UUID key) {
        final long msb = key.getMostSignificantBits();
        final long lsb = key.getLeastSignificantBits();
        appendRemove(msb, lsb);
        size--;
        publish();
    }

    /** Removes the keys (each present in the latest state) in one batch: readers see all or none go. */
    void removeAll(List<UUID> keys) {
        if (keys.isEmpty()) {
            return;
        }
        for (UUID key : keys) {
            appendRemove(key.getMostSignificantBits(), key.getLeastSignificantBits());
        }
        size -= keys.size();
        publish();
    }

    /** Removes every entry. */
    void clear() {
        try {
            log.appendClear();
        } catch (RuntimeException | Error e) {
            log.rollback();
            throw e;
        }
        pending.clearAll();
        size = 0;
        publish();
    }

    /** Publishes what slow readers held back, if they have moved on. */
    void maintain() {
        hotRead.maintain();
        afterQueue();
    }

    /** Closes the HotRead: copies are freed once no reader holds them. Call once, last. */
    void close() {
        published.close();
        hotRead.close();
    }

    private void appendPut(long msb, long lsb, V value, long version, long createdAt, long ttl, long lastWrite,
            long deadline) {
        try {
            final long area = log.appendPut(msb, lsb, version, lastWrite, deadline, areaSize);
            final BytesStore<?, ?> bytes = log.bytes();
            bytes.writeLong(area + StoredEntryLayout.CREATED_AT_OFFSET, createdAt);
            bytes.writeLong(area + StoredEntryLayout.TTL_OFFSET, ttl);
            layout.encode(value, bytes, area + StoredEntryLayout.VALUE_OFFSET);
        } catch (RuntimeException | Error e) {
            // A value that fails validation, or a log that cannot grow: the write never happened.
            log.rollback();
            throw e;
        }
        pending.put(msb, lsb, log.lastAppendedPosition());
    }

    private void appendRemove(long msb, long lsb) {
        try {
            log.appendRemove(msb, lsb);
        } catch (RuntimeException | Error e) {
            log.rollback();
            throw e;
        }
        pending.put(msb, lsb, PendingIndex.REMOVED);
    }

    /**
     * Checks that one more entry fits: in the table's range, and, when it makes both copies grow,
     * in the memory budget. Returns the capacity after the insert.
     */
    private int admitInsert() {
        if (size >= EntryTable.MAX_ENTRIES) {
            throw new IllegalStateException("the store is full: it holds " + size + " entries, the most one store can");
        }
        final int after = EntryTable.capacityAfterInsert(capacity, size);
        if (after != capacity) {
            // Each copy allocates its larger table while it still holds the old one; count both
            // new tables now, as if both grew at once (a lagging copy never needs more).
            final long needed = 2 * EntryTable.bytesFor(after, areaSize);
            if (!budget.wouldFit(needed)) {
                throw new MemoryLimitExceededException(needed, "growing both copies of the table from " + capacity
                        + " to " + after + " slots for entry " + (size + 1), budget.used(), budget.limit());
            }
        }
        return after;
    }

    /** Commits the batch appended so far and queues it; it is published now unless a reader blocks. */
    private void publish() {
        hotRead.queueUpdate(log.commit());
        afterQueue();
    }

    private void afterQueue() {
        // The writer's own hold must never block the next publication.
        published.quiescent();
        if (!pending.isEmpty() && hotRead.pendingActions() == 0) {
            pending.reset();
        }
    }
}
