package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every native allocation counts against the process-wide limit, so that many allocations that
 * each fit cannot together pass it. Before, each allocation was compared with physical memory
 * alone, and a growth in a 1 GiB container was killed by the kernel instead of throwing.
 */
class ProcessMemoryLimitTest {

    private static final int MIB = 1 << 20;
    private static final MemoryBudget UNLIMITED = MemoryBudget.unlimited();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        OffHeapMemory.limitForTests(Long.MAX_VALUE);
    }

    @Test
    void create_manyIndexesThatEachFit_refusedOnceTheirSumPassesTheLimit() {
        final RecordArena arena = RecordArena.create(8, 16, UNLIMITED);
        toClose.add(arena);
        final long held = OffHeapMemory.allocatedBytes();
        OffHeapMemory.limitForTests(held + 4L * MIB);
        // 1.2 MiB each (131,072 slots of 8 bytes at load 0.7): three fit, the fourth would pass the 4 MiB.
        final int entries = 110_000;
        final List<KeyIndex> indexes = new ArrayList<>();
        final MemoryLimitExceededException e = assertThrows(MemoryLimitExceededException.class, () -> {
            for (int i = 0; i < 10; i++) {
                final KeyIndex index = KeyIndex.create(arena, entries, UNLIMITED);
                indexes.add(index);
                toClose.add(index);
            }
        });
        assertEquals(3, indexes.size(), "indexes of " + KeyIndex.bytesFor(KeyIndex.capacityFor(entries)) + " bytes");
        assertTrue(e.getMessage().startsWith("native memory limit of the process exceeded: a key index of "),
                e.getMessage());
        assertEquals(held + 4L * MIB, e.limit());
        assertTrue(OffHeapMemory.allocatedBytes() <= held + 4L * MIB, "held more than the limit");
    }

    @Test
    void put_growthOfAnUnbudgetedIndex_isRefusedAndTheIndexStaysUsable() {
        final RecordArena arena = RecordArena.create(8, 200_000, UNLIMITED);
        toClose.add(arena);
        final KeyIndex index = KeyIndex.create(arena, 0, UNLIMITED);
        toClose.add(index);
        OffHeapMemory.limitForTests(OffHeapMemory.allocatedBytes() + 64 * 1024);
        final MemoryLimitExceededException e = assertThrows(MemoryLimitExceededException.class, () -> {
            for (long i = 0; i < 100_000; i++) {
                final int ref = arena.allocate();
                arena.writeHeader(ref, i, i, 0, 0, 0);
                index.put(i, i, ref);
            }
        });
        assertTrue(e.getMessage().contains("needs"), e.getMessage());
        final int size = index.size();
        assertTrue(size > 0);
        for (long i = 0; i < size; i++) {
            assertTrue(index.find(i, i) >= 0, "key " + i + " lost by the refused growth");
        }
    }

    @Test
    void chunk_pastTheLimit_isRefusedAndTheArenaStaysUsable() {
        final RecordArena arena = RecordArena.create(56, 16, UNLIMITED);
        toClose.add(arena);
        OffHeapMemory.limitForTests(OffHeapMemory.allocatedBytes() + 64 * 1024);
        final List<Integer> refs = new ArrayList<>();
        final MemoryLimitExceededException e = assertThrows(MemoryLimitExceededException.class, () -> {
            for (int i = 0; i < 100; i++) {
                refs.add(arena.allocate());
            }
        });
        assertTrue(e.getMessage().contains("a record chunk of 4096 records"), e.getMessage());
        assertEquals(16, refs.size());
        arena.free(refs.get(0));
        assertEquals(refs.get(0), arena.allocate(), "a freed record is still handed out");
    }

    @Test
    void free_givesBytesBackToTheProcessLimit() {
        final long held = OffHeapMemory.allocatedBytes();
        OffHeapMemory.limitForTests(held + 2L * MIB);
        for (int i = 0; i < 10; i++) {
            try (RecordArena arena = RecordArena.create(8, 16_000, UNLIMITED);
                    KeyIndex index = KeyIndex.create(arena, 16_000, UNLIMITED)) {
                assertTrue(index.capacity() > 0);
            }
        }
        assertEquals(held, OffHeapMemory.processBudget().used());
    }

    @Test
    void storeBudget_refusalGivesNothingToTheProcessLimit() {
        final long used = OffHeapMemory.processBudget().used();
        assertThrows(MemoryLimitExceededException.class, () -> IndexCopy.create(8, 1000, MemoryBudget.of(1024)));
        assertEquals(used, OffHeapMemory.processBudget().used());
    }

    /**
     * A reader holds its copy from the start, so neither copy replays, and the index growth the
     * 13th insert makes due happens only when it lets go. The writer promised that growth at
     * admission, and the promise must hold the process-wide limit too: before, it reserved only
     * the store's budget, the arena chunk of the 17th insert took the room, and the catch-up's
     * growth was refused by the process-wide limit inside replay, which ends the HotRead (no
     * further write accepted). Sized so that exactly this happens.
     */
    @Test
    void aPromisedGrowth_holdsTheProcessWideLimit_soReplayCannotBeRefused() {
        final IndexCopy initial = IndexCopy.create(16, 0, UNLIMITED);
        final IndexLog log = initial.log();
        try (HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial);
                HotReadHandle<IndexCopy> reader = hotRead.createHandle()) {
            hotRead.queueUpdate(log.commit());
            reader.current();
            final long chunk = (long) RecordArena.MIN_GROWTH_RECORDS * RecordLayout.recordSize(16);
            final long indexGrowth = KeyIndex.bytesFor(24) - KeyIndex.bytesFor(16); // per copy
            final long limit = OffHeapMemory.allocatedBytes() + chunk + 2 * indexGrowth - 40;
            OffHeapMemory.limitForTests(limit);
            int capacity = KeyIndex.capacityFor(0);
            int size = 0;
            MemoryLimitExceededException refused = null;
            for (; size < 100 && refused == null; size++) {
                final int after = KeyIndex.capacityAfterInsert(capacity, size);
                try {
                    if (after != capacity) {
                        log.promiseIndexGrowth(after, "growing both copies to " + after + " slots");
                    }
                    log.appendPut(size, size, 1, 0, 0);
                } catch (MemoryLimitExceededException e) {
                    log.rollback();
                    refused = e;
                    break;
                }
                capacity = after;
                hotRead.queueUpdate(log.commit());
            }
            assertTrue(refused != null && refused.getMessage().contains("record chunk"), String.valueOf(refused));
            assertEquals(16, size, "the chunk for the 17th entry must be refused: its room is promised");
            reader.quiescent();
            while (!hotRead.maintain().caughtUp()) { // both copies replay and grow: no refusal
                assertTrue(OffHeapMemory.allocatedBytes() <= limit);
            }
            assertTrue(OffHeapMemory.allocatedBytes() <= limit, OffHeapMemory.allocatedBytes() + " > " + limit);
            assertEquals(16, reader.current().index().size());
            hotRead.queueUpdate(log.commit()); // still accepts writes
        }
    }

    /** A large store is freed off the caller's thread; both budgets get its bytes back once that ran. */
    @Test
    void freeSoon_ofALargeStore_givesItsBytesBackOnceTheBackgroundFreeRan() {
        final MemoryBudget budget = MemoryBudget.unlimited();
        final long held = OffHeapMemory.allocatedBytes();
        final long large = OffHeapMemory.BACKGROUND_FREE_BYTES * 2;
        OffHeapMemory.freeSoon(OffHeapMemory.allocateUntouched(large, "a large test store", budget), budget);
        OffHeapMemory.freeSoon(OffHeapMemory.allocateUntouched(64, "a small test store", budget), budget);
        OffHeapMemory.awaitBackgroundFrees();
        assertEquals(0, budget.used());
        assertEquals(held, OffHeapMemory.allocatedBytes());
    }
}
