package io.livestore.runtime.table;

import java.util.Objects;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * The redo log of two {@link KeyIndex} copies over one {@link RecordArena}: a write stores its
 * value once, in a fresh arena record, and the log carries only the key and the record's
 * reference to each index copy.
 *
 * <p><b>How a write is recorded.</b> {@link #appendPut} takes a fresh record, writes its key and
 * header, zeroes its value and returns its reference; the caller encodes the value into
 * {@link RecordArena#bytes} at {@link RecordArena#offset} {@code + }{@link RecordLayout#VALUE_OFFSET}.
 * {@link #commit()} ends the batch and returns {@link Replay#NEXT_BATCH}, which the writer queues
 * on the HotRead, one action per batch. {@link #rollback()} drops an uncommitted batch and gives
 * its records back.
 *
 * <p><b>When a record is freed.</b> A PUT, REMOVE or CLEAR unlinks the records its key (or every
 * key) pointed at. The first copy to replay it still leaves the other copy pointing at them; the
 * second copy's replay is the moment no index points at them any more, and that replay runs while
 * no reader holds the copy (HotRead replays only a copy no handle holds), while readers of the
 * other copy cannot reach them (that copy stopped pointing at them while no reader held it
 * either). So the second replay frees them, and no reader can still be reading one. A lagging
 * copy keeps the records it still points at alive: the arena grows instead of the writer waiting.
 *
 * <p><b>Records.</b> Fixed 32 bytes: a long holding the type and the batch-end flag, the key's two
 * longs, the record reference. The log is a ring of a power-of-two number of records addressed by
 * logical position; it doubles while a lagging copy holds records back and goes back to its first
 * size at the first append after both copies caught up, so a burst of lag does not keep its memory.
 *
 * <p><b>Thread-safety.</b> None inside, except for {@link #release}. Appends and replays must not
 * overlap: HotRead calls {@code apply} under its write lock from {@code queueUpdate} and
 * {@code maintain}, so the store appends, commits and calls those under one writer mutex of its
 * own. The store must also stop appending (under that mutex) before it closes the HotRead, since
 * closing leads to the release that frees this memory. Use after the last copy is released
 * throws {@link IllegalStateException}.
 */
public final class IndexLog {

    /** First size of the ring, in records (64 KiB); it is the size it goes back to. */
    static final int INITIAL_RECORDS = 2048;

    static final int RECORD_SIZE = 32;
    private static final int TYPE_AND_FLAGS_OFFSET = 0;
    private static final int KEY_MSB_OFFSET = 8;
    private static final int KEY_LSB_OFFSET = 16;
    private static final int REF_OFFSET = 24;

    private static final long TYPE_MASK = 0xFF;
    private static final long TYPE_PUT = 1;
    private static final long TYPE_REMOVE = 2;
    private static final long TYPE_CLEAR = 3;
    private static final long TYPE_NOOP = 4;
    /** Advances an index growth under way by the number of steps in the key's first long. */
    private static final long TYPE_GROWTH_STEPS = 5;
    private static final long FLAG_BATCH_END = 1L << 8;


    private final RecordArena arena;
    /** Frees each record a replayed CLEAR unlinks; made once so that replay allocates nothing. */
    private final KeyIndex.RecordVisitor freeRecord;
    private final MemoryBudget budget;

    private BytesStore<?, ?> bytes;
    /** Native address of record 0 of {@link #bytes}. */
    private long address;
    /** Records in the ring minus one: the ring holds a power of two. */
    private long mask;
    /** Logical position of the next record. */
    private long tail;
    /** Logical position after the last committed record. */
    private long committed;

    private final CopyCursors cursors = new CopyCursors("an index log");

    /**
     * Budget bytes promised, per copy, for index growths that the copy's replay has still to
     * make (see {@link #promiseIndexGrowth}); index 0 and 1 are the copies' registration order.
     */
    private final long[] promisedGrowth = new long[2];
    /** Bytes promised by the open batch: given back by {@link #rollback}, handed to the copies by {@link #commit}. */
    private long uncommittedPromise;

    /**
     * Creates an empty log feeding index copies over {@code arena}; the log owns the arena from
     * now on and closes it when both copies are released.
     *
     * @param arena where writes store their values
     * @param budget what the ring counts against
     * @throws MemoryLimitExceededException if the first ring does not fit in the budget
     */
    IndexLog(RecordArena arena, MemoryBudget budget) {
        this.arena = Objects.requireNonNull(arena, "arena");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.freeRecord = arena::free;
        allocateRing(INITIAL_RECORDS);
    }

    // ------------------------------------------------------------------------------------------
    // Writer side
    // ------------------------------------------------------------------------------------------

    /**
     * Reserves, refusably, the budget for both copies' indexes to grow to {@code capacity} slots
     * when they replay the insert the caller is about to append. Replay must not fail, so its
     * growth is counted, never refused; without a reservation a copy that lags behind a reader
     * would grow later into budget that arena chunks and the ring took meanwhile, past the limit.
     * Each copy's replay redeems its half when its index grows; {@link #rollback} gives back a
     * promise whose batch is dropped, and {@link #release} what a released copy never redeemed.
     *
     * @param capacity the capacity both indexes will grow to ({@link KeyIndex#capacityAfterInsert})
     * @param purpose what for, for the refusal's message
     * @throws MemoryLimitExceededException if both growths do not fit; nothing reserved
     * @throws IllegalStateException if the log was released
     */
    public void promiseIndexGrowth(int capacity, String purpose) {
        ensureLive();
        final long bytes = 2 * KeyIndex.bytesFor(capacity);
        budget.reserve(bytes, purpose);
        try {
            // The process-wide limit too: the growth itself is then only counted against it
            // (KeyIndex grows a HotRead copy without refusal), so that replay cannot fail.
            OffHeapMemory.promise(bytes, purpose);
        } catch (MemoryLimitExceededException refused) {
            budget.free(bytes);
            throw refused;
        }
        uncommittedPromise += bytes;
    }

    /**
     * Appends a PUT (insert or replace): takes a fresh record holding the key, header and a zeroed
     * value, and returns it for the caller to encode the value into.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @param version the entry's version
     * @param lastWriteTime the write's time, from the caller's clock
     * @param expiryDeadline the entry's expiry deadline, from the caller's clock
     * @return the record's reference in {@link #arena()}
     * @throws MemoryLimitExceededException if the arena or the ring must grow past the budget
     *         (nothing appended, no record taken)
     * @throws IllegalStateException if the log was released
     */
    public int appendPut(long msb, long lsb, long version, long lastWriteTime, long expiryDeadline) {
        ensureLive();
        makeRoomForOne();
        final int ref = arena.allocate();
        arena.writeHeader(ref, msb, lsb, version, lastWriteTime, expiryDeadline);
        // The value and its padding up to the header: a record's bytes depend on its writes only.
        final long record = arena.offset(ref);
        arena.bytes(ref).zeroOut(record + RecordLayout.VALUE_OFFSET, record + arena.layout().versionOffset());
        append(TYPE_PUT, msb, lsb, ref);
        return ref;
    }

    /**
     * Appends a REMOVE.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @throws MemoryLimitExceededException if the ring must grow past the budget (nothing appended)
     * @throws IllegalStateException if the log was released
     */
    public void appendRemove(long msb, long lsb) {
        ensureLive();
        makeRoomForOne();
        append(TYPE_REMOVE, msb, lsb, RecordArena.NO_RECORD);
    }

    /**
     * Appends a GROWTH_STEPS record: each copy's replay advances a growth of its index that is
     * under way by {@code steps} writes' worth ({@link KeyIndex#advanceGrowth}), so that an index
     * that stopped being written mid-growth still finishes it (and frees its old slots). Both
     * copies take the same steps, as for any record.
     *
     * @param steps steps to take, at least 1
     * @throws MemoryLimitExceededException if the ring must grow past the budget (nothing appended)
     * @throws IllegalStateException if the log was released
     */
    public void appendGrowthSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps=" + steps + " must be at least 1");
        }
        ensureLive();
        makeRoomForOne();
        append(TYPE_GROWTH_STEPS, steps, 0, RecordArena.NO_RECORD);
    }

    /**
     * Appends a CLEAR (remove every entry).
     *
     * @throws MemoryLimitExceededException if the ring must grow past the budget (nothing appended)
     * @throws IllegalStateException if the log was released
     */
    public void appendClear() {
        ensureLive();
        makeRoomForOne();
        append(TYPE_CLEAR, 0, 0, RecordArena.NO_RECORD);
    }

    /**
     * Ends the current batch (an empty one is recorded as a no-op, so that every queued action
     * has a batch) and returns the action to queue on the HotRead, once per call.
     *
     * @return {@link Replay#NEXT_BATCH}
     * @throws MemoryLimitExceededException if an empty batch's no-op needs the ring to grow past the budget
     * @throws IllegalStateException if the log was released
     */
    public Replay commit() {
        ensureLive();
        if (tail == committed) {
            makeRoomForOne();
            append(TYPE_NOOP, 0, 0, RecordArena.NO_RECORD);
        }
        final long last = recordAddress(tail - 1);
        UnsafeMemory.unsafePutLong(last, UnsafeMemory.unsafeGetLong(last) | FLAG_BATCH_END);
        committed = tail;
        if (uncommittedPromise != 0) {
            promisedGrowth[0] += uncommittedPromise / 2;
            promisedGrowth[1] += uncommittedPromise / 2;
            uncommittedPromise = 0;
        }
        return Replay.NEXT_BATCH;
    }

    /**
     * Drops the records appended since the last commit and gives their arena records back.
     *
     * @throws IllegalStateException if the log was released
     */
    public void rollback() {
        ensureLive();
        for (long position = committed; position < tail; position++) {
            final long record = recordAddress(position);
            if ((UnsafeMemory.unsafeGetLong(record) & TYPE_MASK) == TYPE_PUT) {
                arena.free((int) UnsafeMemory.unsafeGetLong(record + REF_OFFSET));
            }
        }
        tail = committed;
        givePromiseBack(uncommittedPromise);
        uncommittedPromise = 0;
    }

    /** @return the arena that PUT records' values live in */
    public RecordArena arena() {
        return arena;
    }

    /**
     * Returns the records some copy has not replayed yet, uncommitted ones included.
     *
     * @return records
     * @throws IllegalStateException if the log was released
     */
    public long pendingRecords() {
        ensureLive();
        return tail - head();
    }

    /**
     * Returns the native bytes of the ring now.
     *
     * @return bytes
     * @throws IllegalStateException if the log was released
     */
    public long capacityBytes() {
        ensureLive();
        return bytes.capacity();
    }

    // ------------------------------------------------------------------------------------------
    // Copies
    // ------------------------------------------------------------------------------------------

    /** Registers a copy whose content corresponds to the log up to {@code position}; returns its index. */
    int register(long position) {
        ensureLive();
        return cursors.register(position);
    }

    /** The logical position up to which a copy has replayed. */
    long cursor(int copy) {
        return cursors.get(copy);
    }

    /** Logical position of the next record. */
    long tail() {
        return tail;
    }

    /**
     * Replays the next committed batch after the copy's cursor into {@code index}, freeing the
     * records it unlinks when the other copy has already replayed it (see the class comment).
     * Allocates nothing unless the index grows.
     * Throws only if that growth cannot get memory, or the index is full at
     * {@link KeyIndex#MAX_CAPACITY}: the writer admits inserts beforehand so that neither happens.
     */
    void replayBatch(int copy, KeyIndex index) {
        ensureLive();
        final long other = cursors.other(copy);
        long cursor = cursors.get(copy);
        while (cursor < committed) {
            final long record = recordAddress(cursor);
            final long typeAndFlags = UnsafeMemory.unsafeGetLong(record + TYPE_AND_FLAGS_OFFSET);
            // The other copy replayed this record already (a released copy replays nothing more,
            // and the log is only written while both are registered).
            final boolean second = other != CopyCursors.RELEASED && other > cursor;
            replayRecord(copy, typeAndFlags, record, index, second);
            cursor++;
            if ((typeAndFlags & FLAG_BATCH_END) != 0) {
                break;
            }
        }
        cursors.set(copy, cursor);
    }

    private void replayRecord(int copy, long typeAndFlags, long record, KeyIndex index, boolean second) {
        final long type = typeAndFlags & TYPE_MASK;
        if (type == TYPE_PUT) {
            final int capacityBefore = index.capacity();
            final int unlinked = index.putEntry(UnsafeMemory.unsafeGetLong(record + KEY_MSB_OFFSET),
                    UnsafeMemory.unsafeGetLong(record + KEY_LSB_OFFSET),
                    (int) UnsafeMemory.unsafeGetLong(record + REF_OFFSET));
            final int capacity = index.capacity();
            if (capacity != capacityBefore) {
                redeemGrowth(copy, KeyIndex.bytesFor(capacity));
            }
            if (second && unlinked != RecordArena.NO_RECORD) {
                arena.free(unlinked);
            }
        } else if (type == TYPE_REMOVE) {
            final int unlinked = index.removeEntry(UnsafeMemory.unsafeGetLong(record + KEY_MSB_OFFSET),
                    UnsafeMemory.unsafeGetLong(record + KEY_LSB_OFFSET));
            if (second && unlinked != RecordArena.NO_RECORD) {
                arena.free(unlinked);
            }
        } else if (type == TYPE_CLEAR) {
            if (second) {
                index.forEach(freeRecord);
            }
            index.clearEntries();
        } else if (type == TYPE_GROWTH_STEPS) {
            index.advanceGrowth((int) UnsafeMemory.unsafeGetLong(record + KEY_MSB_OFFSET));
        } else if (type != TYPE_NOOP) {
            throw new IllegalStateException("corrupt index log record: type " + type);
        }
    }

    /**
     * Forgets a copy's cursor; frees the ring and closes the arena once no copy is left.
     * Synchronized: HotRead may release the two copies from two threads at once, after the last write.
     */
    synchronized void release(int copy) {
        // Growth this copy was promised and will never make.
        givePromiseBack(promisedGrowth[copy]);
        promisedGrowth[copy] = 0;
        if (cursors.release(copy)) {
            givePromiseBack(uncommittedPromise);
            uncommittedPromise = 0;
            final BytesStore<?, ?> b = bytes;
            bytes = null;
            OffHeapMemory.free(b, budget);
            arena.close();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    /**
     * The copy's index just grew to {@code bytes} of slots, counted by the growth itself: give
     * back the promise made for it (none if the writer made none, as outside a store).
     */
    private void redeemGrowth(int copy, long bytes) {
        final long redeemed = Math.min(bytes, promisedGrowth[copy]);
        promisedGrowth[copy] -= redeemed;
        givePromiseBack(redeemed);
    }

    /** Gives back promised bytes, to the store's budget and to the process-wide one. */
    private void givePromiseBack(long bytes) {
        budget.free(bytes);
        OffHeapMemory.unpromise(bytes);
    }

    private void append(long type, long msb, long lsb, int ref) {
        final long record = recordAddress(tail);
        UnsafeMemory.unsafePutLong(record + TYPE_AND_FLAGS_OFFSET, type);
        UnsafeMemory.unsafePutLong(record + KEY_MSB_OFFSET, msb);
        UnsafeMemory.unsafePutLong(record + KEY_LSB_OFFSET, lsb);
        UnsafeMemory.unsafePutLong(record + REF_OFFSET, ref);
        tail++;
    }

    /**
     * Makes room for one more record: back to the first size if both copies caught up with a
     * grown ring, twice the size if the ring is full of records a copy still needs. Allocates
     * before it frees, so a refusal leaves the log as it was.
     */
    private void makeRoomForOne() {
        final long head = head();
        final long records = mask + 1;
        if (head == tail && records > INITIAL_RECORDS) {
            final BytesStore<?, ?> old = bytes;
            try {
                allocateRing(INITIAL_RECORDS);
            } catch (MemoryLimitExceededException | OutOfMemoryError refused) {
                // Shrinking is optional: keep the empty, larger ring rather than fail the write
                // (allocateRing changed nothing). A store at its budget would otherwise refuse
                // every later write.
                return;
            }
            OffHeapMemory.freeSoon(old, budget);
        } else if (tail - head == records) {
            final BytesStore<?, ?> old = bytes;
            final long oldAddress = address;
            final long oldMask = mask;
            allocateRing(records * 2);
            for (long position = head; position < tail; position++) {
                UnsafeMemory.MEMORY.copyMemory(oldAddress + (position & oldMask) * RECORD_SIZE,
                        recordAddress(position), RECORD_SIZE);
            }
            OffHeapMemory.freeSoon(old, budget);
        }
    }

    private void allocateRing(long records) {
        final BytesStore<?, ?> ring = OffHeapMemory.allocate(records * RECORD_SIZE,
                "an index log of " + records + " records" + (records > INITIAL_RECORDS
                        ? " (records held back by a copy that a reader holds)" : ""), budget, true);
        bytes = ring;
        address = ring.addressForRead(0);
        mask = records - 1;
    }

    private long recordAddress(long position) {
        return address + (position & mask) * RECORD_SIZE;
    }

    /** The oldest position some copy still needs. */
    private long head() {
        return cursors.head(tail);
    }

    private void ensureLive() {
        if (bytes == null) {
            throw new IllegalStateException("index log is released");
        }
    }
}
