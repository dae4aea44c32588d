package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The index log without HotRead: the test plays HotRead's part, queueing each committed batch's
 * action for both copies and applying them when it chooses, so that one copy can lag.
 */
class IndexLogTest {

    private static final int VALUE_SIZE = 16;

    private long allocatedBefore;
    private IndexCopy first;
    private IndexCopy second;
    private IndexLog log;
    private RecordArena arena;
    private final ArrayDeque<Replay> firstQueue = new ArrayDeque<>();
    private final ArrayDeque<Replay> secondQueue = new ArrayDeque<>();

    @BeforeEach
    void setUp() {
        allocatedBefore = OffHeapMemory.allocatedBytes();
        first = IndexCopy.create(VALUE_SIZE, 0, MemoryBudget.unlimited());
        second = first.copy();
        log = first.log();
        arena = first.arena();
    }

    @AfterEach
    void tearDown() {
        first.release();
        second.release();
        assertEquals(allocatedBefore, OffHeapMemory.allocatedBytes(), "native memory leaked");
    }

    @Test
    void replay_uncommittedRecordsAreInvisible() {
        log.appendPut(1, 1, 1, 0, 0);
        queue(log.commit());
        log.appendPut(2, 2, 1, 0, 0);

        applyAll(firstQueue, first);

        assertTrue(first.index().find(1, 1) >= 0);
        assertEquals(KeyIndex.NO_RECORD, first.index().find(2, 2));
    }

    @Test
    void commit_emptyBatchStillCountsAsOneAction() {
        queue(log.commit());
        log.appendPut(1, 1, 1, 0, 0);
        queue(log.commit());

        first.apply(firstQueue.poll());
        assertEquals(KeyIndex.NO_RECORD, first.index().find(1, 1), "the first action must replay only the empty batch");
        first.apply(firstQueue.poll());
        assertTrue(first.index().find(1, 1) >= 0);
    }

    @Test
    void appendPut_writesKeyAndHeader_andZeroesTheValue() {
        final int dirty = log.appendPut(3, 3, 1, 0, 0);
        arena.bytes(dirty).writeLong(arena.offset(dirty) + RecordLayout.VALUE_OFFSET, -1L);
        log.rollback(); // gives the dirty record back: the next put takes it again

        final int ref = log.appendPut(9, 8, 7, 6, 5);
        assertEquals(dirty, ref, "a rolled-back record is reused first");
        queue(log.commit());
        applyAll(firstQueue, first);

        assertEquals(ref, first.index().find(9, 8));
        assertEquals(9, arena.readHeaderLong(ref, RecordLayout.KEY_MSB_OFFSET));
        assertEquals(8, arena.readHeaderLong(ref, RecordLayout.KEY_LSB_OFFSET));
        assertEquals(7, arena.readHeaderLong(ref, arena.layout().versionOffset()));
        assertEquals(6, arena.readHeaderLong(ref, arena.layout().lastWriteTimeOffset()));
        assertEquals(5, arena.readHeaderLong(ref, arena.layout().expiryDeadlineOffset()));
        for (int b = 0; b < VALUE_SIZE; b += 8) {
            assertEquals(0, arena.bytes(ref).readLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET + b));
        }
    }

    @Test
    void replayedClear_freesEveryRecord_onTheSecondCopysReplay() {
        for (long k = 0; k < 100; k++) {
            log.appendPut(k, k, 1, 0, 0);
        }
        queue(log.commit());
        log.appendClear();
        queue(log.commit());
        applyAll(firstQueue, first);
        assertEquals(100, arena.live(), "the second copy still points at them");
        applyAll(secondQueue, second);
        assertEquals(0, arena.live());
        assertEquals(0, first.index().size());
        ArenaIndexRandomizedTest.assertIdentical(first.index(), second.index());
    }

    @Test
    void writePath_steadyStateAllocatesNothing() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        // Warm up: the index reaches its final capacity, the arena its working size, the JIT its code.
        writeReplayRounds(100_000);
        final long warm = threads.getThreadAllocatedBytes(thread);
        // Before the measurement: the message's string concatenation links on its first use (~75 KB).
        assertTrue(warm > 0, "thread allocation accounting is off: " + warm);
        final long before = threads.getThreadAllocatedBytes(thread);
        writeReplayRounds(200_000);
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // The smallest object is 16 bytes, so one allocation per round would show as 3.2 MB.
        // A few KB can come once from the JIT (class linking, deoptimization), not from our code.
        assertTrue(allocated < 200_000 / 16, allocated + " bytes allocated by 200,000 write + replay rounds");
        final long arenaRecords = arena.capacity();
        writeReplayRounds(200_000);
        assertEquals(arenaRecords, arena.capacity(), "records leak: the arena grew in a steady state");
    }

    /** Append, commit and replay into both copies; no queue, so that the test itself allocates nothing. */
    private void writeReplayRounds(int rounds) {
        for (int i = 0; i < rounds; i++) {
            final long key = i & 1023;
            if ((i & 7) == 7) {
                log.appendRemove(key, key);
            } else {
                final int ref = log.appendPut(key, key, i, i, i);
                arena.bytes(ref).writeLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET, i);
            }
            final Replay action = log.commit();
            first.apply(action);
            second.apply(action);
        }
    }

    @Test
    void copy_aThirdCopyIsRefused() {
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.copy());
        assertTrue(e.getMessage().contains("at most 2 copies"), e.getMessage());
    }

    @Test
    void release_keepsTheLogForTheOtherCopy_thenEverythingThrows() {
        final IndexCopy a = IndexCopy.create(8, 10, MemoryBudget.unlimited());
        final IndexCopy b = a.copy();
        final IndexLog shared = a.log();
        a.release();
        assertThrows(IllegalStateException.class, () -> a.index().find(1, 1));
        shared.appendPut(1, 1, 1, 1, 1); // still alive: b needs it
        b.release();
        b.release();

        assertThrows(IllegalStateException.class, () -> b.index().find(1, 1));
        assertThrows(IllegalStateException.class, () -> shared.appendPut(1, 1, 1, 1, 1));
        assertThrows(IllegalStateException.class, shared::commit);
        assertThrows(IllegalStateException.class, () -> shared.arena().allocate());
        assertThrows(IllegalStateException.class, () -> b.apply(Replay.NEXT_BATCH));
    }

    @Test
    void copy_afterAWrite_isTheSameClassWithTheSameContent() {
        // Copied after a write, as HotRead may do with a pre-filled initial state.
        final IndexCopy a = IndexCopy.create(8, 10, MemoryBudget.unlimited());
        a.log().appendPut(1, 2, 3, 4, 5);
        a.apply(a.log().commit());
        final IndexCopy third = a.copy();
        try {
            assertSame(IndexCopy.class, third.getClass());
            ArenaIndexRandomizedTest.assertIdentical(a.index(), third.index());
            assertEquals(0, a.log().pendingRecords());
            assertEquals(third.index().find(1, 2), a.index().find(1, 2));
        } finally {
            a.release();
            third.release();
        }
    }

    private void queue(Replay action) {
        firstQueue.add(action);
        secondQueue.add(action);
    }

    private static void applyAll(ArrayDeque<Replay> queue, IndexCopy copy) {
        for (Replay action; (action = queue.poll()) != null; ) {
            copy.apply(action);
        }
    }
}
