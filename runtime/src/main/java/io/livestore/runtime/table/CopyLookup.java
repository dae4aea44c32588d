package io.livestore.runtime.table;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * The lookup of one HotRead copy ({@link IndexCopy}), for the readers that hold it: the copy's
 * index geometry and the arena's chunks as of the copy's last replay, in plain fields.
 *
 * <p><b>Why.</b> {@link KeyIndex#find} serves any thread at any time, so each call loads two
 * volatile holders, checks for a close, and marks the index shared. A reader that holds a copy
 * needs none of that: HotRead neither writes nor frees a copy while a handle holds it, so what
 * this object describes stays as it is, and the store's check that the reader still holds the
 * copy (owner thread, held generation) is the only check a read needs. A lookup through this
 * object is the hash, the probe and the key comparison over raw addresses; nothing else.
 *
 * <p><b>Thread-safety.</b> Written by the copy's writer after every change of the copy
 * ({@link IndexCopy} refreshes it at creation, after each replay and after {@code copy()}, which
 * finishes a growth under way), always before HotRead
 * publishes the copy; read by readers that hold it, whose acquire of the published generation
 * orders those writes before their reads. Plain fields for that reason.
 *
 * <p><b>Contract.</b> Read it only while holding its copy (a handle whose {@code current()}
 * returned the copy, the caller's thread, no {@code current()} since): otherwise the addresses
 * may name memory given back. The store checks that before every call; this class cannot.
 * Allocation-free.
 */
public final class CopyLookup {

    /** Primary slots: address of slot 0 and capacity. */
    private long slotsAddress;
    private int capacity;
    /** The old slots while a growth moves entries out of them (address 0 otherwise), and the move cursor. */
    private long previousAddress;
    private int previousCapacity;
    private int moved;
    /** The arena's chunks, from one immutable holder: chunk addresses and the chunks' memory. */
    private long[] chunkAddresses;
    private BytesStore<?, ?>[] chunkStores;
    /** Records each chunk holds: a reference from outside is checked against them. */
    private int[] chunkRecords;
    private int recordSize;

    CopyLookup() {
    }

    /** Reads the geometry of {@code index} and its arena. Writer only, before publication. */
    void refresh(KeyIndex index) {
        index.describeTo(this);
        index.arena().describeTo(this);
    }

    void setSlots(long address, int capacity, long previousAddress, int previousCapacity, int moved) {
        this.slotsAddress = address;
        this.capacity = capacity;
        this.previousAddress = previousAddress;
        this.previousCapacity = previousCapacity;
        this.moved = moved;
    }

    void setChunks(long[] chunkAddresses, BytesStore<?, ?>[] chunkStores, int[] chunkRecords, int recordSize) {
        this.chunkAddresses = chunkAddresses;
        this.chunkStores = chunkStores;
        this.chunkRecords = chunkRecords;
        this.recordSize = recordSize;
    }

    /** Whether lookups also probe the old slots of a growth (for tests). */
    boolean probesOldSlots() {
        return previousAddress != 0;
    }

    /**
     * Finds a key's record, as {@link KeyIndex#find} does, in the held copy.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @return the record reference, or {@link KeyIndex#NO_RECORD}
     */
    public int find(long msb, long lsb) {
        final int slot = KeyIndex.probe(slotsAddress, capacity, chunkAddresses, recordSize, msb, lsb);
        if (slot >= 0) {
            return KeyIndex.refAt(slotsAddress, slot);
        }
        if (previousAddress == 0) {
            return KeyIndex.NO_RECORD;
        }
        final int old = KeyIndex.probePrevious(previousAddress, previousCapacity, moved, chunkAddresses,
                recordSize, msb, lsb);
        return old >= 0 ? KeyIndex.refAt(previousAddress, old) : KeyIndex.NO_RECORD;
    }

    /**
     * Returns the native address of a record of this copy's arena.
     *
     * @param ref a record reference, from {@link #find}
     * @return the address of its first byte (its key): inside one of the arena's chunks, whatever
     *     {@code ref} is (a reference from elsewhere may name a record the copy does not use, but
     *     never memory outside the arena)
     * @throws IndexOutOfBoundsException if {@code ref} names no record of the arena's chunks
     */
    public long recordAddress(int ref) {
        return RecordArena.recordAddress(chunkAddresses, RecordArena.checkInChunks(chunkRecords, ref), recordSize);
    }

    /**
     * Returns the memory that holds a record that {@link #find} returned (as {@link RecordArena#bytes}).
     *
     * @param ref a record reference from {@link #find}
     * @return its chunk
     */
    public BytesStore<?, ?> bytes(int ref) {
        return RecordArena.chunkOf(chunkStores, ref);
    }

    /**
     * Returns the offset of a record in {@link #bytes} (as {@link RecordArena#offset}).
     *
     * @param ref a record reference from {@link #find}
     * @return the offset of its first byte
     */
    public long offset(int ref) {
        return RecordArena.offsetInChunk(ref, recordSize);
    }
}
