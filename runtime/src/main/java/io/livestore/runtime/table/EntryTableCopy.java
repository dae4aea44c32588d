package io.livestore.runtime.table;

import io.livestore.runtime.hotread.HotReadState;

/**
 * One of the two copies of an entry table that a HotRead keeps: an {@link EntryTable} plus a
 * cursor into the {@link RedoLog} that both copies share.
 *
 * <p>Usage, by the store's writer:
 * <pre>{@code
 * EntryTableCopy initial = EntryTableCopy.create(valueSize, expectedEntries);
 * HotRead<EntryTableCopy, Replay> hotRead = HotRead.create(initial);   // calls copy() once
 * RedoLog log = initial.log();
 * long value = log.appendPut(msb, lsb, version, now, deadline, layout.size());
 * codec.encode(log.bytes(), value, record);
 * hotRead.queueUpdate(log.commit());
 * }</pre>
 * Readers look keys up in {@code handle.current().table()}.
 *
 * <p>{@link #apply} replays the next committed batch of the log into this copy (see
 * {@link RedoLog} for the protocol and for when log space is reclaimed). It is deterministic,
 * and allocates nothing unless the table must grow; it throws only if that growth cannot get
 * memory (then HotRead's rule for a throwing {@code apply} holds: writes stop, readers keep the
 * published copy).
 *
 * <p>Thread-safety: as {@link HotReadState}: writer-confined, published by the HotRead.
 *
 * <p><b>Trust boundary.</b> The copy a handle returns carries public writer methods ({@code apply},
 * {@code release}): a reader that called one while others read the copy would free or move
 * memory under them. So a {@code HotReadHandle<EntryTableCopy>} and the copies never reach user
 * code; the store layer hands out read-only views. The copy's {@link #table()} refuses
 * {@code close()} and public writes with {@link IllegalStateException}: only replay writes it and
 * only {@link #release()} frees it, which is why it may free replaced memory at once (see
 * {@link EntryTable}). Likewise the store must pair each {@link RedoLog#commit()} with exactly one
 * {@code queueUpdate} (the action means "the next batch", it names no batch), under one writer
 * mutex, and stop appending before it closes the HotRead.
 */
public final class EntryTableCopy implements HotReadState<Replay> {

    private final EntryTable table;
    private final RedoLog log;
    private final int index;

    private EntryTableCopy(EntryTable table, RedoLog log, int index) {
        this.table = table;
        this.log = log;
        this.index = index;
    }

    /**
     * Creates the first copy: an empty table and a new, empty log.
     *
     * @param valueSize bytes of each value (from the value's generated layout)
     * @param expectedEntries entries the table should hold before it first grows
     * @return the copy
     * @throws IllegalArgumentException if an argument is out of range
     * @throws OutOfMemoryError if the memory cannot be had
     * @throws IllegalStateException if the JVM lacks the flags Chronicle Bytes needs
     */
    public static EntryTableCopy create(int valueSize, int expectedEntries) {
        return create(valueSize, expectedEntries, MemoryBudget.unlimited());
    }

    /**
     * Creates the first copy with its memory, and all later memory of both copies and the log,
     * counted against {@code budget} (see {@link MemoryBudget} for what may be refused).
     *
     * @param valueSize bytes of each value (from the value's generated layout)
     * @param expectedEntries entries the table should hold before it first grows
     * @param budget the store's budget
     * @return the copy
     * @throws MemoryLimitExceededException if the table and log do not fit in the budget
     */
    public static EntryTableCopy create(int valueSize, int expectedEntries, MemoryBudget budget) {
        final EntryTable table = EntryTable.createHotReadCopy(valueSize, expectedEntries, budget);
        final RedoLog log;
        try {
            log = new RedoLog(valueSize, budget);
        } catch (RuntimeException | Error e) {
            table.free();
            throw e;
        }
        return new EntryTableCopy(table, log, log.register(log.tail()));
    }

    /**
     * Returns this copy's table. Readers of the published copy only read it.
     *
     * @return the table
     */
    public EntryTable table() {
        return table;
    }

    /**
     * Returns the redo log shared by both copies; the writer appends to it.
     *
     * @return the log
     */
    public RedoLog log() {
        return log;
    }

    /** Replays the next committed batch of the log into this copy. */
    @Override
    public void apply(Replay action) {
        log.replayBatch(index, table);
    }

    /**
     * Makes the second copy: a byte-identical table sharing this log, whose cursor starts at
     * this copy's.
     *
     * @return the new copy
     * @throws IllegalStateException if the log already feeds two copies, or this copy is released
     */
    @Override
    public EntryTableCopy copy() {
        final EntryTable tableCopy = table.copyForHotRead();
        try {
            return new EntryTableCopy(tableCopy, log, log.register(log.cursor(index)));
        } catch (RuntimeException e) {
            tableCopy.free();
            throw e;
        }
    }

    /** Frees this copy's table, and the log once both copies are released. Idempotent. */
    @Override
    public void release() {
        table.free();
        log.release(index);
    }

    @Override
    public String toString() {
        return "EntryTableCopy[" + index + ", " + table + "]";
    }
}
