package io.livestore.runtime.table;

import static io.livestore.runtime.table.EntryTable.NO_SLOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntryTableTest {

    private static final int VALUE_SIZE = 16;

    private long allocatedBefore;
    private EntryTable table;

    @BeforeEach
    void setUp() {
        allocatedBefore = OffHeapMemory.allocatedBytes();
        table = EntryTable.create(VALUE_SIZE, 0);
    }

    @AfterEach
    void tearDown() {
        table.close();
        assertEquals(allocatedBefore, OffHeapMemory.allocatedBytes(), "native memory leaked");
    }

    @Test
    void lookup_emptyTable() {
        assertEquals(NO_SLOT, table.lookup(1, 2));
        assertFalse(table.contains(1, 2));
        assertEquals(0, table.size());
    }

    @Test
    void put_thenLookupReadsHeaderAndValueInPlace() {
        final long slot = table.put(11, 22, 3, 44, 55, Long.BYTES);
        table.bytes().writeLong(EntryTableLayout.valueOffset(slot) + 8, 99);

        final long found = table.lookup(new UUID(11, 22));
        assertEquals(slot, found);
        assertEquals(11, table.keyMsb(found));
        assertEquals(22, table.keyLsb(found));
        assertEquals(3, table.version(found));
        assertEquals(44, table.lastWriteTime(found));
        assertEquals(55, table.expiryDeadline(found));
        assertEquals(0, table.bytes().readLong(table.valueOffset(found, 0, 8)));
        assertEquals(99, table.bytes().readLong(table.valueOffset(found, 8, 8)));
        assertEquals(1, table.size());
    }

    @Test
    void put_existingKeyUpdatesHeaderKeepsValue() {
        final long slot = table.put(1, 1, 1, 1, 1, Long.BYTES);
        table.bytes().writeLong(EntryTableLayout.valueOffset(slot), 7);

        final long again = table.put(1, 1, 2, 20, 200, Long.BYTES);

        assertEquals(slot, again);
        assertEquals(2, table.version(again));
        assertEquals(20, table.lastWriteTime(again));
        assertEquals(200, table.expiryDeadline(again));
        assertEquals(7, table.bytes().readLong(EntryTableLayout.valueOffset(again)));
        assertEquals(1, table.size());
    }

    @Test
    void insertIfAbsent_presentKeyChangesNothing() {
        final long slot = table.insertIfAbsent(5, 6, 1, 2, 3, Long.BYTES);
        assertNotEquals(NO_SLOT, slot);

        assertEquals(NO_SLOT, table.insertIfAbsent(5, 6, 9, 9, 9, Long.BYTES));
        assertEquals(1, table.version(slot));
        assertEquals(1, table.size());
    }

    @Test
    void insertIfAbsent_newSlotHasZeroValue() {
        final long slot = table.put(5, 6, 1, 2, 3, Long.BYTES);
        table.bytes().writeLong(EntryTableLayout.valueOffset(slot), -1);
        table.remove(5, 6);

        final long again = table.insertIfAbsent(5, 6, 1, 2, 3, Long.BYTES);

        assertEquals(0, table.bytes().readLong(EntryTableLayout.valueOffset(again)));
    }

    @Test
    void remove_absentKey() {
        table.put(1, 2, 0, 0, 0, Long.BYTES);
        assertFalse(table.remove(2, 1));
        assertEquals(1, table.size());
    }

    @Test
    void remove_keepsCollidingKeysReachable() {
        // Keys that share one home slot form one probe run; removing from its middle must shift
        // the rest back, not cut the run.
        final List<UUID> run = keysWithHome(table.capacity(), 3, 4);
        run.forEach(k -> table.put(k.getMostSignificantBits(), k.getLeastSignificantBits(), 0, 0, 0, Long.BYTES));

        assertTrue(table.remove(run.get(1).getMostSignificantBits(), run.get(1).getLeastSignificantBits()));

        assertTrue(table.contains(run.get(0).getMostSignificantBits(), run.get(0).getLeastSignificantBits()));
        assertTrue(table.contains(run.get(2).getMostSignificantBits(), run.get(2).getLeastSignificantBits()));
        assertTrue(table.contains(run.get(3).getMostSignificantBits(), run.get(3).getLeastSignificantBits()));
        assertEquals(3, table.size());
    }

    @Test
    void remove_runWrapsAroundTheEnd() {
        // A run that starts in the last slot continues at slot 0: the backward shift must move
        // entries across the wrap and never move one before its home.
        final int capacity = table.capacity();
        final List<UUID> atEnd = keysWithHome(capacity, capacity - 1, 3);
        final List<UUID> atZero = keysWithHome(capacity, 0, 1);
        final List<UUID> all = new ArrayList<>(atEnd);
        all.addAll(atZero);
        all.forEach(k -> table.put(k.getMostSignificantBits(), k.getLeastSignificantBits(), 0, 0, 0, Long.BYTES));

        for (UUID gone : all) {
            table.remove(gone.getMostSignificantBits(), gone.getLeastSignificantBits());
            for (UUID k : all) {
                assertEquals(k != gone && all.indexOf(k) > all.indexOf(gone),
                        table.contains(k.getMostSignificantBits(), k.getLeastSignificantBits()), k.toString());
            }
        }
        assertEquals(0, table.size());
        assertAllSlotsZero(table);
    }

    @Test
    void remove_afterGrowth() {
        final int n = 1000;
        for (int i = 0; i < n; i++) {
            table.put(i, ~i, i, 0, 0, Long.BYTES);
        }
        assertTrue(table.capacity() > EntryTable.MIN_CAPACITY);
        for (int i = 0; i < n; i += 2) {
            assertTrue(table.remove(i, ~i));
        }
        for (int i = 0; i < n; i++) {
            final long slot = table.lookup(i, ~i);
            assertEquals(i % 2 == 1, slot != NO_SLOT);
            if (slot != NO_SLOT) {
                assertEquals(i, table.version(slot));
            }
        }
        assertEquals(n / 2, table.size());
    }

    @Test
    void put_growsPastLoadFactor() {
        final int capacity = table.capacity();
        final int threshold = (int) ((long) capacity * EntryTable.MAX_LOAD_PERCENT / 100);
        for (int i = 0; i < threshold; i++) {
            table.put(i, i, 0, 0, 0, Long.BYTES);
        }
        assertEquals(capacity, table.capacity());

        table.put(-1, -1, 0, 0, 0, Long.BYTES);

        assertEquals(2 * capacity, table.capacity());
        assertEquals(threshold + 1, table.size());
    }

    @Test
    void create_sizedForExpectedEntriesNeverGrows() {
        try (EntryTable sized = EntryTable.create(8, 10_000)) {
            final int capacity = sized.capacity();
            for (int i = 0; i < 10_000; i++) {
                sized.put(i, 0, 0, 0, 0, Long.BYTES);
            }
            assertEquals(capacity, sized.capacity());
            assertEquals(10_000 * 100 / EntryTable.SIZED_LOAD_PERCENT, capacity);
        }
    }

    @Test
    void clear_emptiesAndKeepsCapacity() {
        for (int i = 0; i < 100; i++) {
            table.put(i, i, 0, 0, 0, Long.BYTES);
        }
        final int capacity = table.capacity();

        table.clear();

        assertEquals(0, table.size());
        assertEquals(capacity, table.capacity());
        assertFalse(table.contains(5, 5));
        assertAllSlotsZero(table);
    }

    @Test
    void forEach_visitorThatWritesOrCloses_getsAClearError() {
        for (int i = 0; i < 10; i++) {
            table.put(i, i, 0, 0, 0, Long.BYTES);
        }
        assertThrows(java.util.ConcurrentModificationException.class,
                () -> table.forEach((t, slot) -> t.remove(t.keyMsb(slot), t.keyLsb(slot))));
        assertThrows(java.util.ConcurrentModificationException.class,
                () -> table.forEach((t, slot) -> t.put(1000 + slot, 7, 0, 0, 0, Long.BYTES)));
        try (EntryTable other = EntryTable.create(VALUE_SIZE, 0)) {
            other.put(1, 1, 0, 0, 0, Long.BYTES);
            final IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> other.forEach((t, slot) -> t.close()));
            assertEquals("entry table is closed", e.getMessage());
        }
    }

    @Test
    void forEach_visitorThatRemovesThenInserts_isDetected() {
        for (int i = 0; i < 300; i++) {
            table.put(i, i, 0, 0, 0, Long.BYTES);
        }
        // Size and memory are unchanged after each visit, yet entries shift: without a
        // modification count the walk silently skipped some.
        final java.util.ConcurrentModificationException e = assertThrows(java.util.ConcurrentModificationException.class,
                () -> table.forEach((t, slot) -> {
                    final long msb = t.keyMsb(slot);
                    t.remove(msb, t.keyLsb(slot));
                    t.put(msb + 1000, 0, 0, 0, 0, Long.BYTES);
                }));
        assertTrue(e.getMessage().contains("forEach visitor"), e.getMessage());
    }

    @Test
    void forEach_visitorThatClears_isDetected() {
        table.put(1, 1, 0, 0, 0, Long.BYTES);
        table.put(2, 2, 0, 0, 0, Long.BYTES);
        assertThrows(java.util.ConcurrentModificationException.class,
                () -> table.forEach((t, slot) -> {
                    t.clear();
                    t.put(1, 1, 0, 0, 0, Long.BYTES);
                    t.put(2, 2, 0, 0, 0, Long.BYTES);
                }));
    }

    @Test
    void forEach_visitorThatRewritesItsOwnEntry_visitsAll() {
        for (int i = 0; i < 100; i++) {
            table.put(i, i, 0, 0, 0, Long.BYTES);
        }
        final int[] visits = {0};
        table.forEach((t, slot) -> {
            t.put(t.keyMsb(slot), t.keyLsb(slot), 7, 0, 0, Long.BYTES);
            visits[0]++;
        });
        assertEquals(100, visits[0]);
        table.forEach((t, slot) -> assertEquals(7, t.version(slot)));
    }

    @Test
    void forEach_visitsEachLiveEntryOnce() {
        final Set<UUID> expected = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            table.put(i, -i, 0, 0, 0, Long.BYTES);
            expected.add(new UUID(i, -i));
        }
        for (int i = 0; i < 300; i += 3) {
            table.remove(i, -i);
            expected.remove(new UUID(i, -i));
        }
        final Set<UUID> seen = new HashSet<>();

        table.forEach((t, slot) -> assertTrue(seen.add(new UUID(t.keyMsb(slot), t.keyLsb(slot)))));

        assertEquals(expected, seen);
    }

    @Test
    void slots_startOnCacheLines() {
        for (int valueSize : new int[] {0, 8, 16}) {
            try (EntryTable t = EntryTable.create(valueSize, 10)) {
                assertEquals(EntryTableLayout.CACHE_LINE_SIZE, t.slotSize());
                final long slot = t.put(1, 1, 0, 0, 0, valueSize);
                assertEquals(0, t.bytes().addressForRead(slot) % EntryTableLayout.CACHE_LINE_SIZE);
            }
        }
        assertEquals(EntryTableLayout.HEADER_LENGTH + 24, EntryTableLayout.slotSize(17));
    }

    @Test
    void copy_isByteIdenticalAndIndependent() {
        for (int i = 0; i < 100; i++) {
            table.put(i, 3 * i, i, i, i, Long.BYTES);
        }
        try (EntryTable copy = table.copy()) {
            assertSameBytes(table, copy);
            copy.remove(0, 0);
            assertTrue(table.contains(0, 0));
            assertEquals(99, copy.size());
            assertEquals(100, table.size());
        }
    }

    @Test
    void valueOffset_fieldOutsideValueArea() {
        final long slot = table.put(1, 1, 0, 0, 0, Long.BYTES);
        assertThrows(IndexOutOfBoundsException.class, () -> table.valueOffset(slot, VALUE_SIZE - 4, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> table.valueOffset(slot, -1, 1));
        assertEquals(EntryTableLayout.valueOffset(slot) + 8, table.valueOffset(slot, 8, 8));
    }

    @Test
    void accessors_offsetThatIsNotASlot() {
        final long slot = table.put(1, 1, 0, 0, 0, Long.BYTES);
        final IndexOutOfBoundsException e =
                assertThrows(IndexOutOfBoundsException.class, () -> table.version(slot + 8));
        assertTrue(e.getMessage().contains("slotOffset=" + (slot + 8)), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> table.keyMsb(-64));
        assertThrows(IndexOutOfBoundsException.class, () -> table.keyLsb(1L << 40));
    }

    @Test
    void anyMethod_afterCloseThrows() {
        final long slot = table.put(1, 1, 0, 0, 0, Long.BYTES);
        table.close();
        table.close();

        final List<Consumer<EntryTable>> calls = List.of(
                t -> t.lookup(1, 1), t -> t.lookup(new UUID(1, 1)), t -> t.contains(1, 1), EntryTable::size,
                EntryTable::capacity, EntryTable::bytes, t -> t.keyMsb(slot), t -> t.keyLsb(slot),
                t -> t.version(slot), t -> t.lastWriteTime(slot), t -> t.expiryDeadline(slot),
                t -> t.valueOffset(slot, 0, 8), t -> t.forEach((x, s) -> { }), t -> t.put(2, 2, 0, 0, 0, Long.BYTES),
                t -> t.insertIfAbsent(2, 2, 0, 0, 0, Long.BYTES), t -> t.remove(1, 1), EntryTable::clear, EntryTable::copy);
        for (Consumer<EntryTable> call : calls) {
            final IllegalStateException e = assertThrows(IllegalStateException.class, () -> call.accept(table));
            assertEquals("entry table is closed", e.getMessage());
        }
        assertTrue(table.isClosed());
    }

    @Test
    void create_absurdExpectedEntries() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EntryTable.create(8, Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("expectedEntries=" + Integer.MAX_VALUE), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EntryTable.create(8, -1));
    }

    @Test
    void create_moreThanPhysicalMemory() {
        // 800M entries of 64 bytes: about 68 GB, more than any machine this runs on. Refused by
        // the process-wide limit before allocating, so nothing is zeroed or touched.
        final MemoryLimitExceededException e = assertThrows(MemoryLimitExceededException.class,
                () -> EntryTable.create(8, 800_000_000));
        assertTrue(e.getMessage().contains("native memory limit of the process exceeded: an entry table of "
                + EntryTable.capacityFor(800_000_000) + " slots of 64 bytes needs "
                + (64L * EntryTable.capacityFor(800_000_000) + 63) + " more bytes"), e.getMessage());
    }

    @Test
    void put_growthPastTheProcessLimitLeavesTableUnchanged() {
        final int capacity = table.capacity();
        final int threshold = (int) ((long) capacity * EntryTable.MAX_LOAD_PERCENT / 100);
        for (int i = 0; i < threshold; i++) {
            table.bytes().writeLong(EntryTableLayout.valueOffset(table.put(i, i, i, 0, 0, Long.BYTES)), i);
        }
        // Room for nothing more than what is held now.
        OffHeapMemory.limitForTests(OffHeapMemory.processBudget().used());
        try {
            final MemoryLimitExceededException e = assertThrows(MemoryLimitExceededException.class,
                    () -> table.put(-1, -1, 0, 0, 0, Long.BYTES));
            assertTrue(e.getMessage().contains("entry table of " + 2 * capacity + " slots"), e.getMessage());
        } finally {
            OffHeapMemory.limitForTests(Long.MAX_VALUE);
        }

        assertEquals(capacity, table.capacity());
        assertEquals(threshold, table.size());
        assertFalse(table.contains(-1, -1));
        for (int i = 0; i < threshold; i++) {
            assertEquals(i, table.bytes().readLong(table.valueOffset(table.lookup(i, i), 0, 8)));
        }
        table.put(-1, -1, 0, 0, 0, Long.BYTES);
        assertEquals(2 * capacity, table.capacity());
    }

    @Test
    void create_absurdValueSize() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EntryTable.create(1 << 20, 1));
        assertTrue(e.getMessage().contains("valueSize=1048576"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EntryTable.create(-1, 1));
    }

    /** Keys whose home slot in a table of {@code capacity} slots is {@code home}. */
    static List<UUID> keysWithHome(int capacity, int home, int count) {
        final List<UUID> keys = new ArrayList<>();
        for (long i = 1; keys.size() < count; i++) {
            if (UuidHash.homeIndex(UuidHash.hash(i, 42), capacity) == home) {
                keys.add(new UUID(i, 42));
            }
        }
        return keys;
    }

    static void assertSameBytes(EntryTable expected, EntryTable actual) {
        assertEquals(expected.capacity(), actual.capacity());
        assertEquals(expected.size(), actual.size());
        final BytesStore<?, ?> a = expected.bytes();
        final BytesStore<?, ?> b = actual.bytes();
        final long length = expected.slotsEnd() - expected.slotsBase();
        for (long i = 0; i < length; i += 8) {
            final long x = a.readLong(expected.slotsBase() + i);
            final long y = b.readLong(actual.slotsBase() + i);
            if (x != y) {
                throw new AssertionError("tables differ at slot byte " + i + ": " + x + " != " + y);
            }
        }
    }

    static void assertAllSlotsZero(EntryTable t) {
        for (long i = t.slotsBase(); i < t.slotsEnd(); i += 8) {
            assertEquals(0, t.bytes().readLong(i), "byte " + i);
        }
    }
}
