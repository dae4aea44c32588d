package io.livestore.runtime.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import io.livestore.runtime.hotread.MaintainResult;
import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.table.IndexCopy;
import io.livestore.runtime.table.IndexLog;
import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.MemoryBudget;
import io.livestore.runtime.table.MemoryLimitExceededException;
import io.livestore.runtime.table.RecordArena;
import io.livestore.runtime.table.Replay;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The store's single writer: the latest state of every key, and the path of a write from the
 * caller's value to both index copies.
 *
 * <p><b>Latest state.</b> Readers see the published copy; the writer must see more, because
 * publication waits while a reader holds the copy to be written. A key's latest state is the
 * record of its latest write that the published copy has not replayed yet (found through
 * {@link PendingIndex}), else the record the published copy's index points at. The writer reads
 * the published copy through a handle of its own; it may stay held after a read ({@code get}),
 * but always at the published generation, so it never holds publication back.
 *
 * <p><b>A write.</b> The caller has run the user's code and holds the new value. A PUT takes a
 * fresh arena record from the index log and encodes the value into it (encoding validates first;
 * a failure rolls the log back and gives the record back); the batch is committed and queued on
 * the HotRead, which publishes at once when no reader holds the inactive copy. The value is
 * written once: each copy's replay only points its index at the record. Nothing after the append
 * can throw except for lack of memory, so a write never fails halfway between the copies.
 *
 * <p><b>Memory.</b> An insert that will make the indexes grow is admitted only if both copies'
 * next index fits in the budget ({@link MemoryBudget}), and that room is reserved until each
 * copy's replay grows into it ({@link IndexLog#promiseIndexGrowth}); growth itself happens in
 * replay, where it must not fail. Records and the log ring grow during the append, where a
 * refusal leaves everything unchanged.
 *
 * <p>Every method requires {@link #lock}, held by the caller.
 *
 * @param <V> the value type
 */
final class StoreWriter<V> {

    /** Largest value layout a store takes: its record, with the store's own fields, fits a table record. */
    static final int MAX_VALUE_SIZE = StoredEntryLayout.MAX_VALUE_SIZE;

    /**
     * The most batches one write or maintenance step replays into a copy (HotRead's catch-up
     * limit). A replayed batch of one record costs an index write, a random cache miss into an
     * index of millions of slots (about 0.1–0.3 µs), so a step stays near a millisecond; a copy
     * that a reader held through a burst of millions of writes catches up over many steps,
     * between which other writers get the lock.
     */
    static final int CATCH_UP_BATCHES = 4096;

    /** Serializes every write and every state change of the store. Never held by a reader. */
    final ReentrantLock lock = new ReentrantLock();

    private final ValueLayout<V> layout;
    private final StoredEntryLayout entryLayout;
    private final HotRead<IndexCopy, Replay> hotRead;
    private final IndexLog log;
    private final RecordArena arena;

    /** The writer's own view of the published copy; holds it only during a write. */
    private final HotReadHandle<IndexCopy> published;

    private final PendingIndex pending = new PendingIndex();

    /** Entries after every write so far, published or not; the indexes will have exactly this many. */
    private int size;
    /** The indexes' capacity after every write so far (growth is deterministic). */
    private int capacity;

    // The entry found by the last locate(): its record's memory and offset there.
    private BytesStore<?, ?> foundBytes;
    private long foundRecord;

    StoreWriter(ValueLayout<V> layout, int expectedEntries, MemoryBudget budget) {
        this.layout = layout;
        if (layout.size() > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("a " + layout.valueType().getName() + " takes " + layout.size()
                    + " bytes in its layout; a store holds values of at most " + MAX_VALUE_SIZE
                    + " bytes (bound its strings and lists more tightly, or split the record)");
        }
        this.entryLayout = StoredEntryLayout.forValueSize(layout.size());
        final IndexCopy first = IndexCopy.create(entryLayout.recordValueSize, expectedEntries, budget);
        HotRead<IndexCopy, Replay> created;
        try {
            created = HotRead.create(first, CATCH_UP_BATCHES);
        } catch (RuntimeException | Error e) {
            first.release();
            throw e;
        }
        this.hotRead = created;
        this.log = first.log();
        this.arena = first.arena();
        this.capacity = KeyIndex.capacityFor(expectedEntries);
        this.published = hotRead.createSharedHandle();
    }

    HotRead<IndexCopy, Replay> hotRead() {
        return hotRead;
    }

    ValueLayout<V> layout() {
        return layout;
    }

    /** Where this store's records keep each field. */
    StoredEntryLayout entryLayout() {
        return entryLayout;
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
        int ref = pending.get(msb, lsb);
        if (ref == PendingIndex.REMOVED) {
            return false;
        }
        if (ref == PendingIndex.NOT_PENDING) {
            // The published copy's index points only at live records, and holding it keeps them so.
            ref = published.current().index().find(msb, lsb);
            if (ref == KeyIndex.NO_RECORD) {
                return false;
            }
        }
        foundBytes = arena.bytes(ref);
        foundRecord = arena.offset(ref);
        return true;
    }

    long foundVersion() {
        return foundBytes.readLong(foundRecord + entryLayout.versionOffset);
    }

    long foundCreatedAt() {
        return foundBytes.readLong(foundRecord + entryLayout.createdAtOffset);
    }

    long foundTtl() {
        return foundBytes.readLong(foundRecord + entryLayout.ttlOffset);
    }

    long foundDeadline() {
        return foundBytes.readLong(foundRecord + entryLayout.expiryDeadlineOffset);
    }

    V foundValue() {
        return layout.decode(foundBytes, foundRecord + StoredEntryLayout.VALUE_OFFSET);
    }

    /** The found entry, decoded. Allocates. */
    Entry<V> foundEntry(UUID key) {
        return readEntry(key, foundBytes, foundRecord, layout, entryLayout);
    }

    /**
     * Decodes the entry whose record starts at {@code record} in {@code bytes}: the header first,
     * then the value, whose decoding runs user code (constructors) that may make the record go
     * away; readers check their hold afterwards ({@link StoreReader#readEntryHeld}).
     */
    static <V> Entry<V> readEntry(UUID key, BytesStore<?, ?> bytes, long record, ValueLayout<V> layout,
            StoredEntryLayout entryLayout) {
        final long version = bytes.readLong(record + entryLayout.versionOffset);
        final long createdAt = bytes.readLong(record + entryLayout.createdAtOffset);
        final long lastWrite = bytes.readLong(record + entryLayout.lastWriteTimeOffset);
        final long deadline = bytes.readLong(record + entryLayout.expiryDeadlineOffset);
        return new Entry<>(key, layout.decode(bytes, record + StoredEntryLayout.VALUE_OFFSET), version,
                Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastWrite),
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
        final int capacityAfter = isNew ? admitInsert() : capacity; // may reserve: appendPut rolls back
        appendPut(msb, lsb, value, version, createdAt, ttl, lastWrite, deadline);
        if (isNew) {
            size++;
            capacity = capacityAfter;
        }
        publish();
    }

    /** Removes the key (present in the latest state), committed and queued for publication. */
    void remove(UUID key) {
        removeAll(List.of(key));
    }

    /** Removes the keys (each present in the latest state) in one batch: readers see all or none go. */
    void removeAll(List<UUID> keys) {
        if (keys.isEmpty()) {
            return;
        }
        try {
            for (UUID key : keys) {
                log.appendRemove(key.getMostSignificantBits(), key.getLeastSignificantBits());
            }
        } catch (RuntimeException | Error e) {
            // The ring could not grow: none of the batch happened.
            log.rollback();
            throw e;
        }
        // Only once the whole batch is appended: a failure above must leave the latest state as it was.
        for (UUID key : keys) {
            pending.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), PendingIndex.REMOVED);
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

    /**
     * One step of publishing what slow readers held back, if they have moved on: at most
     * {@link #CATCH_UP_BATCHES} batches.
     *
     * @return whether a further step has work to do now (no reader blocks it)
     */
    boolean maintain() {
        final MaintainResult step = hotRead.maintain();
        afterQueue();
        return !step.caughtUp() && !step.blockedByWorkers();
    }

    /**
     * Growth steps a maintenance pass takes for an index that is no longer written: at most a
     * couple of milliseconds under the writer lock (128 pages zeroed, or 1,024 old slots moved,
     * per copy), so that an idle store finishes a growth in seconds and frees its old slots.
     */
    static final int IDLE_GROWTH_STEPS = 128;

    /**
     * If everything is published and the published index is still growing (writes stopped
     * mid-growth), logs {@link #IDLE_GROWTH_STEPS} growth steps for both copies and publishes them.
     *
     * @return whether it logged steps
     */
    boolean advanceIdleGrowth() {
        if (hotRead.pendingActions() != 0) {
            return false; // writes are still being published: they take growth steps themselves
        }
        final boolean growing;
        try {
            growing = published.current().index().isGrowing();
        } finally {
            published.quiescent();
        }
        if (!growing || !hotRead.blockingHandles().isEmpty()) {
            return false; // nothing to do, or a reader holds the copy the steps would go to first
        }
        try {
            log.appendGrowthSteps(IDLE_GROWTH_STEPS);
        } catch (RuntimeException | Error e) {
            log.rollback();
            throw e;
        }
        publish();
        return true;
    }

    /** Closes the HotRead: copies are freed once no reader holds them. Call once, last. */
    void close() {
        published.close();
        hotRead.close();
    }

    private void appendPut(long msb, long lsb, V value, long version, long createdAt, long ttl, long lastWrite,
            long deadline) {
        final int ref;
        try {
            ref = log.appendPut(msb, lsb, version, lastWrite, deadline);
            final BytesStore<?, ?> bytes = arena.bytes(ref);
            final long record = arena.offset(ref);
            bytes.writeLong(record + entryLayout.createdAtOffset, createdAt);
            bytes.writeLong(record + entryLayout.ttlOffset, ttl);
            layout.encode(value, bytes, record + StoredEntryLayout.VALUE_OFFSET);
        } catch (RuntimeException | Error e) {
            // A value that fails validation, or an arena or log that cannot grow: the write
            // never happened, and the batch's records go back to the arena.
            log.rollback();
            throw e;
        }
        pending.put(msb, lsb, ref);
    }

    /**
     * Checks that one more entry fits: in the index's range, and, when it makes both copies'
     * indexes grow, in the memory budget, where the growth is reserved until each copy's replay
     * makes it (a copy that lags behind a reader grows later, and nothing else may take its
     * room meanwhile). Returns the capacity after the insert. The reservation belongs to the
     * batch about to be appended: a rollback gives it back.
     */
    private int admitInsert() {
        if (size >= KeyIndex.MAX_ENTRIES) {
            throw new IllegalStateException("the store is full: it holds " + size + " entries, the most one store can");
        }
        final int after = KeyIndex.capacityAfterInsert(capacity, size);
        if (after != capacity) {
            log.promiseIndexGrowth(after, "growing both copies of the key index from " + capacity + " to " + after
                    + " slots for entry " + (size + 1));
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
