package io.livestore.runtime.table;

import java.lang.ref.Reference;
import java.util.ConcurrentModificationException;
import java.util.Objects;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * An open-addressing index from UUID keys to {@link RecordArena} records, 8 bytes per slot.
 * Two copies of an index share one arena: the index is what HotRead doubles, the values are
 * stored once (the off-heap counterpart of evmap's aliased values).
 *
 * <p><b>Entry.</b> One {@code long}: the top 32 bits of the key's {@link UuidHash} (the tag),
 * then the record reference plus one; 0 is an empty slot. The key itself is in the record
 * ({@link RecordLayout}). A lookup compares tags in the index, which holds eight entries per
 * cache line, and reads a record only on a tag match: one line of index, then the record's line,
 * which also holds the value for records of up to 64 bytes. A tag match with another key is rare
 * (the chance per compared entry is about capacity / 2^32) and costs one extra record read.
 *
 * <p><b>Probing and deletion.</b> Linear probing from the home slot, which is a function of the
 * tag alone ({@link UuidHash#homeIndex}); deletion by backward shift (Knuth, TAOCP vol. 3, 6.4,
 * Algorithm R: each following entry of the run that may move back is moved into the hole, see
 * {@link BackwardShift}), which needs each entry's home and so reads only the index. No
 * tombstones (but in the old slots of a growth, see below): lookups never walk over dead slots,
 * the load counts only live entries, and two indexes given the same writes are byte-identical.
 *
 * <p><b>Growth, incremental.</b> Past {@value #MAX_LOAD_PERCENT}% the index moves into 3/2 of
 * the slots, a little per write, so that no write pays for a whole rehash (at 10M entries that
 * was half a second, mostly page faults and zeroing of the new slots):
 * <ol>
 *   <li><em>Zeroing.</em> The new slots are allocated untouched, and each write zeroes
 *       {@value #ZERO_BYTES_PER_WRITE} bytes of them (faulting their pages in) while keys still
 *       go into the old slots, whose load rises by a few tenths of a percent meanwhile.
 *   <li><em>Moving.</em> Once zeroed, the new slots become the primary ones: lookups probe them
 *       first, then the old ones, where only slots at or after the move cursor count. Each write
 *       moves the entries of the next {@value #MOVE_SLOTS_PER_WRITE} old slots, from their tags
 *       alone (no record is read). A write to a key still in the old slots puts it in the new
 *       ones and leaves a tombstone behind (never an empty slot: that would cut the probe runs
 *       of entries not moved yet). When the cursor reaches the end, the old slots are freed.
 * </ol>
 * A write during a growth therefore does a bounded amount of extra work (a page of zeroing, or
 * eight slots moved); both copies of a HotRead pair take the same steps at the same writes, so
 * they stay byte-identical. If a growth falls due again before the last one finished, the rest of
 * the last one is done at once (it cannot, at the rates above: the new slots are at load 0.53
 * when moving starts and about 0.62 when it ends).
 *
 * <p><b>Thread-safety.</b> None inside: one thread writes. Other threads may call the pure read
 * methods ({@link #find}, {@link #size}, {@link #forEach}) concurrently with each other, provided
 * no write happens at the same time and the last write happens-before their reads (HotRead's
 * publication gives exactly that).
 *
 * <p><b>No reader crashes the JVM, whatever another thread does.</b> A read that races a
 * {@code close()} or a growth, which break the contract above, gets a result or an
 * {@link IllegalStateException}, never freed memory. How: the slots and their geometry are one
 * immutable holder published through a volatile field, which every method reads once, so it never
 * pairs a new address with an old capacity; closing sets the field to {@code null}. Memory that a
 * close or a growth replaces is freed at once only when no other thread can be reading it: in a
 * HotRead copy (made by {@link IndexCopy}; HotRead never writes or releases a copy a handle
 * holds, and such an index refuses {@code close()} and public writes, which only its replay may
 * do), or in an index no thread but its creator ever used. Otherwise its free waits until the
 * garbage collector finds no thread still holding the holder ({@link DeferredFrees}), and each
 * read keeps its holder reachable until it is done.
 *
 * <p><b>Allocation.</b> Reads and writes allocate nothing on the heap; growth and creation do.
 */
public final class KeyIndex implements AutoCloseable {

    /** Returned by lookups when the key is absent. */
    public static final int NO_RECORD = RecordArena.NO_RECORD;

    /** Bytes of one slot. */
    public static final int SLOT_SIZE = Long.BYTES;

    /**
     * Growth threshold: the index grows before its entries exceed this share of slots. Higher
     * than a table of 64-byte slots can afford: eight entries share a cache line, so even at 0.8
     * a hit reads about three entries, nearly always in one line, and a tag mismatch costs no
     * record read.
     */
    public static final int MAX_LOAD_PERCENT = 80;

    /** Load of an index created for its expected entry count. */
    public static final int SIZED_LOAD_PERCENT = 70;

    /**
     * While a growth zeroes its new slots, keys go on into the old ones up to this load (the
     * zeroing takes a few thousandths of the capacity in writes); past it the growth is finished
     * at once.
     */
    private static final int MAX_LOAD_WHILE_ZEROING_PERCENT = 90;

    /** Growth multiplies the capacity by 3/2: the index stays between loads 0.53 and 0.8. */
    private static final int GROWTH_NUMERATOR = 3;

    /** Smallest capacity. */
    public static final int MIN_CAPACITY = 16;

    /** Bytes of the growing index's new slots that each write zeroes: a page. */
    static final int ZERO_BYTES_PER_WRITE = 4096;

    /** Old slots whose entries each write moves into the new ones while the index grows. */
    static final int MOVE_SLOTS_PER_WRITE = 8;

    /**
     * What an old slot holds once its key was written again in the new slots during a move: not
     * empty (an empty slot would end the probe runs of entries not moved yet), never a key. Its
     * reference part, {@code 0xFFFF_FFFF}, is no record plus one.
     */
    private static final long TOMBSTONE = -1L;

    /** Largest capacity in slots. */
    public static final int MAX_CAPACITY = 1 << 30;

    /** Most entries: {@link #MAX_LOAD_PERCENT}% of {@link #MAX_CAPACITY}. */
    public static final int MAX_ENTRIES = (int) ((long) MAX_CAPACITY * MAX_LOAD_PERCENT / 100);

    /** Slot 0 starts on a cache line (x86 and ARM), so that the eight slots of a line share one. */
    private static final int CACHE_LINE_SIZE = 64;
    private static final long REF_MASK = 0xFFFF_FFFFL;

    private final RecordArena arena;
    private final int recordSize;
    private final MemoryBudget budget;
    /** A copy inside a HotRead: only replay writes it, and only its IndexCopy frees it. */
    private final boolean hotReadCopy;
    private final Thread creator = Thread.currentThread();

    /**
     * The slots; replaced whole on growth, {@code null} once closed. Volatile: a reader's one load
     * of it pairs with the store in {@link #free()} or {@code grow}, so that it sees the holder's
     * fields as they were built, and {@code null} after a close it must not outlive.
     */
    private volatile Slots slots;
    /** Set once another thread than the creator used the index, before it loads {@link #slots} (Dekker with retire). */
    private volatile boolean shared;

    private int growAt;
    private int size;

    /**
     * The new slots of a growth being zeroed ({@code null} otherwise): the writer's alone, never
     * reached by a reader until they become the primary ones.
     */
    private Slots zeroing;
    /** Bytes of {@link #zeroing} zeroed so far. */
    private long zeroed;
    /**
     * While {@code slots.previous} is set: old slots below this index have been moved. Plain: only
     * the writer changes it, and readers of a HotRead copy read it after the publication that
     * follows the change.
     */
    private int moved;
    /**
     * Inserts of new keys, removes, clears and growth moves: {@link #forEach} stops if its visitor
     * changed any.
     */
    private int modCount;

    /** The slots' memory and geometry, immutable. */
    private static final class Slots {
        final BytesStore<?, ?> bytes;
        /** Native address of slot 0, cache-line aligned. */
        final long address;
        final int capacity;
        /**
         * The slots this index is moving out of while it grows, or {@code null}: held here, in
         * the one holder a reader loads, so that it never frees them while a reader probes them.
         */
        final Slots previous;
        /**
         * One object per allocation of {@link #bytes}, shared by every holder of those bytes (a
         * holder with {@link #previous}, the one without it after the move, the one whose
         * {@code previous} they become): the key of their deferred free, so that a reader holding
         * any holder that reaches the bytes keeps them (the holders themselves differ).
         */
        final Object memory;

        Slots(BytesStore<?, ?> bytes, long address, int capacity, Slots previous, Object memory) {
            this.bytes = bytes;
            this.address = address;
            this.capacity = capacity;
            this.previous = previous;
            this.memory = memory;
        }

        /** The same slots without {@link #previous}: when a move is done. */
        Slots withoutPrevious() {
            return new Slots(bytes, address, capacity, null, memory);
        }

        /** The same slots, moving out of {@code previous}. */
        Slots withPrevious(Slots previous) {
            return new Slots(bytes, address, capacity, previous, memory);
        }
    }

    /** Receives the record of each entry in slot order. */
    @FunctionalInterface
    public interface RecordVisitor {
        /**
         * Visits one entry.
         *
         * @param ref its record in the index's arena
         */
        void visit(int ref);
    }

    private KeyIndex(RecordArena arena, int capacity, MemoryBudget budget, boolean hotReadCopy) {
        this.arena = arena;
        this.recordSize = arena.recordSize();
        this.budget = budget;
        this.hotReadCopy = hotReadCopy;
        this.slots = allocateSlots(capacity, true);
        this.growAt = growAt(capacity);
    }

    /**
     * Creates an empty index over {@code arena}.
     *
     * @param arena where the records it points at live; shared by copies of this index
     * @param expectedEntries entries at a load of {@value #SIZED_LOAD_PERCENT}%, 0 to {@link #MAX_ENTRIES}
     * @param budget what the slots count against (creation may be refused, growth is counted)
     * @return the index
     * @throws IllegalArgumentException if {@code expectedEntries} is out of range
     * @throws MemoryLimitExceededException if the slots do not fit in the budget
     */
    public static KeyIndex create(RecordArena arena, int expectedEntries, MemoryBudget budget) {
        return create(arena, expectedEntries, budget, false);
    }

    /** Creates the first index of a HotRead pair (see {@link IndexCopy}). */
    static KeyIndex createHotReadCopy(RecordArena arena, int expectedEntries, MemoryBudget budget) {
        return create(arena, expectedEntries, budget, true);
    }

    private static KeyIndex create(RecordArena arena, int expectedEntries, MemoryBudget budget, boolean hotReadCopy) {
        Objects.requireNonNull(arena, "arena");
        Objects.requireNonNull(budget, "budget");
        checkExpectedEntries(expectedEntries);
        return new KeyIndex(arena, capacityFor(expectedEntries), budget, hotReadCopy);
    }

    /**
     * Checks an expected entry count before anything is allocated for it.
     *
     * @param expectedEntries as given to {@link #create}
     * @throws IllegalArgumentException if it is outside {@code [0, }{@link #MAX_ENTRIES}{@code ]}
     */
    public static void checkExpectedEntries(int expectedEntries) {
        if (expectedEntries < 0 || expectedEntries > MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "expectedEntries=" + expectedEntries + " is outside [0, " + MAX_ENTRIES + "]");
        }
    }

    /**
     * Returns the native bytes of an index of {@code capacity} slots.
     *
     * @param capacity slots
     * @return bytes, alignment slack included
     */
    public static long bytesFor(int capacity) {
        return (long) capacity * SLOT_SIZE + CACHE_LINE_SIZE - 1;
    }

    /**
     * Returns the capacity after one more key is inserted into an index of {@code capacity}
     * slots holding {@code size} entries: a deterministic function of the two.
     *
     * @param capacity the current capacity
     * @param size the current number of entries
     * @return the capacity after the insert
     */
    public static int capacityAfterInsert(int capacity, int size) {
        return size >= growAt(capacity) ? grownCapacity(capacity) : capacity;
    }

    /**
     * Returns the capacity of an index created for {@code expectedEntries}.
     *
     * @param expectedEntries as given to {@link #create}
     * @return slots
     */
    public static int capacityFor(int expectedEntries) {
        final long capacity = ((long) expectedEntries * 100 + SIZED_LOAD_PERCENT - 1) / SIZED_LOAD_PERCENT;
        return (int) Math.min(MAX_CAPACITY, Math.max(MIN_CAPACITY, capacity));
    }

    // ------------------------------------------------------------------------------------------
    // Reads
    // ------------------------------------------------------------------------------------------

    /**
     * Finds a key's record.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @return the record reference, or {@link #NO_RECORD}
     * @throws IllegalStateException if closed
     */
    public int find(long msb, long lsb) {
        final Slots s = open();
        final RecordArena.Chunks c = arena.chunksForRead();
        final int slot = probe(s, c, msb, lsb);
        int ref = slot >= 0 ? refAt(s, slot) : NO_RECORD;
        if (slot < 0 && s.previous != null) {
            final int old = probePrevious(s.previous, c, msb, lsb);
            ref = old >= 0 ? refAt(s.previous, old) : NO_RECORD;
        }
        Reference.reachabilityFence(s);
        Reference.reachabilityFence(c);
        return ref;
    }

    /** @return the arena the entries point into */
    public RecordArena arena() {
        return arena;
    }

    /**
     * Returns the number of entries.
     *
     * @return entries
     * @throws IllegalStateException if closed
     */
    public int size() {
        open();
        return size;
    }

    /**
     * Returns the number of slots.
     *
     * @return capacity
     * @throws IllegalStateException if closed
     */
    public int capacity() {
        final Slots s = open();
        return zeroing != null ? zeroing.capacity : s.capacity;
    }

    /**
     * Returns the native bytes of the slots (not of the arena).
     *
     * @return bytes
     * @throws IllegalStateException if closed
     */
    public long nativeBytes() {
        final Slots s = open();
        return s.bytes.capacity() + (s.previous != null ? s.previous.bytes.capacity() : 0)
                + (zeroing != null ? zeroing.bytes.capacity() : 0);
    }

    /**
     * Returns whether a growth is under way: its new slots being zeroed, or its entries moved.
     * Writes advance it; {@link #advanceGrowth} does without writing.
     *
     * @return whether growing
     * @throws IllegalStateException if closed
     */
    public boolean isGrowing() {
        return zeroing != null || open().previous != null;
    }

    /**
     * Takes up to {@code steps} growth steps, as that many writes would (a page of new slots
     * zeroed, or eight old slots moved, each); nothing if no growth is under way. For an index
     * that stopped being written mid-growth, whose old slots would otherwise stay.
     *
     * @param steps the most steps to take
     */
    void advanceGrowth(int steps) {
        open();
        for (int i = 0; i < steps && isGrowing(); i++) {
            growStep();
        }
    }

    /**
     * Visits every entry's record in slot order. The visitor must not insert, remove or clear;
     * it may replace a key's record, but while a growth moves entries a replace also moves some,
     * and the visit then throws {@link ConcurrentModificationException} rather than miss them.
     *
     * @param visitor receives each record
     * @throws IllegalStateException if closed
     * @throws ConcurrentModificationException if the visitor changed which keys the index holds
     */
    public void forEach(RecordVisitor visitor) {
        final Slots s = open();
        final int modCountBefore = modCount;
        visitEntries(s, 0, visitor, modCountBefore);
        if (s.previous != null) {
            // Entries not moved yet: old slots from the cursor on, tombstones excepted.
            visitEntries(s.previous, moved, visitor, modCountBefore);
        }
        Reference.reachabilityFence(s);
    }

    private void visitEntries(Slots table, int from, RecordVisitor visitor, int modCountBefore) {
        final Slots s = slots;
        for (int i = from; i < table.capacity; i++) {
            final long entry = UnsafeMemory.unsafeGetLong(table.address + ((long) i << 3));
            if (entry != 0 && entry != TOMBSTONE) {
                visitor.visit((int) entry - 1);
                if (open() != s || modCount != modCountBefore) {
                    throw new ConcurrentModificationException("the forEach visitor wrote to the key index");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Writes: one thread.
    // ------------------------------------------------------------------------------------------

    /**
     * Points a key at a record, inserting the key if absent (growing first if needed).
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @param ref a record of the arena that holds this key
     * @return the record the key pointed at before, or {@link #NO_RECORD} if it was new
     * @throws IndexOutOfBoundsException if the arena never handed {@code ref} out
     * @throws IllegalStateException if closed, full at {@link #MAX_CAPACITY}, or a HotRead copy
     * @throws MemoryLimitExceededException if growth passes the process-wide limit (index unchanged)
     */
    public int put(long msb, long lsb, int ref) {
        checkPublicWrite();
        // A reference the arena never handed out would send later probes outside its chunks.
        arena.checkAllocated(ref);
        return putEntry(msb, lsb, ref);
    }

    /** {@link #put} for replay, which may write a HotRead copy. */
    int putEntry(long msb, long lsb, int ref) {
        if (ref < 0) {
            throw new IllegalArgumentException("ref=" + ref + " is not a record");
        }
        final Slots s = open();
        final RecordArena.Chunks c = arena.chunksForRead();
        final long tag = UuidHash.hash(msb, lsb) >>> 32;
        final int slot = probe(s, c, msb, lsb);
        final int result;
        if (slot >= 0) {
            result = refAt(s, slot);
            UnsafeMemory.unsafePutLong(s.address + ((long) slot << 3), entry(tag, ref));
        } else {
            final int old = s.previous != null ? probePrevious(s.previous, c, msb, lsb) : -1;
            if (old >= 0) {
                // A key not moved yet: into the new slots, a tombstone in the old.
                result = refAt(s.previous, old);
                UnsafeMemory.unsafePutLong(s.previous.address + ((long) old << 3), TOMBSTONE);
                UnsafeMemory.unsafePutLong(s.address + ((long) ~slot << 3), entry(tag, ref)); // where the probe ended
            } else {
                result = NO_RECORD;
                if (size >= growAt) {
                    startGrowth();
                }
                // Where the probe ended, unless startGrowth replaced the primary slots.
                final Slots target = slots;
                final int empty = target == s ? ~slot : ~emptySlotFor(target, tag);
                UnsafeMemory.unsafePutLong(target.address + ((long) empty << 3), entry(tag, ref));
                size++;
                modCount++;
            }
        }
        growStep();
        return result;
    }

    /**
     * Removes a key, shifting back the entries that followed it in its probe run.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @return the record the key pointed at, or {@link #NO_RECORD} if absent
     * @throws IllegalStateException if closed, or a HotRead copy
     */
    public int remove(long msb, long lsb) {
        checkPublicWrite();
        return removeEntry(msb, lsb);
    }

    /** {@link #remove} for replay. */
    int removeEntry(long msb, long lsb) {
        final Slots s = open();
        final RecordArena.Chunks c = arena.chunksForRead();
        final int found = probe(s, c, msb, lsb);
        if (found < 0) {
            int ref = NO_RECORD;
            final int old = s.previous != null ? probePrevious(s.previous, c, msb, lsb) : -1;
            if (old >= 0) {
                ref = refAt(s.previous, old);
                UnsafeMemory.unsafePutLong(s.previous.address + ((long) old << 3), TOMBSTONE);
                size--;
                modCount++;
            }
            growStep();
            return ref;
        }
        final int ref = refAt(s, found);
        final long address = s.address;
        final int capacity = s.capacity;
        int hole = found;
        int next = hole;
        while (true) {
            if (++next == capacity) {
                next = 0;
            }
            final long entry = UnsafeMemory.unsafeGetLong(address + ((long) next << 3));
            if (entry == 0) {
                break;
            }
            if (BackwardShift.mayFill(hole, next, homeOf(entry, capacity))) {
                UnsafeMemory.unsafePutLong(address + ((long) hole << 3), entry);
                hole = next;
            }
        }
        UnsafeMemory.unsafePutLong(address + ((long) hole << 3), 0L);
        size--;
        modCount++;
        growStep();
        return ref;
    }

    /**
     * Removes every entry (the records stay allocated: the caller frees them); keeps the capacity.
     *
     * @throws IllegalStateException if closed, or a HotRead copy
     */
    public void clear() {
        checkPublicWrite();
        clearEntries();
    }

    /** {@link #clear} for replay. */
    void clearEntries() {
        Slots s = open();
        if (s.previous != null) {
            // Nothing left to move: the old slots go now.
            final Slots moving = s;
            s = s.withoutPrevious();
            slots = s;
            retirePrevious(moving);
        }
        s.bytes.zeroOut(0, s.bytes.capacity());
        size = 0;
        modCount++;
    }

    /**
     * Returns a byte-identical index over the same arena, owning its own slots.
     *
     * @return the copy
     * @throws IllegalStateException if closed
     * @throws MemoryLimitExceededException if its slots do not fit in the budget
     */
    public KeyIndex copy() {
        return copy(false);
    }

    /** The second index of a HotRead pair (see {@link IndexCopy#copy()}). */
    KeyIndex copyForHotRead() {
        return copy(true);
    }

    private KeyIndex copy(boolean asHotReadCopy) {
        open();
        finishGrowth(); // a copy starts from one table: both then take the same steps
        final Slots s = open();
        final KeyIndex copy = new KeyIndex(arena, s.capacity, budget, asHotReadCopy);
        UnsafeMemory.MEMORY.copyMemory(s.address, copy.slots.address, (long) s.capacity * SLOT_SIZE);
        copy.size = size;
        Reference.reachabilityFence(s);
        return copy;
    }

    /**
     * Frees the slots (not the arena). Idempotent; other methods throw afterwards.
     *
     * @throws IllegalStateException if this index is a HotRead copy: its {@link IndexCopy}
     *         frees it once no reader holds it
     */
    @Override
    public void close() {
        if (hotReadCopy) {
            throw new IllegalStateException("this key index is a copy inside a HotRead: release it"
                    + " through its IndexCopy, which HotRead does once no reader holds it");
        }
        free();
    }

    /** Closes; for {@link IndexCopy#release()}, which HotRead calls once no handle holds the copy. */
    void free() {
        final Slots s = slots;
        if (s == null) {
            return;
        }
        slots = null;
        // A HotRead copy is freed only once no handle holds it: no reader can be in it.
        DeferredFrees.retire(s.memory, s.bytes, budget, hotReadCopy || !shared);
        if (s.previous != null) {
            retirePrevious(s);
        }
        if (zeroing != null) {
            OffHeapMemory.free(zeroing.bytes, budget); // never reached by a reader
            zeroing = null;
        }
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return slots == null;
    }

    @Override
    public String toString() {
        final Slots s = slots;
        return s == null ? "KeyIndex[closed]" : "KeyIndex[size=" + size + ", capacity=" + s.capacity + "]";
    }

    /** Address of slot 0, for byte comparisons in tests. */
    long slotsAddress() {
        return open().address;
    }

    /**
     * Slots at {@link #slotsAddress()}, for byte comparisons in tests: the primary slots, which
     * while a growth zeroes its new slots are fewer than {@link #capacity()}.
     */
    int slotsCapacity() {
        return open().capacity;
    }

    /**
     * Hands this index's geometry to {@code lookup}: the primary slots, and the old ones with
     * the move cursor while a growth moves entries. Writer only (a copy's replay).
     */
    void describeTo(CopyLookup lookup) {
        final Slots s = open();
        final Slots old = s.previous;
        lookup.setSlots(s.address, s.capacity, old != null ? old.address : 0, old != null ? old.capacity : 0, moved);
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    private static long entry(long tag, int ref) {
        return tag << 32 | ((ref + 1L) & REF_MASK);
    }

    private static int refAt(Slots s, int slot) {
        return refAt(s.address, slot);
    }

    /** The home slot of an entry: {@link UuidHash#homeIndex} of the hash whose top bits are its tag. */
    private static int homeOf(long entry, int capacity) {
        return (int) (((entry >>> 32) * capacity) >>> 32);
    }

    private static int grownCapacity(int capacity) {
        return (int) Math.min((long) capacity * GROWTH_NUMERATOR / 2, MAX_CAPACITY);
    }

    private static int growAt(int capacity) {
        return (int) ((long) capacity * MAX_LOAD_PERCENT / 100);
    }

    /** {@link #probe(long, int, long[], int, long, long)} of these slots. */
    private int probe(Slots s, RecordArena.Chunks c, long msb, long lsb) {
        return probe(s.address, s.capacity, c.addresses, recordSize, msb, lsb);
    }

    /** {@link #probePrevious(long, int, int, long[], int, long, long)} of the old slots. */
    private int probePrevious(Slots old, RecordArena.Chunks c, long msb, long lsb) {
        return probePrevious(old.address, old.capacity, moved, c.addresses, recordSize, msb, lsb);
    }

    /**
     * The probe: the key's slot ({@code >= 0}) if present, else the complement of the empty
     * slot that ended it. The index never fills (it grows first), so an empty slot ends every
     * probe. Raw geometry, from one holder of slots and one of chunks that the caller keeps
     * reachable (or a {@link CopyLookup} of a held copy).
     *
     * @param address the slots' address
     * @param capacity the slots
     * @param chunkAddresses the arena's chunk addresses
     * @param recordSize the arena's record size
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @return the slot, or the complement of the empty slot that ended the probe
     */
    static int probe(long address, int capacity, long[] chunkAddresses, int recordSize, long msb, long lsb) {
        final long tag = UuidHash.hash(msb, lsb) >>> 32;
        int slot = (int) ((tag * capacity) >>> 32);
        while (true) {
            final long entry = UnsafeMemory.unsafeGetLong(address + ((long) slot << 3));
            if (entry == 0) {
                return ~slot;
            }
            if (entry >>> 32 == tag && RecordArena.holdsKey(chunkAddresses, (int) entry - 1, msb, lsb, recordSize)) {
                return slot;
            }
            if (++slot == capacity) {
                slot = 0;
            }
        }
    }

    /**
     * The probe of the old slots during a move: the key's slot if it is there and not moved yet
     * (at or after the cursor), else -1. Tombstones neither end the probe nor match.
     *
     * @param address the old slots' address
     * @param capacity the old slots
     * @param moved the move cursor: old slots below it were moved
     * @param chunkAddresses the arena's chunk addresses
     * @param recordSize the arena's record size
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @return the old slot, or -1
     */
    static int probePrevious(long address, int capacity, int moved, long[] chunkAddresses, int recordSize,
            long msb, long lsb) {
        final long tag = UuidHash.hash(msb, lsb) >>> 32;
        int slot = (int) ((tag * capacity) >>> 32);
        while (true) {
            final long entry = UnsafeMemory.unsafeGetLong(address + ((long) slot << 3));
            if (entry == 0) {
                return -1;
            }
            if (entry != TOMBSTONE && entry >>> 32 == tag
                    && RecordArena.holdsKey(chunkAddresses, (int) entry - 1, msb, lsb, recordSize)) {
                // Below the cursor it was moved, and is gone since (else the new slots had it).
                return slot >= moved ? slot : -1;
            }
            if (++slot == capacity) {
                slot = 0;
            }
        }
    }

    /** The reference part of a slot's entry ({@link #NO_RECORD} for empty). */
    static int refAt(long address, int slot) {
        return (int) UnsafeMemory.unsafeGetLong(address + ((long) slot << 3)) - 1;
    }

    /** The complement of the first empty slot from a tag's home: where a new key goes. */
    private static int emptySlotFor(Slots s, long tag) {
        final int capacity = s.capacity;
        int slot = (int) ((tag * capacity) >>> 32);
        while (UnsafeMemory.unsafeGetLong(s.address + ((long) slot << 3)) != 0) {
            if (++slot == capacity) {
                slot = 0;
            }
        }
        return ~slot;
    }

    /**
     * A new key reached {@link #growAt}: while the new slots of a growth are zeroed, their limit
     * for the old ones, and the growth is finished at once; otherwise the load limit, and a
     * growth starts (new slots, untouched, to be zeroed a page per write), after finishing at once
     * a move still under way.
     */
    private void startGrowth() {
        if (zeroing != null) {
            // Writes outran the zeroing (not at the rates in the class comment, but the index must
            // stay correct whatever the rates): finish it; a growth is due again only past the
            // new slots' own limit.
            finishGrowth();
            if (size < growAt) {
                return;
            }
        } else if (slots.previous != null) {
            finishGrowth();
        }
        final Slots s = slots;
        if (s.capacity == MAX_CAPACITY) {
            throw new IllegalStateException("key index is full: size=" + size + " at " + MAX_CAPACITY + " slots");
        }
        final int capacity = grownCapacity(s.capacity);
        // A HotRead copy grows in replay, which must not fail: its writer promised the room in
        // both budgets beforehand (IndexLog.promiseIndexGrowth), and the growth is only counted.
        final BytesStore<?, ?> b = OffHeapMemory.allocateForGrowth(bytesFor(capacity),
                "a key index of " + capacity + " slots", budget, hotReadCopy);
        zeroing = slotsIn(b, capacity, null);
        zeroed = 0;
        // Keys go on into the current slots while the new ones are zeroed; past this load the
        // growth is finished at once.
        growAt = (int) ((long) s.capacity * MAX_LOAD_WHILE_ZEROING_PERCENT / 100);
    }

    /** The growth step of one write: a page of zeroing, or the entries of a few old slots moved. */
    private void growStep() {
        if (zeroing != null) {
            final long capacity = zeroing.bytes.capacity();
            final long end = Math.min(capacity, zeroed + ZERO_BYTES_PER_WRITE);
            zeroing.bytes.zeroOut(zeroed, end);
            zeroed = end;
            if (end == capacity) {
                switchToZeroedSlots();
            }
            return;
        }
        final Slots s = slots;
        if (s.previous != null) {
            moveEntries(s, MOVE_SLOTS_PER_WRITE);
        }
    }

    /** Finishes a growth under way at once: the zeroing, then every move. */
    private void finishGrowth() {
        if (zeroing != null) {
            zeroing.bytes.zeroOut(zeroed, zeroing.bytes.capacity());
            switchToZeroedSlots();
        }
        final Slots s = slots;
        if (s.previous != null) {
            moveEntries(s, s.previous.capacity);
        }
    }

    /** The zeroed new slots become the primary ones; the current ones are moved out of from now on. */
    private void switchToZeroedSlots() {
        final Slots current = slots;
        slots = zeroing.withPrevious(current);
        moved = 0;
        zeroing = null;
        growAt = growAt(slots.capacity);
    }

    /**
     * Moves the entries of up to {@code count} old slots from the cursor into the primary slots,
     * from their tags alone; frees the old slots once the cursor reaches their end.
     */
    private void moveEntries(Slots s, int count) {
        final Slots old = s.previous;
        final int end = (int) Math.min(old.capacity, (long) moved + count);
        for (int i = moved; i < end; i++) {
            final long entry = UnsafeMemory.unsafeGetLong(old.address + ((long) i << 3));
            if (entry != 0 && entry != TOMBSTONE) {
                UnsafeMemory.unsafePutLong(s.address + ((long) ~emptySlotFor(s, entry >>> 32) << 3), entry);
            }
        }
        moved = end;
        // Entries changed tables: a forEach under way would miss those that landed behind it.
        modCount++;
        if (end == old.capacity) {
            slots = s.withoutPrevious();
            retirePrevious(s);
        }
    }

    /** Frees the old slots a holder kept for a move, once no reader can still hold that holder. */
    private void retirePrevious(Slots holder) {
        // Keyed on the old slots' memory, not on this holder: a reader may hold the holder from
        // before the switch, which has the old slots as its primary ones.
        DeferredFrees.retire(holder.previous.memory, holder.previous.bytes, budget, hotReadCopy || !shared);
    }

    private Slots allocateSlots(int capacity, boolean refusable) {
        return slotsIn(OffHeapMemory.allocate(bytesFor(capacity), "a key index of " + capacity + " slots", budget,
                refusable), capacity, null);
    }

    private static Slots slotsIn(BytesStore<?, ?> b, int capacity, Slots previous) {
        final long raw = b.addressForRead(0);
        final long aligned = (raw + CACHE_LINE_SIZE - 1) & -CACHE_LINE_SIZE;
        return new Slots(b, aligned, capacity, previous, new Object());
    }

    /** Public writes of a HotRead copy would change memory that its readers hold. */
    private void checkPublicWrite() {
        open();
        if (hotReadCopy) {
            throw new IllegalStateException("this key index is a copy inside a HotRead: only its replay"
                    + " writes it; append to the IndexLog instead");
        }
    }

    private Slots open() {
        if (!shared && Thread.currentThread() != creator) {
            shared = true;
        }
        final Slots s = slots;
        if (s == null) {
            throw new IllegalStateException("key index is closed");
        }
        return s;
    }
}
