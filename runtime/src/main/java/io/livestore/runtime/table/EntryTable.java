package io.livestore.runtime.table;

import static io.livestore.runtime.table.EntryTableLayout.CACHE_LINE_SIZE;
import static io.livestore.runtime.table.EntryTableLayout.EXPIRY_DEADLINE_OFFSET;
import static io.livestore.runtime.table.EntryTableLayout.KEY_LSB_OFFSET;
import static io.livestore.runtime.table.EntryTableLayout.KEY_MSB_OFFSET;
import static io.livestore.runtime.table.EntryTableLayout.LAST_WRITE_TIME_OFFSET;
import static io.livestore.runtime.table.EntryTableLayout.REPLICATED_HEADER_OFFSET;
import static io.livestore.runtime.table.EntryTableLayout.STATE_EMPTY;
import static io.livestore.runtime.table.EntryTableLayout.STATE_LIVE;
import static io.livestore.runtime.table.EntryTableLayout.STATE_OFFSET;
import static io.livestore.runtime.table.EntryTableLayout.VALUE_OFFSET;
import static io.livestore.runtime.table.EntryTableLayout.VERSION_OFFSET;

import java.lang.ref.Reference;
import java.util.ConcurrentModificationException;
import java.util.UUID;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * An open-addressing hash table from UUID keys to fixed-size slots in off-heap memory.
 *
 * <p>One table is one copy of the entries: the store keeps two (see {@link EntryTableCopy}),
 * and this class knows nothing of that. A slot holds the key inline (two longs), a header
 * (state, version, last-write time, expiry deadline) and a value area of a size fixed at
 * creation; the layout is in {@link EntryTableLayout}. Callers read and write fields in place:
 * {@link #lookup} returns a slot offset into {@link #bytes()}, and the value starts at
 * {@link EntryTableLayout#valueOffset}.
 *
 * <p><b>Probing.</b> Linear probing from the home slot of {@link UuidHash}. A lookup reads the
 * state and the key of consecutive slots until it finds the key or an empty slot; the table
 * never fills (it grows first), so an empty slot always ends the probe.
 *
 * <p><b>Deletion.</b> Backward shift (Knuth, TAOCP vol. 3, 6.4, Algorithm R): after removing
 * a slot, each following entry of the run that may move back (its home slot is not in the
 * cyclic interval between the hole and itself) is moved into the hole, until an empty slot.
 * No tombstones: lookups never walk over dead slots, the load factor counts only live entries,
 * and an empty slot is all zero bytes, so two tables given the same writes are byte-identical.
 *
 * <p><b>Growth.</b> Past a load factor of {@value #MAX_LOAD_PERCENT}% the table allocates one
 * of twice the capacity and reinserts every entry in slot order (deterministic), then frees the
 * old memory. Capacity is any number of slots (not only powers of two), so
 * {@link #create(int, int)} sizes a table for its expected entry count at a load of
 * {@value #SIZED_LOAD_PERCENT}%. Why two loads: with 64-byte slots every extra probe is another
 * cache line, and at 1M entries a lookup measured 81 ns at load 0.5 against 123 ns at 0.75
 * (see benchmarks/RESULTS.md); growing only past 75% bounds the memory. A failed growth
 * (out of memory) leaves the table as it was. The old memory is freed as a close frees it (see
 * below).
 *
 * <p><b>Thread-safety.</b> None inside: one thread writes. Other threads may call the pure
 * read methods ({@link #lookup}, {@link #contains}, the slot accessors, {@link #forEach})
 * concurrently with each other, provided no write happens at the same time and the last write
 * happens-before their reads (HotRead's publication gives exactly that). Reads change nothing in
 * the slots.
 *
 * <p><b>Allocation.</b> Reads and writes allocate nothing on the Java heap; only growth and
 * creation do (Chronicle's store object and a small holder of it).
 *
 * <p><b>Memory safety.</b> Every method that touches memory throws {@link IllegalStateException}
 * after {@link #close()}, before touching it (only {@code close}, {@code isClosed},
 * {@code valueSize}, {@code slotSize} and {@code toString} still answer). Slot offsets passed in
 * are bounds-checked unless {@code -Dlivestore.table.boundsChecks=false}; the checks turn a stale
 * or foreign offset into an {@link IndexOutOfBoundsException} instead of a read of unowned
 * memory. Turning them off waives LiveStore's "never crashes the JVM" guarantee for callers that
 * pass bad offsets (the same trade as Agrona's bounds-check switch): do it only for measured,
 * trusted code. Slot offsets are valid until the next write (a write may shift or move entries).
 *
 * <p><b>No reader crashes the JVM, whatever another thread does.</b> A read that races a
 * {@code close()} or a growth, which break the contract above, gets a result or an
 * {@link IllegalStateException}, never freed memory. How: the memory and its geometry are one
 * immutable holder published through a volatile field, which every method reads once, so it
 * never pairs a new address with an old capacity; closing sets the field to {@code null}. Memory
 * that a close or a growth replaces is freed at once only when no other thread can be reading
 * it: in a HotRead copy (made by {@link EntryTableCopy}; HotRead never writes or releases a copy
 * a handle holds, and such a table refuses {@code close()} and public writes, which only its
 * replay may do), or in a table no thread but its creator ever used. Otherwise its free waits
 * until the garbage collector finds no thread still holding the holder, and each read keeps its
 * holder reachable until it is done. The memory behind {@link #bytes()} is the caller's to
 * guard: it is valid until the next write or close (the store reads it only under HotRead).
 */
public final class EntryTable implements AutoCloseable {

    /** Returned by lookups and inserts when there is no slot to return. Never a valid offset. */
    public static final long NO_SLOT = -1;

    /** Growth threshold: the table grows before its live entries exceed this share of slots. */
    public static final int MAX_LOAD_PERCENT = 75;

    /** Load of a table created for its expected entry count: half full, short probes. */
    public static final int SIZED_LOAD_PERCENT = 50;

    /** Smallest capacity, so that tiny tables still have room to probe. */
    public static final int MIN_CAPACITY = 16;

    /** Largest capacity in slots; slot indexes are {@code int}s. */
    public static final int MAX_CAPACITY = 1 << 30;

    /** Most entries a table can hold: {@link #MAX_LOAD_PERCENT}% of {@link #MAX_CAPACITY}. */
    public static final int MAX_ENTRIES = (int) ((long) MAX_CAPACITY * MAX_LOAD_PERCENT / 100);

    /** System property: {@code false} turns off the bounds checks of slot offsets passed in. */
    public static final String BOUNDS_CHECKS_PROPERTY = "livestore.table.boundsChecks";

    /** A static final so that the JIT removes the checks entirely when they are off. */
    private static final boolean BOUNDS_CHECKS =
            !"false".equalsIgnoreCase(System.getProperty(BOUNDS_CHECKS_PROPERTY));

    private final int valueSize;
    private final int slotSize;
    /** What this table's memory counts against; growth is counted, never refused (see MemoryBudget). */
    private final MemoryBudget budget;
    /** A copy inside a HotRead: only replay writes it, and only its EntryTableCopy frees it. */
    private final boolean hotReadCopy;
    /** The thread that created the table: its own reads cannot race its own close or growth. */
    private final Thread creator = Thread.currentThread();

    /**
     * The slots; replaced whole on growth, {@code null} once closed. Volatile: a reader's one load
     * of it pairs with the store in {@link #close()} or {@link #grow}, so that it sees the
     * holder's fields as they were built, and {@code null} after a close it must not outlive.
     */
    private volatile Slots slots;
    /**
     * Set once a thread other than the creator used the table. Volatile, and written before that
     * thread loads {@link #slots}: with {@link #retire}'s store of {@code slots} then load of
     * {@code shared} (both volatile, so totally ordered), either the reader sees the new slots or
     * the retiring thread sees {@code shared} and defers the free (Dekker).
     */
    private volatile boolean shared;

    private int growAt;
    private int size;
    /**
     * Structural writes so far (insert of a new key, remove, clear): {@link #forEach} compares it
     * to notice a visitor that wrote, where size alone misses a remove followed by an insert.
     */
    private int modCount;

    /**
     * The memory of the slots and its geometry, immutable: a reader that loaded it uses one
     * consistent view even if the table grows or closes meanwhile.
     */
    private static final class Slots {
        final BytesStore<?, ?> bytes;
        /** Offset of slot 0 in {@link #bytes}: the first cache-line-aligned address. */
        final long base;
        /** Native address of slot 0: {@code bytes.addressForRead(base)}. */
        final long address;
        final int capacity;
        /** Offset of the first byte after the last slot. */
        final long end;

        Slots(BytesStore<?, ?> bytes, long base, long address, int capacity, int slotSize) {
            this.bytes = bytes;
            this.base = base;
            this.address = address;
            this.capacity = capacity;
            this.end = base + (long) capacity * slotSize;
        }
    }

    private EntryTable(int valueSize, int capacity, MemoryBudget budget, boolean hotReadCopy) {
        this.valueSize = valueSize;
        this.slotSize = EntryTableLayout.slotSize(valueSize);
        this.budget = budget;
        this.hotReadCopy = hotReadCopy;
        this.slots = allocateSlots(capacity, true);
        this.growAt = (int) ((long) capacity * MAX_LOAD_PERCENT / 100);
    }

    /**
     * Creates an empty table.
     *
     * @param valueSize bytes of each slot's value area, 0 to {@link EntryTableLayout#MAX_VALUE_SIZE}
     *        (its {@code ValueLayout.size()}, or more if the caller stores a header of its own
     *        before the value); every put checks the length it will write against it
     * @param expectedEntries entries the table should hold at a load of
     *        {@value #SIZED_LOAD_PERCENT}% (it grows only past {@value #MAX_LOAD_PERCENT}%),
     *        0 to {@link #MAX_ENTRIES}
     * @return the table, owning native memory until {@link #close()}
     * @throws IllegalArgumentException if an argument is out of range, naming it
     * @throws OutOfMemoryError if the memory cannot be had, naming the size
     * @throws IllegalStateException if the JVM lacks the flags Chronicle Bytes needs, listing them
     */
    public static EntryTable create(int valueSize, int expectedEntries) {
        return create(valueSize, expectedEntries, MemoryBudget.unlimited());
    }

    /**
     * Creates an empty table whose memory counts against {@code budget}: creation and
     * {@link #copy()} may be refused by it, growth is counted but never refused (the owner admits
     * growth beforehand with {@link #bytesFor} and {@link #capacityAfterInsert}).
     *
     * @param valueSize bytes of each slot's value area
     * @param expectedEntries entries the table should hold at a load of {@value #SIZED_LOAD_PERCENT}%
     * @param budget the budget to count against
     * @return the table
     * @throws MemoryLimitExceededException if the table does not fit in the budget
     * @throws IllegalArgumentException if an argument is out of range, naming it
     */
    public static EntryTable create(int valueSize, int expectedEntries, MemoryBudget budget) {
        return create(valueSize, expectedEntries, budget, false);
    }

    /** Creates the first table of a HotRead pair (see {@link EntryTableCopy}). */
    static EntryTable createHotReadCopy(int valueSize, int expectedEntries, MemoryBudget budget) {
        return create(valueSize, expectedEntries, budget, true);
    }

    private static EntryTable create(int valueSize, int expectedEntries, MemoryBudget budget, boolean hotReadCopy) {
        java.util.Objects.requireNonNull(budget, "budget");
        EntryTableLayout.checkValueSize(valueSize);
        if (expectedEntries < 0 || expectedEntries > MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "expectedEntries=" + expectedEntries + " is outside [0, " + MAX_ENTRIES + "]");
        }
        return new EntryTable(valueSize, capacityFor(expectedEntries), budget, hotReadCopy);
    }

    /**
     * Returns the native bytes a table of {@code capacity} slots occupies.
     *
     * @param capacity slots
     * @param valueSize bytes of each value area
     * @return bytes, alignment slack included
     */
    public static long bytesFor(int capacity, int valueSize) {
        return (long) capacity * EntryTableLayout.slotSize(valueSize) + CACHE_LINE_SIZE - 1;
    }

    /**
     * Returns the capacity a table of {@code capacity} slots holding {@code size} entries has
     * after one more key is inserted: growth is a deterministic function of the two, so a writer
     * can tell in advance, from its own count, when both copies will grow.
     *
     * @param capacity the current capacity
     * @param size the current number of entries
     * @return the capacity after the insert ({@code capacity} when it does not grow)
     */
    public static int capacityAfterInsert(int capacity, int size) {
        final int growAt = (int) ((long) capacity * MAX_LOAD_PERCENT / 100);
        return size >= growAt ? (int) Math.min((long) capacity * 2, MAX_CAPACITY) : capacity;
    }

    /**
     * Returns the capacity of a table created for {@code expectedEntries}.
     *
     * @param expectedEntries as given to {@link #create}
     * @return its initial capacity
     */
    public static int initialCapacity(int expectedEntries) {
        return capacityFor(expectedEntries);
    }

    /** The capacity that holds {@code entries} at {@link #SIZED_LOAD_PERCENT}% (never less than needed). */
    static int capacityFor(int entries) {
        final long capacity = ((long) entries * 100 + SIZED_LOAD_PERCENT - 1) / SIZED_LOAD_PERCENT;
        return (int) Math.min(MAX_CAPACITY, Math.max(MIN_CAPACITY, capacity));
    }

    // ------------------------------------------------------------------------------------------
    // Reads: pure, allocation-free, safe from many threads while no write runs. Each loads the
    // slots once and keeps them reachable until done (see "No reader crashes the JVM").
    // ------------------------------------------------------------------------------------------

    /**
     * Finds a key's slot.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @return the slot offset in {@link #bytes()}, or {@link #NO_SLOT} if absent
     * @throws IllegalStateException if closed
     */
    public long lookup(long msb, long lsb) {
        final Slots s = open();
        final long found = probe(s, msb, lsb);
        Reference.reachabilityFence(s);
        return found >= 0 ? found : NO_SLOT;
    }

    /**
     * Finds a key's slot.
     *
     * @param key the key
     * @return the slot offset in {@link #bytes()}, or {@link #NO_SLOT} if absent
     * @throws IllegalStateException if closed
     */
    public long lookup(UUID key) {
        return lookup(key.getMostSignificantBits(), key.getLeastSignificantBits());
    }

    /**
     * Tells whether a key has an entry.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @return whether the key is present
     * @throws IllegalStateException if closed
     */
    public boolean contains(long msb, long lsb) {
        return lookup(msb, lsb) != NO_SLOT;
    }

    /**
     * Returns the number of live entries.
     *
     * @return the number of entries
     * @throws IllegalStateException if closed
     */
    public int size() {
        open();
        return size;
    }

    /**
     * Returns the number of slots; it grows, never shrinks.
     *
     * @return the capacity in slots
     * @throws IllegalStateException if closed
     */
    public int capacity() {
        return open().capacity;
    }

    /**
     * Returns the size of each slot's value area, as given at creation.
     *
     * @return bytes per value
     */
    public int valueSize() {
        return valueSize;
    }

    /**
     * Returns the size of a slot, header and padding included ({@link EntryTableLayout#slotSize}).
     *
     * @return bytes per slot
     */
    public int slotSize() {
        return slotSize;
    }

    /**
     * Returns the native memory that slot offsets point into. It changes when the table grows;
     * fetch it again after any write. Reading it at an offset not obtained from this table (or
     * stale after a write) is unchecked, and so is reading it after the table was closed or grew:
     * prefer the checked accessors below, or {@link #valueOffset(long, int, int)}.
     *
     * @return the table's bytes
     * @throws IllegalStateException if closed
     */
    public BytesStore<?, ?> bytes() {
        return open().bytes;
    }

    /**
     * Returns the key's most significant bits stored in a live slot.
     *
     * @param slotOffset a slot offset from this table
     * @return the bits
     * @throws IllegalStateException if closed
     * @throws IndexOutOfBoundsException if the offset is not a slot of this table (when checked)
     */
    public long keyMsb(long slotOffset) {
        return readSlotLong(slotOffset, KEY_MSB_OFFSET);
    }

    /**
     * Returns the key's least significant bits stored in a live slot.
     *
     * @param slotOffset a slot offset from this table
     * @return the bits
     * @throws IllegalStateException if closed
     * @throws IndexOutOfBoundsException if the offset is not a slot of this table (when checked)
     */
    public long keyLsb(long slotOffset) {
        return readSlotLong(slotOffset, KEY_LSB_OFFSET);
    }

    /**
     * Returns the version stored in a slot by the last write.
     *
     * @param slotOffset a slot offset from this table
     * @return the version
     * @throws IllegalStateException if closed
     * @throws IndexOutOfBoundsException if the offset is not a slot of this table (when checked)
     */
    public long version(long slotOffset) {
        return readSlotLong(slotOffset, VERSION_OFFSET);
    }

    /**
     * Returns the last-write time stored in a slot by the last write.
     *
     * @param slotOffset a slot offset from this table
     * @return the time, in the caller's clock units
     * @throws IllegalStateException if closed
     * @throws IndexOutOfBoundsException if the offset is not a slot of this table (when checked)
     */
    public long lastWriteTime(long slotOffset) {
        return readSlotLong(slotOffset, LAST_WRITE_TIME_OFFSET);
    }

    /**
     * Returns the expiry deadline stored in a slot by the last write.
     *
     * @param slotOffset a slot offset from this table
     * @return the deadline, in the caller's clock units
     * @throws IllegalStateException if closed
     * @throws IndexOutOfBoundsException if the offset is not a slot of this table (when checked)
     */
    public long expiryDeadline(long slotOffset) {
        return readSlotLong(slotOffset, EXPIRY_DEADLINE_OFFSET);
    }

    /**
     * Returns the offset in {@link #bytes()} of a field of a slot's value, checking that the
     * field lies inside the value area: for callers that compute field offsets themselves.
     * (Generated layouts check the whole value against the memory with {@code ValueBounds}.)
     *
     * @param slotOffset a slot offset from this table
     * @param fieldOffset offset of the field within the value area
     * @param fieldLength length of the field in bytes
     * @return {@code slotOffset + VALUE_OFFSET + fieldOffset}
     * @throws IllegalStateException if closed
     * @throws IndexOutOfBoundsException if the slot or the field is out of bounds (when checked)
     */
    public long valueOffset(long slotOffset, int fieldOffset, int fieldLength) {
        checkSlot(open(), slotOffset);
        if (BOUNDS_CHECKS && (fieldOffset < 0 || fieldLength < 0 || fieldOffset > valueSize - fieldLength)) {
            throw new IndexOutOfBoundsException("field [" + fieldOffset + ", " + fieldOffset + " + "
                    + fieldLength + ") is outside the value area [0, " + valueSize + ")");
        }
        return slotOffset + VALUE_OFFSET + fieldOffset;
    }

    /**
     * Visits every live slot in slot order. The visitor must not change which keys the table holds:
     * after a visit that inserted, removed or cleared (in any combination, a remove followed by an
     * insert too) or grew the table, the walk stops with {@link ConcurrentModificationException},
     * since entries may have moved. A visitor may rewrite the header or value of an existing key
     * with {@link #put} (nothing moves then). Allocates nothing (a non-capturing visitor is a
     * constant).
     *
     * @param visitor receives each live slot
     * @throws IllegalStateException if closed, also when closed during the walk (by the visitor
     *         or another thread)
     * @throws ConcurrentModificationException if the visitor changed the table's keys
     */
    public void forEach(SlotVisitor visitor) {
        final Slots s = open();
        final BytesStore<?, ?> b = s.bytes;
        final int modCountBefore = modCount;
        for (int i = 0; i < s.capacity; i++) {
            final long slot = s.base + (long) i * slotSize;
            if (b.readInt(slot + STATE_OFFSET) == STATE_LIVE) {
                visitor.visit(this, slot);
                // A visitor that wrote (or a close) would have the loop read shifted or retired
                // slots: stop with a clear error instead. A put that replaces an entry in place
                // is not counted, and is harmless to the walk.
                final Slots now = open();
                if (now != s || modCount != modCountBefore) {
                    throw new ConcurrentModificationException("the forEach visitor wrote to the entry table");
                }
            }
        }
        Reference.reachabilityFence(s);
    }

    // ------------------------------------------------------------------------------------------
    // Writes: one thread; may move entries and replace bytes().
    // ------------------------------------------------------------------------------------------

    /**
     * Inserts or updates an entry's header; the caller then writes the value in place, at
     * {@link EntryTableLayout#valueOffset(long)} of the returned slot. A new entry's value area is
     * all zeros; an updated entry keeps its old value bytes.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @param version the entry's version
     * @param lastWriteTime the write's time, from the caller's clock
     * @param expiryDeadline the entry's expiry deadline, from the caller's clock
     * @param valueLength bytes the caller will write into the value area (its value layout's
     *        size): checked against the table's {@link #valueSize()}, so that a value too large
     *        for the slot is refused instead of overwriting the next slot's key
     * @return the slot offset (valid until the next write)
     * @throws IllegalArgumentException if {@code valueLength} is negative or larger than the
     *         value area, naming both sizes (table unchanged)
     * @throws IllegalStateException if closed, full at {@link #MAX_CAPACITY}, or a HotRead copy
     *         (only its replay writes it)
     * @throws OutOfMemoryError if growth needs memory that cannot be had (table unchanged)
     */
    public long put(long msb, long lsb, long version, long lastWriteTime, long expiryDeadline, int valueLength) {
        checkPublicWrite();
        checkValueLength(valueLength);
        final long slot = slotFor(msb, lsb);
        final BytesStore<?, ?> b = slots.bytes;
        b.writeLong(slot + VERSION_OFFSET, version);
        b.writeLong(slot + LAST_WRITE_TIME_OFFSET, lastWriteTime);
        b.writeLong(slot + EXPIRY_DEADLINE_OFFSET, expiryDeadline);
        return slot;
    }

    /**
     * Inserts a new entry's header if the key is absent; the caller then writes the value.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @param version the entry's version
     * @param lastWriteTime the write's time, from the caller's clock
     * @param expiryDeadline the entry's expiry deadline, from the caller's clock
     * @param valueLength bytes the caller will write into the value area, as for {@link #put}
     * @return the new slot's offset (value area all zeros), or {@link #NO_SLOT} if the key was
     *         present (then nothing changed)
     * @throws IllegalArgumentException if {@code valueLength} does not fit the value area
     * @throws IllegalStateException if closed, full at {@link #MAX_CAPACITY}, or a HotRead copy
     * @throws OutOfMemoryError if growth needs memory that cannot be had (table unchanged)
     */
    public long insertIfAbsent(long msb, long lsb, long version, long lastWriteTime, long expiryDeadline,
            int valueLength) {
        checkPublicWrite();
        checkValueLength(valueLength);
        if (probe(slots, msb, lsb) >= 0) {
            return NO_SLOT;
        }
        return put(msb, lsb, version, lastWriteTime, expiryDeadline, valueLength);
    }

    /**
     * Inserts or replaces an entry from a redo record: header fields and value are copied from
     * {@code source}, where they are laid out as in a slot from the version on.
     *
     * @param source the record's bytes
     * @param sourceOffset offset in {@code source} of the version field
     */
    void putFrom(long msb, long lsb, BytesStore<?, ?> source, long sourceOffset) {
        open();
        final long slot = slotFor(msb, lsb);
        slots.bytes.write(slot + REPLICATED_HEADER_OFFSET, source, sourceOffset,
                VALUE_OFFSET - REPLICATED_HEADER_OFFSET + valueSize);
    }

    /**
     * Removes an entry, shifting back the entries that followed it in its probe run.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @return whether the key was present
     * @throws IllegalStateException if closed, or a HotRead copy
     */
    public boolean remove(long msb, long lsb) {
        checkPublicWrite();
        return removeEntry(msb, lsb);
    }

    /** {@link #remove} for replay, which may write a HotRead copy. */
    boolean removeEntry(long msb, long lsb) {
        final Slots s = open();
        final long found = probe(s, msb, lsb);
        if (found < 0) {
            return false;
        }
        final BytesStore<?, ?> b = s.bytes;
        final int capacity = s.capacity;
        int hole = (int) ((found - s.base) / slotSize);
        int next = hole;
        while (true) {
            if (++next == capacity) {
                next = 0;
            }
            final long nextSlot = s.base + (long) next * slotSize;
            if (b.readInt(nextSlot + STATE_OFFSET) == STATE_EMPTY) {
                break;
            }
            final int home = UuidHash.homeIndex(UuidHash.hash(
                    b.readLong(nextSlot + KEY_MSB_OFFSET), b.readLong(nextSlot + KEY_LSB_OFFSET)), capacity);
            if (BackwardShift.mayFill(hole, next, home)) {
                b.move(nextSlot, s.base + (long) hole * slotSize, slotSize);
                hole = next;
            }
        }
        final long holeSlot = s.base + (long) hole * slotSize;
        b.zeroOut(holeSlot, holeSlot + slotSize);
        size--;
        modCount++;
        return true;
    }

    /**
     * Removes every entry; keeps the capacity.
     *
     * @throws IllegalStateException if closed, or a HotRead copy
     */
    public void clear() {
        checkPublicWrite();
        clearEntries();
    }

    /** {@link #clear} for replay, which may write a HotRead copy. */
    void clearEntries() {
        final Slots s = open();
        s.bytes.zeroOut(s.base, s.end);
        size = 0;
        modCount++;
    }

    /**
     * Returns a new table with the same capacity and byte-identical slots. The copy is a table of
     * its own, whatever this one is.
     *
     * @return the copy, owning its own memory
     * @throws IllegalStateException if closed
     * @throws OutOfMemoryError if the memory cannot be had
     */
    public EntryTable copy() {
        return copy(false);
    }

    /** The second table of a HotRead pair (see {@link EntryTableCopy#copy()}). */
    EntryTable copyForHotRead() {
        return copy(true);
    }

    private EntryTable copy(boolean asHotReadCopy) {
        final Slots s = open();
        final EntryTable copy = new EntryTable(valueSize, s.capacity, budget, asHotReadCopy);
        final Slots c = copy.slots;
        c.bytes.write(c.base, s.bytes, s.base, s.end - s.base);
        copy.size = size;
        Reference.reachabilityFence(s);
        return copy;
    }

    /**
     * Frees the native memory (at once, or once no other thread can still be reading it: see
     * the class comment). Idempotent; every other method throws afterwards.
     *
     * @throws IllegalStateException if this table is a HotRead copy: its {@link EntryTableCopy}
     *         frees it once no reader holds it
     */
    @Override
    public void close() {
        if (hotReadCopy) {
            throw new IllegalStateException("this entry table is a copy inside a HotRead: release it"
                    + " through its EntryTableCopy, which HotRead does once no reader holds it");
        }
        free();
    }

    /** Closes; for {@link EntryTableCopy#release()}, which HotRead calls once no handle holds the copy. */
    void free() {
        final Slots s = slots;
        if (s == null) {
            return;
        }
        slots = null;
        retire(s);
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return whether closed
     */
    public boolean isClosed() {
        return slots == null;
    }

    @Override
    public String toString() {
        final Slots s = slots;
        return s == null ? "EntryTable[closed]"
                : "EntryTable[size=" + size + ", capacity=" + s.capacity + ", slotSize=" + slotSize + "]";
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    /** Offset of the first byte after the last slot. Package-private for byte comparisons. */
    long slotsEnd() {
        return open().end;
    }

    /** Offset of slot 0. Package-private for byte comparisons. */
    long slotsBase() {
        return open().base;
    }

    /**
     * The probe: the key's slot offset ({@code >= 0}) if present, else the bitwise complement
     * of the empty slot that ended the probe (negative), where an insert would go.
     */
    private long probe(Slots s, long msb, long lsb) {
        // The hot loop reads through raw addresses (Chronicle's UnsafeMemory) rather than
        // BytesStore calls: same memory, fewer field loads per probe. It is safe because every
        // address is computed from an index below the capacity of the same holder, whose memory
        // stays allocated while the caller keeps the holder reachable.
        final long address = s.address;
        final long base = s.base;
        final int cap = s.capacity;
        final long size = slotSize;
        int index = UuidHash.homeIndex(UuidHash.hash(msb, lsb), cap);
        while (true) {
            final long slot = address + index * size;
            if (UnsafeMemory.unsafeGetInt(slot + STATE_OFFSET) == STATE_EMPTY) {
                return ~(base + index * size);
            }
            if (UnsafeMemory.unsafeGetLong(slot + KEY_MSB_OFFSET) == msb
                    && UnsafeMemory.unsafeGetLong(slot + KEY_LSB_OFFSET) == lsb) {
                return base + index * size;
            }
            if (++index == cap) {
                index = 0;
            }
        }
    }

    /** The key's slot, inserting the key (growing first if needed) when absent. */
    private long slotFor(long msb, long lsb) {
        Slots s = slots;
        long found = probe(s, msb, lsb);
        if (found >= 0) {
            return found;
        }
        if (size >= growAt) {
            s = grow(s);
            found = probe(s, msb, lsb);
        }
        final long slot = ~found;
        final BytesStore<?, ?> b = s.bytes;
        b.writeLong(slot + KEY_MSB_OFFSET, msb);
        b.writeLong(slot + KEY_LSB_OFFSET, lsb);
        b.writeInt(slot + STATE_OFFSET, STATE_LIVE);
        size++;
        modCount++;
        return slot;
    }

    /** Rehashes into twice the slots; publishes them, then retires the old. Returns the new. */
    private Slots grow(Slots old) {
        if (old.capacity == MAX_CAPACITY) {
            throw new IllegalStateException("entry table is full: size=" + size
                    + " at the maximum capacity of " + MAX_CAPACITY + " slots");
        }
        final BytesStore<?, ?> oldBytes = old.bytes;
        // Allocates first: if that throws, the table still has its old, intact slots.
        final Slots grown = allocateSlots((int) Math.min((long) old.capacity * 2, MAX_CAPACITY), false);
        final BytesStore<?, ?> b = grown.bytes;
        for (int i = 0; i < old.capacity; i++) {
            final long from = old.base + (long) i * slotSize;
            if (oldBytes.readInt(from + STATE_OFFSET) == STATE_LIVE) {
                final long msb = oldBytes.readLong(from + KEY_MSB_OFFSET);
                final long lsb = oldBytes.readLong(from + KEY_LSB_OFFSET);
                // Keys are unique: the probe only looks for the first empty slot.
                b.write(~probe(grown, msb, lsb), oldBytes, from, slotSize);
            }
        }
        growAt = (int) ((long) grown.capacity * MAX_LOAD_PERCENT / 100);
        slots = grown;
        retire(old);
        return grown;
    }

    /**
     * Frees slots that {@link #slots} no longer points to. At once when no other thread can be
     * reading them: a HotRead copy (HotRead never writes or releases a copy a handle holds), or a
     * table no other thread has used ({@link #shared} is read after the store of {@code slots},
     * see there). Otherwise once the garbage collector finds the holder unreachable: every read
     * keeps the holder it loaded reachable until it is done.
     */
    private void retire(Slots old) {
        DeferredFrees.retire(old, old.bytes, budget, hotReadCopy || !shared);
    }

    /**
     * Allocates zeroed slots. Creation may be refused by the budget; growth (during replay) is
     * only counted.
     */
    private Slots allocateSlots(int newCapacity, boolean refusable) {
        final long slotBytes = (long) newCapacity * slotSize;
        final BytesStore<?, ?> b = OffHeapMemory.allocate(slotBytes + CACHE_LINE_SIZE - 1,
                "an entry table of " + newCapacity + " slots of " + slotSize + " bytes", budget, refusable);
        final long address = b.addressForRead(0);
        final long base = (CACHE_LINE_SIZE - (address & (CACHE_LINE_SIZE - 1))) & (CACHE_LINE_SIZE - 1);
        return new Slots(b, base, address + base, newCapacity, slotSize);
    }

    /**
     * The slots of this open table, for any method. A thread other than the creator first marks
     * the table {@link #shared}, then loads the slots (see there for why that order).
     */
    private Slots open() {
        if (!shared && Thread.currentThread() != creator) {
            shared = true;
        }
        final Slots s = slots;
        if (s == null) {
            throw new IllegalStateException("entry table is closed");
        }
        return s;
    }

    /** Public writes of a HotRead copy would move or free memory that readers of it hold. */
    private void checkPublicWrite() {
        open();
        if (hotReadCopy) {
            throw new IllegalStateException("this entry table is a copy inside a HotRead: only its replay"
                    + " writes it; append to the RedoLog instead");
        }
    }

    /** Refuses a value that would not fit the value area: it would overwrite the next slot. */
    private void checkValueLength(int valueLength) {
        if (valueLength < 0 || valueLength > valueSize) {
            throw new IllegalArgumentException(valueLengthMessage(valueLength, valueSize, "this entry table"));
        }
    }

    /** The message of a refused value length, shared with {@link RedoLog#appendPut}. */
    static String valueLengthMessage(int valueLength, int valueSize, String where) {
        return "a value of " + valueLength + " bytes does not fit the value area of " + valueSize + " bytes of "
                + where + " (created with valueSize=" + valueSize + "): create it with the value layout's size";
    }

    /** Reads a long field of a checked slot, keeping the slots reachable until it is read. */
    private long readSlotLong(long slotOffset, int fieldOffset) {
        final Slots s = open();
        final long value = s.bytes.readLong(checkSlot(s, slotOffset) + fieldOffset);
        Reference.reachabilityFence(s);
        return value;
    }

    /** Checks that an offset passed in is a slot of these slots; returns it. */
    private long checkSlot(Slots s, long slotOffset) {
        if (BOUNDS_CHECKS) {
            final long relative = slotOffset - s.base;
            if (relative < 0 || relative >= (long) s.capacity * slotSize || relative % slotSize != 0) {
                throw new IndexOutOfBoundsException("slotOffset=" + slotOffset + " is not a slot: slots start at "
                        + s.base + ", step " + slotSize + ", end before " + s.end);
            }
        }
        return slotOffset;
    }
}
