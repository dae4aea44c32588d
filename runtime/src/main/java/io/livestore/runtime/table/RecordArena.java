package io.livestore.runtime.table;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.Objects;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * Fixed-size records ({@link RecordLayout}: key, value, header) in off-heap chunks that never
 * move, named by an {@code int} reference. Each value is stored here once; the two copies of a
 * {@link KeyIndex} only point at it.
 *
 * <p><b>Chunks.</b> The first chunk holds the expected number of records, so a store sized for
 * its entries wastes nothing; each later chunk holds an eighth of the records so far (at least
 * {@value #MIN_GROWTH_RECORDS}, at most {@link #MAX_CHUNK_RECORDS}), so a grown arena leaves at
 * most about an eighth of its records unused, and growth never copies a record. A reference is
 * {@code chunk << }{@value #CHUNK_SHIFT}{@code | index}: finding a record is one load from a
 * small array of chunk addresses, which stays in cache. 512 chunks reach about 1.9 billion
 * records grown, more than a {@link KeyIndex} can index.
 *
 * <p><b>Reuse.</b> {@link #free} puts a record on a free list (its first 8 bytes link to the
 * next), and {@link #allocate} takes from the list before it takes fresh space. When a record may
 * be freed is the caller's knowledge: in the store, when neither index copy points at it any
 * more and no reader holds a copy that did (see {@link KeyIndex}).
 *
 * <p><b>Thread-safety.</b> One writer allocates, frees and writes records; other threads read
 * records whose last write happens-before their reads (HotRead's publication). Reads never see a
 * chunk freed: chunks live until {@link #close()}, the chunk array is an immutable holder
 * published through a volatile field, and a close that other threads may race defers the free
 * until no reader holds that holder ({@link DeferredFrees}). The read methods check a reference
 * against that holder only; the writer's allocation cursor (which references were handed out) is
 * the writer's, and only its methods ({@link #free}, {@link #writeHeader}) check against it.
 *
 * <p><b>Memory.</b> Every chunk counts against the arena's {@link MemoryBudget}; a new chunk is
 * refusable ({@link MemoryLimitExceededException}) because it is taken while the writer prepares
 * a write, before anything is committed.
 */
public final class RecordArena implements AutoCloseable {

    /** Returned when there is no record. Never a valid reference. */
    public static final int NO_RECORD = -1;

    /** Bits of a reference that index a record inside its chunk. */
    static final int CHUNK_SHIFT = 22;

    /** Most records in one chunk: {@code 2^}{@value #CHUNK_SHIFT}. */
    public static final int MAX_CHUNK_RECORDS = 1 << CHUNK_SHIFT;

    /** Most chunks: references stay non-negative {@code int}s. */
    static final int MAX_CHUNKS = 1 << (Integer.SIZE - 1 - CHUNK_SHIFT);

    /** Smallest first chunk. */
    public static final int MIN_CHUNK_RECORDS = 16;

    /** Smallest later chunk, so that a growing arena does not take a chunk per handful of records. */
    public static final int MIN_GROWTH_RECORDS = 4096;

    /** A later chunk holds at least this fraction (1/8) of the records so far: the most a grown arena leaves unused. */
    private static final int GROWTH_DIVISOR = 8;

    private static final int INDEX_MASK = MAX_CHUNK_RECORDS - 1;

    private final RecordLayout layout;
    /** {@code layout.recordSize()}, in a field of its own: every address computation uses it. */
    private final int recordSize;
    private final MemoryBudget budget;
    /** The thread that created the arena: its own reads cannot race its own close. */
    private final Thread creator = Thread.currentThread();

    /**
     * The chunks; replaced whole when one is added, {@code null} once closed. Volatile: a reader's
     * one load of it sees the holder's arrays as they were built, and {@code null} after a close.
     */
    private volatile Chunks chunks;
    /**
     * Set once a thread other than the creator read the arena, before that thread loads
     * {@link #chunks}: with the close's store of {@code chunks} then load of {@code shared}, either
     * the reader sees {@code null} or the close defers the free (Dekker: both are volatile, so
     * the four accesses are totally ordered).
     */
    private volatile boolean shared;

    /** Records handed out fresh from chunk {@link #freshChunk}; the ones after them were never used. */
    private int usedInFreshChunk;
    /** The chunk fresh records come from: the first until it is full, then the next, and so on. */
    private int freshChunk;
    /** Head of the free list, or {@link #NO_RECORD}. */
    private int freeHead = NO_RECORD;
    /** Records allocated and not freed. */
    private int live;

    /** The chunks' memory, immutable: a reader that loaded it has one consistent view. */
    static final class Chunks {
        final BytesStore<?, ?>[] stores;
        /** Native address of each chunk's first record. */
        final long[] addresses;
        /** Records each chunk holds. */
        final int[] records;
        /** Sum of {@link #records}. */
        final long totalRecords;

        Chunks(BytesStore<?, ?>[] stores, long[] addresses, int[] records) {
            this.stores = stores;
            this.addresses = addresses;
            this.records = records;
            long total = 0;
            for (int r : records) {
                total += r;
            }
            this.totalRecords = total;
        }

        int count() {
            return stores.length;
        }
    }

    private RecordArena(int valueSize, int expectedRecords, MemoryBudget budget) {
        this.layout = RecordLayout.forValueSize(valueSize);
        this.recordSize = layout.recordSize();
        this.budget = budget;
        this.chunks = new Chunks(new BytesStore<?, ?>[0], new long[0], new int[0]);
        // More than one chunk's worth is taken as full chunks up front: exactly what was asked for.
        int remaining = expectedRecords;
        try {
            do {
                final int records = Math.min(MAX_CHUNK_RECORDS, remaining);
                addChunk(records);
                remaining -= records;
            } while (remaining > 0);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Creates an arena with room for {@code expectedRecords} before it takes a second chunk.
     *
     * @param valueSize bytes of each value, 0 to {@link RecordLayout#MAX_VALUE_SIZE}
     * @param expectedRecords records taken at creation (at least {@value #MIN_CHUNK_RECORDS}), in
     *        chunks of at most {@link #MAX_CHUNK_RECORDS}
     * @param budget what the chunks count against
     * @return the arena, owning native memory until {@link #close()}
     * @throws IllegalArgumentException if an argument is out of range, naming it
     * @throws MemoryLimitExceededException if the first chunk does not fit in the budget
     */
    public static RecordArena create(int valueSize, int expectedRecords, MemoryBudget budget) {
        Objects.requireNonNull(budget, "budget");
        if (expectedRecords < 0) {
            throw new IllegalArgumentException("expectedRecords=" + expectedRecords + " is negative");
        }
        return new RecordArena(valueSize, Math.max(MIN_CHUNK_RECORDS, expectedRecords), budget);
    }

    /**
     * Returns the native bytes an arena created for {@code expectedRecords} takes at creation.
     *
     * @param valueSize bytes of each value
     * @param expectedRecords as given to {@link #create}
     * @return bytes
     */
    public static long initialBytes(int valueSize, int expectedRecords) {
        return (long) Math.max(MIN_CHUNK_RECORDS, expectedRecords) * RecordLayout.recordSize(valueSize);
    }

    // ------------------------------------------------------------------------------------------
    // Writer
    // ------------------------------------------------------------------------------------------

    /**
     * Takes a record for a new value: a freed one if any, else fresh space (a new chunk if the
     * last is full). Its bytes are whatever they were; the caller writes key, value and header.
     *
     * @return the record's reference
     * @throws MemoryLimitExceededException if a new chunk does not fit in the budget (arena unchanged)
     * @throws IllegalStateException if closed, or at the most records an arena can hold
     */
    public int allocate() {
        final Chunks c = open();
        if (freeHead != NO_RECORD) {
            final int ref = freeHead;
            freeHead = (int) UnsafeMemory.unsafeGetLong(address(c, ref));
            live++;
            return ref;
        }
        if (usedInFreshChunk == c.records[freshChunk]) {
            if (freshChunk == c.count() - 1) {
                if (c.count() == MAX_CHUNKS) {
                    throw new IllegalStateException("record arena is full: " + live + " records in "
                            + MAX_CHUNKS + " chunks");
                }
                final long share = c.totalRecords / GROWTH_DIVISOR;
                addChunk((int) Math.min(MAX_CHUNK_RECORDS, Math.max(MIN_GROWTH_RECORDS, share)));
            }
            freshChunk++;
            usedInFreshChunk = 0;
        }
        live++;
        return (freshChunk << CHUNK_SHIFT) | usedInFreshChunk++;
    }

    /**
     * Gives a record back for reuse. The caller guarantees that nothing reads it any more, and
     * that it frees each record once (a second free is not detected: it would hand the record
     * out twice).
     *
     * @param ref a reference from {@link #allocate}, not freed since
     * @throws IllegalStateException if closed
     * @throws IndexOutOfBoundsException if {@code ref} was never handed out
     */
    public void free(int ref) {
        final Chunks c = open();
        checkRef(c, ref);
        UnsafeMemory.unsafePutLong(address(c, ref), freeHead);
        freeHead = ref;
        live--;
    }

    /**
     * Writes a record's key and header; the caller then writes the value at {@link #offset}
     * {@code + }{@link RecordLayout#VALUE_OFFSET} of {@link #bytes}.
     *
     * @param ref the record
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @param version the entry's version
     * @param lastWriteTime the write's time
     * @param expiryDeadline the entry's expiry deadline
     */
    public void writeHeader(int ref, long msb, long lsb, long version, long lastWriteTime, long expiryDeadline) {
        final Chunks c = open();
        final long a = address(c, checkRef(c, ref));
        UnsafeMemory.unsafePutLong(a + RecordLayout.KEY_MSB_OFFSET, msb);
        UnsafeMemory.unsafePutLong(a + RecordLayout.KEY_LSB_OFFSET, lsb);
        UnsafeMemory.unsafePutLong(a + layout.versionOffset(), version);
        UnsafeMemory.unsafePutLong(a + layout.lastWriteTimeOffset(), lastWriteTime);
        UnsafeMemory.unsafePutLong(a + layout.expiryDeadlineOffset(), expiryDeadline);
        Reference.reachabilityFence(c);
    }

    // ------------------------------------------------------------------------------------------
    // Reads: allocation-free; a reference is checked against the chunks it names.
    // ------------------------------------------------------------------------------------------

    /**
     * Returns the memory of the chunk that holds a record. Cheap enough for every read: it checks
     * only that the reference names a chunk (the chunk's own bounds stand behind the offset).
     * The memory is the caller's to guard after the call: it is
     * valid until {@link #close()}, which the store calls only once no reader holds a copy.
     *
     * @param ref a live record
     * @return its chunk's bytes; valid until {@link #close()}
     * @throws IllegalStateException if closed
     * @throws IndexOutOfBoundsException if {@code ref} names no chunk
     */
    public BytesStore<?, ?> bytes(int ref) {
        final BytesStore<?, ?>[] stores = open().stores;
        final int chunk = ref >>> CHUNK_SHIFT;
        if (ref < 0 || chunk >= stores.length) {
            throw new IndexOutOfBoundsException("record " + ref + " names no chunk: " + this);
        }
        return stores[chunk];
    }

    /**
     * Returns the offset of a record in {@link #bytes}.
     *
     * @param ref a live record
     * @return the offset of its first byte (its key)
     */
    public long offset(int ref) {
        return (long) (ref & INDEX_MASK) * recordSize;
    }

    /**
     * Reads a long of a record's key or header ({@link #layout()}'s offsets).
     *
     * @param ref a live record
     * @param fieldOffset the field's offset in the record: {@link RecordLayout#KEY_MSB_OFFSET},
     *        {@link RecordLayout#KEY_LSB_OFFSET}, or one of {@link #layout()}'s header offsets
     * @return the field
     * @throws IllegalStateException if closed
     * @throws IndexOutOfBoundsException if {@code ref} names no record of the chunks, or the field
     *         is not a header long
     */
    public long readHeaderLong(int ref, int fieldOffset) {
        if (!layout.isKeyOrHeaderLong(fieldOffset)) {
            throw new IndexOutOfBoundsException("fieldOffset=" + fieldOffset + " is not a key or header long of " + layout);
        }
        final Chunks c = open();
        final long value = UnsafeMemory.unsafeGetLong(address(c, checkInChunks(c, ref)) + fieldOffset);
        Reference.reachabilityFence(c);
        return value;
    }

    /**
     * Whether a record holds the key: the probe's comparison, unchecked (the reference comes from
     * an index entry that this package wrote). The caller keeps the {@link Chunks} holder of
     * {@code chunkAddresses} (or a held copy) reachable.
     * Static, with the record size passed in, so that the probe loop holds no arena fields.
     */
    static boolean holdsKey(long[] chunkAddresses, int ref, long msb, long lsb, int recordSize) {
        final long a = recordAddress(chunkAddresses, ref, recordSize);
        return UnsafeMemory.unsafeGetLong(a + RecordLayout.KEY_MSB_OFFSET) == msb
                && UnsafeMemory.unsafeGetLong(a + RecordLayout.KEY_LSB_OFFSET) == lsb;
    }

    /** Checks that {@code ref} was handed out, for writers that take references from outside. */
    void checkAllocated(int ref) {
        checkRef(open(), ref);
    }

    /** Hands the chunks (as of now) and the record size to {@code lookup}. Writer only. */
    void describeTo(CopyLookup lookup) {
        final Chunks c = open();
        lookup.setChunks(c.addresses, c.stores, c.records, recordSize);
    }

    /** The chunks holder for {@link #holdsKey}, from an open arena. */
    Chunks chunksForRead() {
        return open();
    }

    /** @return bytes of each value */
    public int valueSize() {
        return layout.valueSize();
    }

    /** @return where each record's key, value and header are */
    public RecordLayout layout() {
        return layout;
    }

    /** @return bytes of each record, header included */
    public int recordSize() {
        return recordSize;
    }

    /**
     * Returns the records allocated and not freed.
     *
     * @return live records
     * @throws IllegalStateException if closed
     */
    public int live() {
        open();
        return live;
    }

    /**
     * Returns the records the chunks hold, used or not.
     *
     * @return capacity in records
     * @throws IllegalStateException if closed
     */
    public long capacity() {
        return open().totalRecords;
    }

    /**
     * Returns the native bytes of all chunks.
     *
     * @return bytes
     * @throws IllegalStateException if closed
     */
    public long nativeBytes() {
        return open().totalRecords * recordSize;
    }

    /**
     * Frees every chunk: at once if no other thread ever read the arena, else once no reader
     * holds the chunks (see the class comment). Idempotent; every other method throws afterwards.
     */
    @Override
    public void close() {
        final Chunks c = chunks;
        if (c == null) {
            return;
        }
        chunks = null;
        final boolean noOtherReader = !shared;
        for (BytesStore<?, ?> store : c.stores) {
            DeferredFrees.retire(c, store, budget, noOtherReader);
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return chunks == null;
    }

    @Override
    public String toString() {
        final Chunks c = chunks;
        return c == null ? "RecordArena[closed]"
                : "RecordArena[live=" + live + ", capacity=" + c.totalRecords + ", chunks=" + c.count()
                        + ", recordSize=" + recordSize + "]";
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    private long address(Chunks c, int ref) {
        return address(c, ref, recordSize);
    }

    private static long address(Chunks c, int ref, int recordSize) {
        return recordAddress(c.addresses, ref, recordSize);
    }

    /** The native address of a record, from the chunk addresses of one {@link Chunks} holder. */
    static long recordAddress(long[] chunkAddresses, int ref, int recordSize) {
        return chunkAddresses[ref >>> CHUNK_SHIFT] + (long) (ref & INDEX_MASK) * recordSize;
    }

    /** The offset of a record in its chunk's {@link #bytes}. */
    static long offsetInChunk(int ref, int recordSize) {
        return (long) (ref & INDEX_MASK) * recordSize;
    }

    /** The chunk that holds a record, from one {@link Chunks} holder's stores. */
    static BytesStore<?, ?> chunkOf(BytesStore<?, ?>[] chunkStores, int ref) {
        return chunkStores[ref >>> CHUNK_SHIFT];
    }

    /**
     * Checks that {@code ref} names a record inside these chunks; returns it. What a reader may
     * check: it uses only the immutable holder, never the writer's allocation cursor (plain
     * fields, which another thread can see half-updated when the writer moves to a new chunk).
     * Enough for memory safety: the record lies within a chunk that lives until close.
     */
    private static int checkInChunks(Chunks c, int ref) {
        return checkInChunks(c.records, ref);
    }

    /** {@link #checkInChunks(Chunks, int)} with the records of each chunk of one holder. */
    static int checkInChunks(int[] chunkRecords, int ref) {
        final int chunk = ref >>> CHUNK_SHIFT;
        if (ref < 0 || chunk >= chunkRecords.length || (ref & INDEX_MASK) >= chunkRecords[chunk]) {
            throw new IndexOutOfBoundsException("record " + ref + " (chunk " + chunk + ", index " + (ref & INDEX_MASK)
                    + ") lies outside the arena's " + chunkRecords.length + " chunks");
        }
        return ref;
    }

    /**
     * Checks that {@code ref} names a record handed out from these chunks; returns it. Writer
     * only: it reads the allocation cursor.
     */
    private int checkRef(Chunks c, int ref) {
        final int chunk = ref >>> CHUNK_SHIFT;
        final int index = ref & INDEX_MASK;
        if (ref < 0 || chunk > freshChunk || index >= (chunk == freshChunk ? usedInFreshChunk : c.records[chunk])) {
            throw new IndexOutOfBoundsException("record " + ref + " (chunk " + chunk + ", index " + index
                    + ") was never allocated: " + this);
        }
        return ref;
    }

    private void addChunk(int records) {
        final Chunks old = chunks;
        // Untouched: a record is written before anything reads it, and a chunk's pages are then
        // faulted in by the writes that first use them rather than all at once by this write.
        final BytesStore<?, ?> store = OffHeapMemory.allocateUntouched((long) records * recordSize,
                "a record chunk of " + records + " records of " + recordSize + " bytes", budget);
        final int n = old.count();
        final BytesStore<?, ?>[] stores = Arrays.copyOf(old.stores, n + 1);
        final long[] addresses = Arrays.copyOf(old.addresses, n + 1);
        final int[] counts = Arrays.copyOf(old.records, n + 1);
        stores[n] = store;
        addresses[n] = store.addressForRead(0);
        counts[n] = records;
        chunks = new Chunks(stores, addresses, counts);
    }

    /** The chunks of this open arena; a thread other than the creator first marks it shared. */
    private Chunks open() {
        if (!shared && Thread.currentThread() != creator) {
            shared = true;
        }
        final Chunks c = chunks;
        if (c == null) {
            throw new IllegalStateException("record arena is closed");
        }
        return c;
    }
}
