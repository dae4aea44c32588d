package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.Test;

/**
 * Incremental growth of a {@link KeyIndex} and what races it: memory a reader can still reach
 * through any holder is not freed, and a forEach whose visitor replaces records during a move
 * visits every entry or throws.
 */
class KeyIndexGrowthRaceTest {

    private static final MemoryBudget UNLIMITED = MemoryBudget.unlimited();

    private static int put(RecordArena arena, KeyIndex index, UUID key) {
        final int ref = arena.allocate();
        arena.writeHeader(ref, key.getMostSignificantBits(), key.getLeastSignificantBits(), 1, 0, 0);
        assertEquals(KeyIndex.NO_RECORD, index.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref));
        return ref;
    }

    /** The holder a reader loads: what {@code find} keeps reachable while it probes. */
    private static Object holder(KeyIndex index) throws ReflectiveOperationException {
        final Field f = KeyIndex.class.getDeclaredField("slots");
        f.setAccessible(true);
        return f.get(index);
    }

    private static Object field(Object holder, String name) throws ReflectiveOperationException {
        final Field f = holder.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(holder);
    }

    private static BytesStore<?, ?> bytesOf(Object holder) throws ReflectiveOperationException {
        return (BytesStore<?, ?>) field(holder, "bytes");
    }

    /** Another thread reads once: the index counts as shared, so retired slots wait for the GC. */
    private static void shareWithAnotherThread(KeyIndex index) throws InterruptedException {
        final Thread reader = new Thread(() -> index.find(1, 2));
        reader.start();
        reader.join();
    }

    private static void gcAFewTimes() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            System.gc();
            Thread.sleep(10);
        }
    }

    /**
     * A reader that loaded the holder just before the switch probes the old slots as its primary
     * ones. The old slots are retired keyed on the holder made at the switch (whose
     * {@code previous} they are), not on the holder the reader holds: once the move is done that
     * holder is unreachable and the GC frees the slots under the reader.
     */
    @Test
    void oldSlots_areNotFreed_whileAReaderHoldsTheHolderFromBeforeTheSwitch() throws Exception {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        final Random random = new Random(1);
        try (RecordArena arena = RecordArena.create(8, 64, UNLIMITED)) {
            final KeyIndex index = KeyIndex.create(arena, 0, UNLIMITED); // 16 slots
            shareWithAnotherThread(index);
            while (index.size() < 12) { // growAt(16)
                put(arena, index, new UUID(random.nextLong(), random.nextLong()));
            }
            assertTrue(!index.isGrowing());
            Object readerHolds = holder(index); // a reader's find() loads this and starts probing
            final BytesStore<?, ?> readersSlots = bytesOf(readerHolds);
            // The writer goes on (which breaks the contract, as a close would; it must not crash).
            while (true) {
                put(arena, index, new UUID(random.nextLong(), random.nextLong()));
                if (!index.isGrowing()) {
                    break; // switched and moved everything: the old slots are retired
                }
            }
            assertTrue(index.capacity() > 16);
            gcAFewTimes();
            assertTrue(readersSlots.refCount() > 0,
                    "the slots a reader still probes were freed (the reader holds their holder)");
            readerHolds = null;
            index.close();
        }
        DeferredFreesAwait.awaitDeferredFrees(allocatedBefore);
    }

    /**
     * A reader that loaded the holder made at the switch (new slots plus previous) keeps probing
     * the new slots through it; at the end of the move the index replaces it with a holder of the
     * same slots ({@code withoutPrevious}), and a close retires those slots keyed on that second
     * holder only: the GC frees them under the reader.
     */
    @Test
    void newSlots_areNotFreed_onClose_whileAReaderHoldsTheHolderFromTheMove() throws Exception {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        final Random random = new Random(2);
        try (RecordArena arena = RecordArena.create(8, 64, UNLIMITED)) {
            final KeyIndex index = KeyIndex.create(arena, 0, UNLIMITED);
            shareWithAnotherThread(index);
            Object readerHolds = null;
            while (readerHolds == null) {
                put(arena, index, new UUID(random.nextLong(), random.nextLong()));
                final Object h = holder(index);
                if (field(h, "previous") != null) {
                    readerHolds = h; // a reader's find() loads the holder during the move
                }
            }
            final BytesStore<?, ?> readersSlots = bytesOf(readerHolds);
            while (index.isGrowing()) {
                put(arena, index, new UUID(random.nextLong(), random.nextLong()));
            }
            assertNull(field(holder(index), "previous"));
            index.close(); // racing the reader: its memory must wait for the GC
            gcAFewTimes();
            assertTrue(readersSlots.refCount() > 0,
                    "the slots a reader still probes were freed by close (the reader holds their holder)");
            readerHolds = null;
        }
        DeferredFreesAwait.awaitDeferredFrees(allocatedBefore);
    }

    /**
     * forEach's contract forbids inserts, removes and clears, not replacing a key's record. During
     * a move, a replace tombstones a not-yet-moved key in the old slots and puts it into the new
     * ones, and moves eight more old slots: if that lands behind the visit of the new slots, the
     * entry is visited neither there nor in the old slots, and no ConcurrentModificationException
     * says so.
     */
    @Test
    void forEach_whoseVisitorReplacesARecord_duringAMove_visitsEveryEntryOrThrows() throws Exception {
        final Random random = new Random(3);
        try (RecordArena arena = RecordArena.create(8, 1024, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 0, UNLIMITED)) {
            final Map<Integer, UUID> keyOf = new HashMap<>();
            // A key whose home is in the middle of every table: not moved for many writes.
            final UUID middle = CollidingKeys.withHash(0x8000_0000_1234_5678L, random.nextLong());
            keyOf.put(put(arena, index, middle), middle);
            // Grow until a move starts in a table large enough that it takes many writes.
            while (true) {
                final UUID key = new UUID(random.nextLong(), random.nextLong());
                keyOf.put(put(arena, index, key), key);
                if (field(holder(index), "previous") != null && index.capacity() >= 256) {
                    break;
                }
            }
            // A new key whose home is near the end of the new slots: visited last there.
            final UUID late = CollidingKeys.withHash(0xFFFF_FF00_1234_5678L, random.nextLong());
            final int lateRef = put(arena, index, late);
            keyOf.put(lateRef, late);
            assertNotNull(field(holder(index), "previous"), "still moving");
            final List<Integer> visited = new ArrayList<>();
            boolean threw = false;
            try {
                index.forEach(ref -> {
                    visited.add(ref);
                    if (ref == lateRef) {
                        // Replace (not insert) a key's record with itself: allowed by the contract.
                        final UUID key = middle;
                        final int same = index.find(key.getMostSignificantBits(), key.getLeastSignificantBits());
                        index.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), same);
                    }
                });
            } catch (ConcurrentModificationException e) {
                threw = true;
            }
            if (!threw) {
                final Set<Integer> all = new HashSet<>(keyOf.keySet());
                all.removeAll(visited);
                assertEquals(Set.of(), all, "entries forEach never visited, with no ConcurrentModificationException");
                assertEquals(keyOf.size(), visited.size());
            }
        }
    }

    /**
     * ArenaIndexRandomizedTest.assertIdentical (used by five test classes) reads
     * {@code capacity() * 8} bytes from {@code slotsAddress()}. While a growth zeroes its new
     * slots, capacity() is the new capacity but slotsAddress() the old slots': the helper reads
     * past their memory (an out-of-bounds native read that compares garbage, or faults).
     */
    @Test
    void assertIdenticalHelper_readsOnlyThePrimarySlots_whileZeroing() throws Exception {
        final Random random = new Random(4);
        try (RecordArena arena = RecordArena.create(8, 1024, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 400, UNLIMITED); // 572 slots: zeroing takes 2 writes
                KeyIndex copy = index.copy()) {
            while (!index.isGrowing()) {
                final UUID key = new UUID(random.nextLong(), random.nextLong());
                final int ref = put(arena, index, key);
                copy.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref);
            }
            assertNull(field(holder(index), "previous"), "zeroing, not moving yet");
            final long readByHelper = (long) ArenaIndexRandomizedTest.slotsCompared(index) * KeyIndex.SLOT_SIZE;
            final long primaryBytes = bytesOf(holder(index)).capacity();
            assertTrue(readByHelper <= primaryBytes - (index.slotsAddress() - bytesOf(holder(index)).addressForRead(0)),
                    "assertIdentical reads " + readByHelper + " bytes from slotsAddress(), in slots of "
                            + primaryBytes + " bytes");
            ArenaIndexRandomizedTest.assertIdentical(index, copy);
        }
    }
}
