package io.livestore.runtime.table;

import io.livestore.runtime.hotread.HotReadState;

/**
 * One of the two copies a HotRead keeps of design (b): a {@link KeyIndex} of its own, plus the
 * {@link IndexLog} and the {@link RecordArena} that both copies share (values live once, in the
 * arena; only the 8-byte index slots are doubled).
 *
 * <p>Usage, by the store's writer:
 * <pre>{@code
 * IndexCopy initial = IndexCopy.create(valueSize, expectedEntries, budget);
 * HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial);      // calls copy() once
 * IndexLog log = initial.log();
 * int ref = log.appendPut(msb, lsb, version, now, deadline);
 * codec.encode(log.arena().bytes(ref), log.arena().offset(ref) + RecordLayout.VALUE_OFFSET, value);
 * hotRead.queueUpdate(log.commit());
 * }</pre>
 * Readers that hold a copy find keys through its {@link #lookup()} (or its {@link #index()}) and
 * read the records in its arena.
 *
 * <p>{@link #apply} replays the next committed batch of the log into this copy (see
 * {@link IndexLog} for the protocol and for when records and log space are given back). It is
 * deterministic, and allocates nothing unless the index must grow; it throws only if that growth
 * cannot get memory (then HotRead's rule for a throwing {@code apply} holds: writes stop, readers
 * keep the published copy). The store admits inserts beforehand so that it never does.
 *
 * <p>Thread-safety: as {@link HotReadState}: writer-confined, published by the HotRead.
 *
 * <p><b>Trust boundary.</b> The copy a handle returns carries public writer methods
 * ({@code apply}, {@code release}): a reader that called one while others read the copy would
 * free or move memory under them. So a {@code HotReadHandle<IndexCopy>} and the copies never
 * reach user code; the store layer hands out read-only views. The copy's {@link #index()}
 * refuses {@code close()} and public writes with {@link IllegalStateException}: only replay
 * writes it and only {@link #release()} frees it, which is why it may free replaced memory at
 * once. Likewise the store must pair each {@link IndexLog#commit()} with exactly one
 * {@code queueUpdate} (the action means "the next batch", it names no batch), under one writer
 * mutex, and stop appending before it closes the HotRead.
 */
public final class IndexCopy implements HotReadState<Replay> {

    private final KeyIndex index;
    private final IndexLog log;
    private final int copy;
    /** This copy's geometry for the readers that hold it; refreshed after every change. */
    private final CopyLookup lookup = new CopyLookup();

    private IndexCopy(KeyIndex index, IndexLog log, int copy) {
        this.index = index;
        this.log = log;
        this.copy = copy;
        lookup.refresh(index);
    }

    /**
     * Creates the first copy: an empty arena, index and log, all counted against {@code budget}.
     *
     * @param valueSize bytes of each value (from the value's generated layout)
     * @param expectedEntries entries to hold before anything grows
     * @param budget the store's budget
     * @return the copy
     * @throws IllegalArgumentException if an argument is out of range
     * @throws MemoryLimitExceededException if the initial memory does not fit in the budget
     */
    public static IndexCopy create(int valueSize, int expectedEntries, MemoryBudget budget) {
        KeyIndex.checkExpectedEntries(expectedEntries); // before the arena takes memory for them
        final RecordArena arena = RecordArena.create(valueSize, arenaRecordsFor(expectedEntries), budget);
        KeyIndex index = null;
        try {
            index = KeyIndex.createHotReadCopy(arena, expectedEntries, budget);
            final IndexLog log = new IndexLog(arena, budget);
            return new IndexCopy(index, log, log.register(log.tail()));
        } catch (RuntimeException | Error e) {
            if (index != null) {
                index.free();
            }
            arena.close();
            throw e;
        }
    }

    /**
     * Returns the records the arena is created with for {@code expectedEntries}: the entries plus
     * room for writes in flight. Every write takes its new record before the copies let go of the
     * old one, and a reader holding a copy keeps the records it sees; without this room, the first
     * overwrite of a store filled to its expected size would add a chunk of an eighth of the
     * records (about 6% of the store's memory at 1M entries) for a handful of records.
     *
     * @param expectedEntries as given to {@link #create}
     * @return {@code expectedEntries} plus 1/64 of it, at least 16
     */
    public static int arenaRecordsFor(int expectedEntries) {
        return expectedEntries + Math.max(RecordArena.MIN_CHUNK_RECORDS, expectedEntries / 64);
    }

    /** @return this copy's index; readers of the published copy only read it */
    public KeyIndex index() {
        return index;
    }

    /**
     * Returns this copy's lookup, for readers that hold the copy (see {@link CopyLookup}'s
     * contract): the same object for the copy's life, describing it as of its last replay.
     *
     * @return the lookup
     */
    public CopyLookup lookup() {
        return lookup;
    }

    /** @return the arena both copies' entries point into */
    public RecordArena arena() {
        return log.arena();
    }

    /** @return the log shared by both copies; the writer appends to it */
    public IndexLog log() {
        return log;
    }

    /** Replays the next committed batch of the log into this copy. */
    @Override
    public void apply(Replay action) {
        try {
            log.replayBatch(copy, index);
        } finally {
            // Also after a failed replay: what the index holds now is what readers would see if
            // this copy were published (HotRead publishes nothing after a throwing apply).
            lookup.refresh(index);
        }
    }

    /**
     * Makes the second copy: a byte-identical index over the same arena and log, whose cursor
     * starts at this copy's.
     *
     * @return the new copy
     * @throws IllegalStateException if the log already feeds two copies, or this copy is released
     */
    @Override
    public IndexCopy copy() {
        final KeyIndex indexCopy;
        try {
            indexCopy = index.copyForHotRead();
        } finally {
            // Copying finishes a growth under way in this index (and frees its old slots).
            lookup.refresh(index);
        }
        try {
            return new IndexCopy(indexCopy, log, log.register(log.cursor(copy)));
        } catch (RuntimeException e) {
            indexCopy.free();
            throw e;
        }
    }

    /** Frees this copy's index, and the log and arena once both copies are released. Idempotent. */
    @Override
    public void release() {
        index.free();
        log.release(copy);
    }

    @Override
    public String toString() {
        return "IndexCopy[" + copy + ", " + index + "]";
    }
}
