package io.livestore.runtime.table;

import static io.livestore.runtime.table.RedoRecordLayout.EXPIRY_DEADLINE_OFFSET;
import static io.livestore.runtime.table.RedoRecordLayout.FLAGS_OFFSET;
import static io.livestore.runtime.table.RedoRecordLayout.FLAG_BATCH_END;
import static io.livestore.runtime.table.RedoRecordLayout.HEADER_LENGTH;
import static io.livestore.runtime.table.RedoRecordLayout.KEY_LSB_OFFSET;
import static io.livestore.runtime.table.RedoRecordLayout.KEY_MSB_OFFSET;
import static io.livestore.runtime.table.RedoRecordLayout.LAST_WRITE_TIME_OFFSET;
import static io.livestore.runtime.table.RedoRecordLayout.LENGTH_OFFSET;
import static io.livestore.runtime.table.RedoRecordLayout.REMOVE_LENGTH;
import static io.livestore.runtime.table.RedoRecordLayout.RESERVED_OFFSET;
import static io.livestore.runtime.table.RedoRecordLayout.TYPE_CLEAR;
import static io.livestore.runtime.table.RedoRecordLayout.TYPE_NOOP;
import static io.livestore.runtime.table.RedoRecordLayout.TYPE_OFFSET;
import static io.livestore.runtime.table.RedoRecordLayout.TYPE_PUT;
import static io.livestore.runtime.table.RedoRecordLayout.TYPE_REMOVE;
import static io.livestore.runtime.table.RedoRecordLayout.VALUE_OFFSET;
import static io.livestore.runtime.table.RedoRecordLayout.VERSION_OFFSET;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * The physical redo log shared by the two copies of an entry table: every write is recorded
 * once, off-heap, and replayed identically into each copy.
 *
 * <p><b>How a write is recorded.</b> The writer appends records ({@link #appendPut},
 * {@link #appendRemove}, {@link #appendClear}); a PUT returns the offset in {@link #bytes()}
 * where the caller encodes the value (the area is zeroed first). {@link #commit()} marks the
 * last record as the end of a batch and returns {@link Replay#NEXT_BATCH}, which the writer
 * queues on the HotRead: one action per batch, whatever its size. Records of an uncommitted
 * batch are invisible to replay and can be dropped with {@link #rollback()}.
 *
 * <p><b>How a copy replays.</b> Each copy has its own cursor (a logical byte position in the
 * log). Applying {@code NEXT_BATCH} to a copy replays the records from its cursor through the
 * next batch end, in order, and advances the cursor. The record at a position never changes
 * while a cursor is before it, so replay reads nothing but the copy's cursor and immutable log
 * bytes: it is deterministic, and HotRead's "each action once per copy, in queue order" makes
 * both copies pass through the same batches and end byte-identical. A PUT is applied as one
 * memory copy of header and value into the slot (the record's layout matches the slot's).
 *
 * <p><b>When space is reclaimed.</b> A record can go once every registered copy's cursor is past
 * it. Reclaiming is lazy and costs nothing per record: when the cursors of all copies meet the
 * end of the log (the usual state right after both copies caught up), the next append starts
 * again at offset 0; when an append does not fit, the unreplayed tail is moved to the front (if
 * it fills at most half the log) or into a log of twice the size. A lagging copy (a reader
 * holding it for long) therefore makes the log grow, never the writer wait. Steady-state
 * appends and replays allocate nothing on the heap.
 *
 * <p><b>Thread-safety.</b> None inside, except for release. Appends and replays must not
 * overlap: HotRead calls {@code apply} under its write lock from {@code queueUpdate} and
 * {@code maintain}, so the store appends, commits and calls those under one writer mutex of its
 * own. The store must also stop appending (under that mutex) before it closes the HotRead,
 * since closing leads to the release that frees this memory.
 *
 * <p>Use after the last copy is released throws {@link IllegalStateException}.
 */
public final class RedoLog {

    /** First size of the log; it grows by doubling while copies lag. */
    static final int INITIAL_CAPACITY = 64 * 1024;


    private final int valueSize;
    private final int putLength;
    /** Growth of the log is refused by it: growth happens in an append, before the commit. */
    private final MemoryBudget budget;

    private BytesStore<?, ?> bytes;
    /** Logical position of physical offset 0. */
    private long origin;
    /** Logical position where the next record goes. */
    private long tail;
    /** Logical position after the last committed record; replay never goes past it. */
    private long committed;
    /** Logical position of the last appended record not yet committed, or -1. */
    private long lastUncommitted = -1;

    private final CopyCursors cursors = new CopyCursors("a redo log");

    /**
     * Creates an empty log for PUT records with {@code valueSize}-byte values.
     *
     * @param valueSize bytes of each value, as for the tables it feeds
     * @throws IllegalArgumentException if {@code valueSize} is out of range
     * @throws OutOfMemoryError if the memory cannot be had
     */
    RedoLog(int valueSize, MemoryBudget budget) {
        EntryTableLayout.checkValueSize(valueSize);
        this.valueSize = valueSize;
        this.putLength = RedoRecordLayout.putLength(valueSize);
        this.budget = budget;
        this.bytes = OffHeapMemory.allocate(Math.max(INITIAL_CAPACITY, 2L * putLength), "a redo log", budget, true);
    }

    // ------------------------------------------------------------------------------------------
    // Writer side
    // ------------------------------------------------------------------------------------------

    /**
     * Appends a PUT record (insert or replace) and returns where its value goes.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @param version the entry's version
     * @param lastWriteTime the write's time, from the caller's clock
     * @param expiryDeadline the entry's expiry deadline, from the caller's clock
     * @param valueLength bytes the caller will write into the value area (its value layout's
     *        size, plus any header of its own): checked against the log's value size, so that a
     *        value too large for the tables' slots is refused before anything is appended
     * @return the offset in {@link #bytes()} of the zeroed value area, {@code valueSize} bytes,
     *         valid until the next append
     * @throws IllegalArgumentException if {@code valueLength} is negative or larger than the
     *         value area, naming both sizes (nothing appended)
     * @throws IllegalStateException if the log was released
     * @throws OutOfMemoryError if the log must grow and cannot
     */
    public long appendPut(long msb, long lsb, long version, long lastWriteTime, long expiryDeadline,
            int valueLength) {
        if (valueLength < 0 || valueLength > valueSize) {
            throw new IllegalArgumentException(EntryTable.valueLengthMessage(valueLength, valueSize, "this redo log"));
        }
        final long record = append(TYPE_PUT, putLength);
        final BytesStore<?, ?> b = bytes;
        b.writeLong(record + KEY_MSB_OFFSET, msb);
        b.writeLong(record + KEY_LSB_OFFSET, lsb);
        b.writeLong(record + VERSION_OFFSET, version);
        b.writeLong(record + LAST_WRITE_TIME_OFFSET, lastWriteTime);
        b.writeLong(record + EXPIRY_DEADLINE_OFFSET, expiryDeadline);
        // Zeroed so that bytes the codec skips (padding) are the same in both copies.
        b.zeroOut(record + VALUE_OFFSET, record + putLength);
        return record + VALUE_OFFSET;
    }

    /**
     * Appends a REMOVE record.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @throws IllegalStateException if the log was released
     * @throws OutOfMemoryError if the log must grow and cannot
     */
    public void appendRemove(long msb, long lsb) {
        final long record = append(TYPE_REMOVE, REMOVE_LENGTH);
        bytes.writeLong(record + KEY_MSB_OFFSET, msb);
        bytes.writeLong(record + KEY_LSB_OFFSET, lsb);
    }

    /**
     * Appends a CLEAR record (remove every entry).
     *
     * @throws IllegalStateException if the log was released
     * @throws OutOfMemoryError if the log must grow and cannot
     */
    public void appendClear() {
        append(TYPE_CLEAR, HEADER_LENGTH);
    }

    /**
     * Ends the current batch and returns the action to queue on the HotRead, exactly once per
     * call. An empty batch is legal: it is recorded as one no-op record, so that every queued
     * action has a batch of its own.
     *
     * @return {@link Replay#NEXT_BATCH}
     * @throws IllegalStateException if the log was released
     */
    public Replay commit() {
        ensureLive();
        if (lastUncommitted < 0) {
            append(TYPE_NOOP, HEADER_LENGTH);
        }
        final long record = lastUncommitted - origin;
        bytes.writeByte(record + FLAGS_OFFSET, (byte) (bytes.readByte(record + FLAGS_OFFSET) | FLAG_BATCH_END));
        committed = tail;
        lastUncommitted = -1;
        return Replay.NEXT_BATCH;
    }

    /**
     * Drops the records appended since the last commit (a write that failed half-way).
     *
     * @throws IllegalStateException if the log was released
     */
    public void rollback() {
        ensureLive();
        tail = committed;
        lastUncommitted = -1;
    }

    /**
     * Returns the log's memory, into which {@link #appendPut} offsets point. It changes when the
     * log grows; fetch it after each append.
     *
     * @return the log's bytes
     * @throws IllegalStateException if the log was released
     */
    public BytesStore<?, ?> bytes() {
        ensureLive();
        return bytes;
    }

    /**
     * Returns how many bytes of records some copy has not replayed yet (uncommitted included).
     *
     * @return bytes held for replay
     * @throws IllegalStateException if the log was released
     */
    public long pendingBytes() {
        ensureLive();
        return tail - head();
    }

    /**
     * Returns the log's current capacity in bytes.
     *
     * @return the capacity
     * @throws IllegalStateException if the log was released
     */
    public long capacity() {
        ensureLive();
        return bytes.capacity();
    }

    /**
     * Returns the logical position of the record appended last, for a writer that wants to read
     * it back later with {@link #putValueOffset} (the store's index of writes readers cannot see
     * yet). Positions never change meaning; a record stays readable while some copy has not
     * replayed it.
     *
     * @return the position, or -1 if nothing was appended since the last commit
     */
    public long lastAppendedPosition() {
        return lastUncommitted;
    }

    /**
     * Returns the offset in {@link #bytes()} of the value area of the PUT record at a logical
     * position. The record's version, last-write time and expiry deadline sit before it at the
     * same distances as in a table slot ({@link EntryTableLayout#VERSION_FROM_VALUE} and the
     * others). Valid until the next append.
     *
     * @param position a position from {@link #lastAppendedPosition()} of a PUT that some copy has
     *     not replayed yet
     * @return the value offset
     * @throws IllegalStateException if the position holds no such record, or the log was released
     */
    public long putValueOffset(long position) {
        ensureLive();
        if (position < head() || position >= tail || bytes.readByte(position - origin + TYPE_OFFSET) != TYPE_PUT) {
            throw new IllegalStateException("no unreplayed PUT record at log position " + position
                    + " (unreplayed records span [" + head() + ", " + tail + "))");
        }
        return position - origin + VALUE_OFFSET;
    }

    /** Size of the value area of PUT records. */
    int valueSize() {
        return valueSize;
    }

    // ------------------------------------------------------------------------------------------
    // Copies: registration, replay, release
    // ------------------------------------------------------------------------------------------

    /**
     * Registers a copy whose content corresponds to the log up to {@code position}.
     *
     * @return the copy's index
     */
    int register(long position) {
        ensureLive();
        return cursors.register(position);
    }

    /** The logical position up to which a copy has replayed. */
    long cursor(int copy) {
        return cursors.get(copy);
    }

    /** Logical position where the next record goes. */
    long tail() {
        return tail;
    }

    /**
     * Replays into {@code table} the records of the next committed batch after the copy's
     * cursor. Does nothing if no committed record is left.
     */
    void replayBatch(int copy, EntryTable table) {
        ensureLive();
        final BytesStore<?, ?> b = bytes;
        long cursor = cursors.get(copy);
        while (cursor < committed) {
            final long record = cursor - origin;
            // Validate the header before anything else reads through it: a caller that encoded a
            // value at a stale offset may have overwritten it, and an unchecked length would send
            // the replay outside the log (Chronicle's native stores do not bounds-check).
            final int length = checkedLength(b, record, committed - cursor);
            final byte flags = b.readByte(record + FLAGS_OFFSET);
            replayRecord(b, record, table);
            cursor += length;
            if ((flags & FLAG_BATCH_END) != 0) {
                break;
            }
        }
        cursors.set(copy, cursor);
        if (head() == tail) {
            // Everyone caught up: start again at offset 0 (no copy, the data is all replayed).
            origin = tail;
        }
    }

    /**
     * Returns the record's length after checking it against its type and against the committed
     * bytes left; throws (naming the position, type and length) on a corrupt header.
     */
    private int checkedLength(BytesStore<?, ?> b, long record, long committedLeft) {
        final byte type = b.readByte(record + TYPE_OFFSET);
        final int length = b.readInt(record + LENGTH_OFFSET);
        final int expected;
        switch (type) {
            case TYPE_PUT -> expected = putLength;
            case TYPE_REMOVE -> expected = REMOVE_LENGTH;
            case TYPE_CLEAR, TYPE_NOOP -> expected = HEADER_LENGTH;
            default -> expected = -1;
        }
        if (expected < 0 || length != expected || length > committedLeft) {
            throw new IllegalStateException("corrupt redo record at log offset " + record + ": type=" + type
                    + ", length=" + length + (expected < 0 ? " (unknown type)" : " (expected " + expected + ")")
                    + ", committed bytes left=" + committedLeft
                    + "; was a value encoded at an offset from an earlier append?");
        }
        return length;
    }

    private static void replayRecord(BytesStore<?, ?> b, long record, EntryTable table) {
        switch (b.readByte(record + TYPE_OFFSET)) {
            case TYPE_PUT -> table.putFrom(b.readLong(record + KEY_MSB_OFFSET), b.readLong(record + KEY_LSB_OFFSET),
                    b, record + VERSION_OFFSET);
            case TYPE_REMOVE -> table.removeEntry(b.readLong(record + KEY_MSB_OFFSET), b.readLong(record + KEY_LSB_OFFSET));
            case TYPE_CLEAR -> table.clearEntries();
            case TYPE_NOOP -> {
                // Ends an empty batch.
            }
            default -> throw new IllegalStateException("corrupt redo record at offset " + record
                    + ": type=" + b.readByte(record + TYPE_OFFSET));
        }
    }

    /**
     * Forgets a copy's cursor; frees the log once no registered copy is left. Synchronized, unlike
     * the rest: HotRead may release the two copies from two threads at once (the closing thread
     * and the reader whose handle held the other copy), after the last write.
     */
    synchronized void release(int copy) {
        if (cursors.release(copy)) {
            final BytesStore<?, ?> b = bytes;
            bytes = null;
            OffHeapMemory.free(b, budget);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    /** Reserves a record of {@code length} bytes, writes its length and type; returns its offset. */
    private long append(byte type, int length) {
        ensureLive();
        if (tail + length - origin > bytes.capacity()) {
            makeRoom(length);
        }
        final long record = tail - origin;
        bytes.writeInt(record + LENGTH_OFFSET, length);
        bytes.writeByte(record + TYPE_OFFSET, type);
        // Flags and the reserved bytes: the memory may hold an older, already replayed record.
        bytes.writeByte(record + FLAGS_OFFSET, (byte) 0);
        bytes.writeShort(record + RESERVED_OFFSET, (short) 0);
        lastUncommitted = tail;
        tail += length;
        return record;
    }

    /** The oldest position some copy still needs. */
    private long head() {
        return cursors.head(tail);
    }

    /** Moves the unreplayed records to offset 0, into a larger log if they fill half of it. */
    private void makeRoom(int length) {
        final long head = head();
        final long kept = tail - head;
        final long capacity = bytes.capacity();
        if (kept + length <= capacity / 2) {
            bytes.move(head - origin, 0, kept);
        } else {
            long newCapacity = capacity * 2;
            while (newCapacity < kept + length) {
                newCapacity *= 2;
            }
            final BytesStore<?, ?> grown = OffHeapMemory.allocate(newCapacity,
                    "growing the redo log to " + newCapacity + " bytes (" + kept
                            + " unreplayed bytes held back by a slow reader)", budget, true);
            grown.write(0, bytes, head - origin, kept);
            OffHeapMemory.free(bytes, budget);
            bytes = grown;
        }
        origin = head;
    }

    private void ensureLive() {
        if (bytes == null) {
            throw new IllegalStateException("redo log is released");
        }
    }
}
