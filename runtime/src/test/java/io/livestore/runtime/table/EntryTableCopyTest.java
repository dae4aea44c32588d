package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import io.livestore.runtime.table.EntryTableRandomizedTest.Entry;
import io.livestore.runtime.table.EntryTableRandomizedTest.KeyPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The redo protocol without HotRead: the test plays HotRead's part, queueing each committed
 * batch's action for both copies and applying them at different times, one copy lagging.
 */
class EntryTableCopyTest {

    private static final int VALUE_SIZE = 16;

    private long allocatedBefore;
    private EntryTableCopy first;
    private EntryTableCopy second;
    private RedoLog log;
    private final ArrayDeque<Replay> firstQueue = new ArrayDeque<>();
    private final ArrayDeque<Replay> secondQueue = new ArrayDeque<>();

    @BeforeEach
    void setUp() {
        allocatedBefore = OffHeapMemory.allocatedBytes();
        first = EntryTableCopy.create(VALUE_SIZE, 0);
        second = first.copy();
        log = first.log();
    }

    @AfterEach
    void tearDown() {
        first.release();
        second.release();
        assertEquals(allocatedBefore, OffHeapMemory.allocatedBytes(), "native memory leaked");
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 77})
    void replay_randomWritesLeaveBothCopiesEqualToOracleAndByteIdentical(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final KeyPool keys = new KeyPool(random, 50_000);
        final Map<UUID, Entry> oracle = new HashMap<>();
        final int ops = EntryTableRandomizedTest.OPS / 2;
        for (int op = 0; op < ops; op++) {
            final UUID key = keys.pick(random);
            final int dice = random.nextInt(100);
            if (dice < 60) {
                final Entry e = new Entry(op, random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
                final long value = log.appendPut(key.getMostSignificantBits(), key.getLeastSignificantBits(),
                        e.version(), e.lastWrite(), e.expiry(), Long.BYTES);
                log.bytes().writeLong(value, e.value0());
                log.bytes().writeLong(value + 8, e.value1());
                oracle.put(key, e);
            } else if (dice < 99 || random.nextInt(2000) != 0) {
                log.appendRemove(key.getMostSignificantBits(), key.getLeastSignificantBits());
                oracle.remove(key);
            } else {
                log.appendClear();
                oracle.clear();
            }
            if (random.nextInt(8) == 0) {
                queue(log.commit());
                // The first copy keeps up; the second lags by a random number of batches, as a
                // copy does while a slow reader holds it.
                applyAll(firstQueue, first);
                if (random.nextInt(50) == 0) {
                    applyAll(secondQueue, second);
                }
            }
        }
        queue(log.commit());
        applyAll(firstQueue, first);
        EntryTableRandomizedTest.assertSameContent(first.table(), oracle);
        applyAll(secondQueue, second);

        EntryTableTest.assertSameBytes(first.table(), second.table());
        assertEquals(0, log.pendingBytes());
    }

    @Test
    void replay_headerOverwrittenThroughStaleValueOffset_throwsInsteadOfRunningOffTheLog() {
        final long stale = log.appendPut(1, 1, 1, 0, 0, Long.BYTES);
        queue(log.commit());
        applyAll(firstQueue, first);
        applyAll(secondQueue, second); // both caught up: the log starts again at offset 0
        for (int i = 0; i < 4; i++) {
            log.appendRemove(2, i); // a later record's header now sits where `stale` pointed
        }
        log.bytes().writeLong(stale, Long.MIN_VALUE); // the caller's bug: encoding late
        queue(log.commit());
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> applyAll(firstQueue, first));
        assertTrue(e.getMessage().startsWith("corrupt redo record at log offset "), e.getMessage());
        assertTrue(e.getMessage().contains("was a value encoded at an offset from an earlier append?"), e.getMessage());
        secondQueue.clear();
    }

    @Test
    void replay_uncommittedRecordsAreInvisible() {
        log.appendPut(1, 1, 1, 0, 0, Long.BYTES);
        queue(log.commit());
        log.appendPut(2, 2, 1, 0, 0, Long.BYTES);

        applyAll(firstQueue, first);

        assertTrue(first.table().contains(1, 1));
        assertFalse(first.table().contains(2, 2));
    }

    @Test
    void rollback_dropsTheOpenBatch() {
        log.appendPut(1, 1, 1, 0, 0, Long.BYTES);
        log.rollback();
        log.appendRemove(3, 3);
        queue(log.commit());

        applyAll(firstQueue, first);
        applyAll(secondQueue, second);

        assertEquals(0, first.table().size());
        assertEquals(0, log.pendingBytes());
    }

    @Test
    void commit_emptyBatchStillCountsAsOneAction() {
        queue(log.commit());
        log.appendPut(1, 1, 1, 0, 0, Long.BYTES);
        queue(log.commit());

        first.apply(firstQueue.poll());
        assertFalse(first.table().contains(1, 1), "the first action must replay only the empty batch");
        first.apply(firstQueue.poll());
        assertTrue(first.table().contains(1, 1));
    }

    @Test
    void replay_putCopiesHeaderAndValue() {
        final long value = log.appendPut(9, 8, 7, 6, 5, Long.BYTES);
        log.bytes().writeLong(value, 123);
        queue(log.commit());
        applyAll(firstQueue, first);

        final EntryTable table = first.table();
        final long slot = table.lookup(9, 8);
        assertEquals(7, table.version(slot));
        assertEquals(6, table.lastWriteTime(slot));
        assertEquals(5, table.expiryDeadline(slot));
        assertEquals(123, table.bytes().readLong(table.valueOffset(slot, 0, 8)));
        assertEquals(0, table.bytes().readLong(table.valueOffset(slot, 8, 8)));
    }

    @Test
    void log_reusesItsSpaceWhenBothCopiesKeepUp() {
        final long capacity = log.capacity();
        for (int i = 0; i < 100_000; i++) {
            log.appendPut(i % 100, 1, i, 0, 0, Long.BYTES);
            queue(log.commit());
            applyAll(firstQueue, first);
            applyAll(secondQueue, second);
        }
        assertEquals(capacity, log.capacity());
        assertEquals(0, log.pendingBytes());
        EntryTableTest.assertSameBytes(first.table(), second.table());
    }

    @Test
    void log_growsWhileACopyLagsThenCompacts() {
        final long capacity = log.capacity();
        final int records = 10 * RedoLog.INITIAL_CAPACITY / RedoRecordLayout.putLength(VALUE_SIZE);
        for (int i = 0; i < records; i++) {
            log.appendPut(i, 1, i, 0, 0, Long.BYTES);
            queue(log.commit());
            applyAll(firstQueue, first);
        }
        assertTrue(log.capacity() > capacity, "log did not grow: " + log.capacity());
        final long grown = log.capacity();

        // The lagging copy catches up in steps while the writer goes on: the log moves the
        // unreplayed tail to the front instead of growing again.
        for (int i = 0; i < 4 * records; i++) {
            log.appendPut(i, 2, i, 0, 0, Long.BYTES);
            queue(log.commit());
            applyAll(firstQueue, first);
            if (i % 64 == 0) {
                for (int k = 0; k < 200 && !secondQueue.isEmpty(); k++) {
                    second.apply(secondQueue.poll());
                }
            }
        }
        applyAll(secondQueue, second);
        assertEquals(grown, log.capacity());
        assertEquals(0, log.pendingBytes());
        EntryTableTest.assertSameBytes(first.table(), second.table());
    }

    @Test
    void writePath_steadyStateAllocatesNothing() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        // Warm up: the table reaches its final capacity and the log its working size.
        writeReplayRounds(20_000);
        final long before = threads.getThreadAllocatedBytes(thread);
        assertTrue(before > 0, "thread allocation accounting is off: " + before);
        writeReplayRounds(200_000);
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // The smallest object is 16 bytes, so one allocation per round would show as 3.2 MB.
        // A few KB can come once from the JIT (class linking, deoptimization), not from our code.
        assertTrue(allocated < 200_000 / 16, allocated + " bytes allocated by 200,000 write + replay rounds");
    }

    /** Append, commit and replay into both copies; no queue, so that the test itself allocates nothing. */
    private void writeReplayRounds(int rounds) {
        for (int i = 0; i < rounds; i++) {
            final long key = i & 1023;
            if ((i & 7) == 7) {
                log.appendRemove(key, key);
            } else {
                final long value = log.appendPut(key, key, i, i, i, Long.BYTES);
                log.bytes().writeLong(value, i);
            }
            final Replay action = log.commit();
            first.apply(action);
            second.apply(action);
        }
    }

    @Test
    void copy_thirdCopyRefused() {
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> second.copy());
        assertTrue(e.getMessage().contains("at most 2 copies"), e.getMessage());
    }

    @Test
    void release_thenUseThrows() {
        final EntryTableCopy a = EntryTableCopy.create(8, 10);
        final EntryTableCopy b = a.copy();
        final RedoLog shared = a.log();
        a.release();
        assertThrows(IllegalStateException.class, () -> a.table().lookup(1, 1));
        shared.appendPut(1, 1, 1, 1, 1, Long.BYTES); // still alive: b needs it
        b.release();
        b.release();

        assertThrows(IllegalStateException.class, () -> b.table().lookup(1, 1));
        assertThrows(IllegalStateException.class, () -> shared.appendPut(1, 1, 1, 1, 1, Long.BYTES));
        assertThrows(IllegalStateException.class, shared::commit);
        assertThrows(IllegalStateException.class, shared::bytes);
        assertThrows(IllegalStateException.class, () -> b.apply(Replay.NEXT_BATCH));
    }

    @Test
    void copy_isSameClassWithSameContent() {
        // Copied after a write, as HotRead may do with a pre-filled initial state.
        final EntryTableCopy a = EntryTableCopy.create(8, 10);
        a.log().appendPut(1, 2, 3, 4, 5, Long.BYTES);
        a.apply(a.log().commit());
        final EntryTableCopy third = a.copy();
        try {
            assertSame(EntryTableCopy.class, third.getClass());
            EntryTableTest.assertSameBytes(a.table(), third.table());
            assertEquals(0, a.log().pendingBytes());
        } finally {
            a.release();
            third.release();
        }
    }

    private void queue(Replay action) {
        firstQueue.add(action);
        secondQueue.add(action);
    }

    private static void applyAll(ArrayDeque<Replay> queue, EntryTableCopy copy) {
        for (Replay action; (action = queue.poll()) != null; ) {
            copy.apply(action);
        }
    }
}
