package io.livestore.benchmarks.table;

import io.livestore.runtime.table.UuidHash;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

/**
 * Design (a) of the entry-table memory study, as a prototype: one copy of an open-addressing
 * table whose slots are as compact as the store's header allows (key 16, version, last-write
 * time and expiry 8 each, then the value, rounded to 8 bytes; no state word, no padding to a
 * cache line; an all-zero key marks an empty slot), at a chosen load. Linear probing from the
 * same home slot as the real table. The store would keep two of these.
 *
 * <p>A measuring instrument, not a product: no deletion, no concurrency control, no bounds
 * checks, no budget. With no header at all it is also the "bare probe" limit: the fastest a
 * lookup of a key stored beside its value can be.
 */
final class CompactSlotTable implements AutoCloseable {

    static final int HEADER = 40;

    private final int slotSize;
    private final int capacity;
    private final BytesStore<?, ?> bytes;
    private final long address;

    /**
     * @param valueSize bytes of each value
     * @param entries entries to hold
     * @param loadPercent load at {@code entries}
     */
    CompactSlotTable(int valueSize, int entries, int loadPercent) {
        this.slotSize = (HEADER + valueSize + 7) & -8;
        this.capacity = (int) Math.max(16, (long) entries * 100 / loadPercent + 1);
        this.bytes = BytesStore.nativeStoreWithFixedCapacity((long) capacity * slotSize);
        this.address = bytes.addressForRead(0);
    }

    /** Inserts a new key; returns the address of its value. */
    long insert(long msb, long lsb) {
        int slot = UuidHash.homeIndex(UuidHash.hash(msb, lsb), capacity);
        while (true) {
            final long a = address + (long) slot * slotSize;
            if (UnsafeMemory.unsafeGetLong(a) == 0 && UnsafeMemory.unsafeGetLong(a + 8) == 0) {
                UnsafeMemory.unsafePutLong(a, msb);
                UnsafeMemory.unsafePutLong(a + 8, lsb);
                return a + HEADER;
            }
            if (++slot == capacity) {
                slot = 0;
            }
        }
    }

    /** Address of a present key's value, or 0. */
    long lookup(long msb, long lsb) {
        int slot = UuidHash.homeIndex(UuidHash.hash(msb, lsb), capacity);
        while (true) {
            final long a = address + (long) slot * slotSize;
            final long m = UnsafeMemory.unsafeGetLong(a);
            final long l = UnsafeMemory.unsafeGetLong(a + 8);
            if (m == msb && l == lsb) {
                return a + HEADER;
            }
            if (m == 0 && l == 0) {
                return 0;
            }
            if (++slot == capacity) {
                slot = 0;
            }
        }
    }

    long nativeBytes() {
        return (long) capacity * slotSize;
    }

    int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        bytes.releaseLast();
    }
}
