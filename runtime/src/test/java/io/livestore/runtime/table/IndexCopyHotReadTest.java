package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import net.openhft.chronicle.core.UnsafeMemory;
import org.junit.jupiter.api.Test;

/** Design (b), two {@link KeyIndex} copies over one {@link RecordArena}, as the state of a real {@link HotRead}. */
class IndexCopyHotReadTest {

    private static final int VALUE_SIZE = 16;

    @Test
    void queuedBatch_visibleAfterPublish_andCloseFreesEverything() {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        final MemoryBudget budget = MemoryBudget.unlimited();
        final IndexCopy initial = IndexCopy.create(VALUE_SIZE, 0, budget);
        final IndexLog log = initial.log();
        try (HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial);
             HotReadHandle<IndexCopy> reader = hotRead.createHandle()) {
            put(log, 1, 2, 10);
            hotRead.queueUpdate(log.commit());
            final IndexCopy copy = reader.current();
            final int ref = copy.index().find(1, 2);
            assertEquals(10, copy.arena().readHeaderLong(ref, copy.arena().layout().versionOffset()));
            assertEquals(10, value(copy.arena(), ref, 0));
        }
        assertEquals(0, budget.used(), "index copies, log and arena counted as freed");
        assertEquals(allocatedBefore, OffHeapMemory.allocatedBytes(), "index copies, log and arena freed on close");
    }

    @Test
    void heldCopy_staysUnchanged_thenCopiesEndIdentical_recordsFreed_andTheLogShrinksBack() {
        final IndexCopy initial = IndexCopy.create(VALUE_SIZE, 0, MemoryBudget.unlimited());
        final IndexLog log = initial.log();
        final RecordArena arena = initial.arena();
        try (HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial);
             HotReadHandle<IndexCopy> reader = hotRead.createHandle()) {
            put(log, 1, 1, 1);
            hotRead.queueUpdate(log.commit());
            final IndexCopy held = reader.current();
            final int heldRef = held.index().find(1, 1);

            // 10,000 batches rewrite key 1 and write 999 others while the reader holds its copy:
            // every record key 1 went through stays alive, since the held copy's catch-up is pending.
            for (int i = 2; i <= 10_000; i++) {
                put(log, 1, 1, i);
                put(log, i % 1000 + 2, 0, i);
                hotRead.queueUpdate(log.commit());
            }
            assertEquals(1, held.index().size());
            assertEquals(1, value(arena, heldRef, 0), "the held copy's record changed under its reader");
            assertTrue(log.capacityBytes() > IndexLog.INITIAL_RECORDS * IndexLog.RECORD_SIZE,
                    "the log grew while a copy was held");

            reader.current();
            hotRead.maintain();
            final IndexCopy latest = reader.current();
            hotRead.queueUpdate(log.commit());
            final IndexCopy other = reader.current();
            hotRead.maintain();
            assertNotSame(latest, other);
            ArenaIndexRandomizedTest.assertIdentical(latest.index(), other.index());
            assertEquals(0, log.pendingRecords());
            assertEquals(1001, latest.index().size(), "key 1 and 1000 others");
            assertEquals(1001, arena.live(), "every replaced record was given back: one per key");
            log.appendRemove(5, 5);
            assertEquals((long) IndexLog.INITIAL_RECORDS * IndexLog.RECORD_SIZE, log.capacityBytes(),
                    "the log went back to its first size once both copies caught up");
            log.rollback();
        }
    }

    @Test
    void rollback_givesTheRecordsBack() {
        final IndexCopy initial = IndexCopy.create(VALUE_SIZE, 0, MemoryBudget.unlimited());
        final IndexLog log = initial.log();
        try (HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial);
             HotReadHandle<IndexCopy> reader = hotRead.createHandle()) {
            put(log, 1, 1, 1);
            hotRead.queueUpdate(log.commit());
            put(log, 2, 2, 2);
            put(log, 3, 3, 3);
            log.appendRemove(1, 1);
            assertEquals(3, initial.arena().live());
            log.rollback();
            assertEquals(1, initial.arena().live());
            hotRead.queueUpdate(log.commit());
            assertEquals(1, reader.current().index().size());
            assertTrue(reader.current().index().find(1, 1) >= 0);
        }
    }

    @Test
    void aRecordOverBudget_isRefused_andNothingIsAppended() {
        final int records = IndexCopy.arenaRecordsFor(16);
        final long initialBytes = RecordArena.initialBytes(VALUE_SIZE, records)
                + KeyIndex.bytesFor(KeyIndex.capacityFor(16)) * 2 + (long) IndexLog.INITIAL_RECORDS * IndexLog.RECORD_SIZE;
        final IndexCopy initial = IndexCopy.create(VALUE_SIZE, 16, MemoryBudget.of(initialBytes + 64));
        final IndexLog log = initial.log();
        try (HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial)) {
            for (int i = 0; i < records; i++) {
                put(log, i, i, i);
            }
            assertThrows(MemoryLimitExceededException.class, () -> log.appendPut(99, 99, 1, 0, 0));
            hotRead.queueUpdate(log.commit());
            assertEquals(records, initial.arena().live(), "the refused write took no record");
        }
    }

    @Test
    void aRefusedShrink_keepsTheLargerRing_andTheWriteGoesThrough() {
        final MemoryBudget budget = MemoryBudget.of(64L << 20);
        final IndexCopy initial = IndexCopy.create(VALUE_SIZE, 16, budget);
        final IndexLog log = initial.log();
        try (HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial);
             HotReadHandle<IndexCopy> reader = hotRead.createHandle()) {
            hotRead.queueUpdate(log.commit());
            reader.current();
            for (int i = 0; i < IndexLog.INITIAL_RECORDS + 10; i++) {
                log.appendRemove(i, i); // the held copy lags: the ring doubles
            }
            hotRead.queueUpdate(log.commit());
            final long grownRing = log.capacityBytes();
            reader.current();
            hotRead.maintain();
            reader.current();
            hotRead.maintain();
            assertEquals(0, log.pendingRecords());
            // Something else on the same budget takes all but 1 KiB: shrinking the ring is refused.
            final long slack = budget.limit() - budget.used() - 1024;
            try (RecordArena other = RecordArena.create(0, (int) (slack / RecordLayout.recordSize(0)), budget)) {
                put(log, 1, 1, 1);
                assertEquals(grownRing, log.capacityBytes(), "kept the larger ring");
                hotRead.queueUpdate(log.commit());
                assertTrue(reader.current().index().find(1, 1) >= 0);
            }
        }
    }

    @Test
    void anImpossibleEntryCount_isRefusedBeforeAnythingIsAllocated() {
        final MemoryBudget budget = MemoryBudget.unlimited();
        assertThrows(IllegalArgumentException.class, () -> IndexCopy.create(VALUE_SIZE, Integer.MAX_VALUE, budget));
        assertEquals(0, budget.used());
    }

    @Test
    void theCopiesRefusePublicWritesAndClose() {
        final IndexCopy initial = IndexCopy.create(VALUE_SIZE, 0, MemoryBudget.unlimited());
        try (HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial);
             HotReadHandle<IndexCopy> reader = hotRead.createHandle()) {
            final KeyIndex index = reader.current().index();
            assertTrue(assertThrows(IllegalStateException.class, index::close).getMessage().contains("IndexCopy"));
            assertThrows(IllegalStateException.class, () -> index.put(1, 1, 0));
            assertThrows(IllegalStateException.class, () -> index.remove(1, 1));
            assertThrows(IllegalStateException.class, index::clear);
        }
    }

    @Test
    void concurrentReader_seesWholeWrites_andNoRecordChangesWhileItsCopyIsHeld() throws Exception {
        // Each record holds its key, version v, and the value (v, ~v). A reader checks them, then
        // checks again after more reads: a record freed and reused while its copy is held would
        // change under it (another key, another version, or a broken pair).
        final IndexCopy initial = IndexCopy.create(VALUE_SIZE, 0, MemoryBudget.unlimited());
        final IndexLog log = initial.log();
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicLong reads = new AtomicLong();
        try (HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial)) {
            final Thread readerThread = new Thread(() -> {
                final int[] refs = new int[64];
                final long[] versions = new long[64];
                try (HotReadHandle<IndexCopy> reader = hotRead.createHandle()) {
                    long n = 0;
                    while (!done.get()) {
                        final IndexCopy copy = reader.current();
                        final RecordArena arena = copy.arena();
                        for (int key = 0; key < 64; key++) {
                            refs[key] = copy.index().find(key, key);
                            if (refs[key] != KeyIndex.NO_RECORD) {
                                versions[key] = check(arena, refs[key], key, -1, failure);
                                n++;
                            }
                        }
                        Thread.onSpinWait();
                        for (int key = 0; key < 64; key++) {
                            if (refs[key] != KeyIndex.NO_RECORD) {
                                check(arena, refs[key], key, versions[key], failure);
                            }
                        }
                    }
                    reads.set(n);
                }
            });
            readerThread.start();
            for (long version = 1; version <= 300_000 && failure.get() == null; version++) {
                final long key = version & 63;
                if ((version & 15) == 0) {
                    log.appendRemove(key, key);
                } else if (version % 50_000 == 0) {
                    log.appendClear();
                } else {
                    put(log, key, key, version);
                }
                hotRead.queueUpdate(log.commit());
            }
            done.set(true);
            readerThread.join();
        }
        assertNull(failure.get());
        assertTrue(reads.get() > 0, "the reader never found an entry");
    }

    /** Checks a record read under a held copy; returns its version. */
    private static long check(RecordArena arena, int ref, long key, long expectedVersion, AtomicReference<String> failure) {
        final long msb = arena.readHeaderLong(ref, RecordLayout.KEY_MSB_OFFSET);
        final long lsb = arena.readHeaderLong(ref, RecordLayout.KEY_LSB_OFFSET);
        final long version = arena.readHeaderLong(ref, arena.layout().versionOffset());
        final long v0 = value(arena, ref, 0);
        final long v1 = value(arena, ref, 8);
        if (msb != key || lsb != key || v0 != version || v1 != ~version
                || (expectedVersion >= 0 && version != expectedVersion)) {
            failure.compareAndSet(null, "record " + ref + " for key " + key + ": key (" + msb + ", " + lsb
                    + "), version " + version + " (expected " + expectedVersion + "), value " + v0 + ", " + v1);
        }
        return version;
    }

    @Test
    void lookup_findsWhatTheIndexFinds_throughGrowthsMovesRemovesAndOverwrites() {
        final Random random = new Random(42);
        final IndexCopy initial = IndexCopy.create(VALUE_SIZE, 16, MemoryBudget.unlimited());
        final IndexLog log = initial.log();
        final Map<Long, Long> model = new HashMap<>();
        int checkedWhileMoving = 0;
        try (HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial);
             HotReadHandle<IndexCopy> reader = hotRead.createHandle()) {
            for (int batch = 0; batch < 3_000; batch++) {
                for (int w = 0; w < 8; w++) {
                    final long key = random.nextInt(20_000);
                    if (random.nextInt(4) == 0 && model.containsKey(key)) {
                        log.appendRemove(key, lsbOf(key));
                        model.remove(key);
                    } else {
                        final long version = batch * 8L + w + 1;
                        put(log, key, lsbOf(key), version);
                        model.put(key, version);
                    }
                }
                hotRead.queueUpdate(log.commit());
                final IndexCopy copy = reader.current();
                final CopyLookup lookup = copy.lookup();
                if (lookup.probesOldSlots()) {
                    checkedWhileMoving++;
                }
                for (int i = 0; i < 200; i++) {
                    final long key = random.nextInt(20_000);
                    final int ref = lookup.find(key, lsbOf(key));
                    assertEquals(copy.index().find(key, lsbOf(key)), ref, "key " + key + " in batch " + batch);
                    final Long version = model.get(key);
                    if (version == null) {
                        assertEquals(KeyIndex.NO_RECORD, ref, "removed or never written: " + key);
                        continue;
                    }
                    final RecordArena arena = copy.arena();
                    assertEquals(version, arena.readHeaderLong(ref, arena.layout().versionOffset()));
                    assertEquals(key, UnsafeMemory.unsafeGetLong(lookup.recordAddress(ref) + RecordLayout.KEY_MSB_OFFSET));
                    assertSame(arena.bytes(ref), lookup.bytes(ref));
                    assertEquals(arena.offset(ref), lookup.offset(ref));
                }
            }
        }
        assertTrue(checkedWhileMoving > 0, "no lookup ran while a growth moved entries");
    }

    /**
     * {@link IndexCopy#copy()} finishes a growth under way in the copy it copies (freeing the old
     * slots at once, a HotRead copy being unshared): that copy's lookup must follow, else it probes
     * the freed old slots. HotRead calls copy() before any replay, so the store never reaches it;
     * a copy replayed before HotRead.create did.
     */
    @Test
    void copy_ofACopyMidGrowth_refreshesTheCopiedLookup() {
        final IndexCopy initial = IndexCopy.create(VALUE_SIZE, 16, MemoryBudget.unlimited());
        final IndexLog log = initial.log();
        long key = 0;
        while (!initial.lookup().probesOldSlots()) {
            key++;
            put(log, key, lsbOf(key), key);
            initial.apply(log.commit());
            assertTrue(key < 100_000, "no growth reached its move phase");
        }
        final IndexCopy second = initial.copy();
        try {
            assertTrue(!initial.index().isGrowing(), "copy() finished the growth");
            assertTrue(!initial.lookup().probesOldSlots(), "the lookup still names the freed old slots");
            for (long k = 1; k <= key + 10; k++) {
                assertEquals(initial.index().find(k, lsbOf(k)), initial.lookup().find(k, lsbOf(k)), "key " + k);
                assertEquals(second.index().find(k, lsbOf(k)), second.lookup().find(k, lsbOf(k)), "key " + k);
            }
        } finally {
            second.release();
            initial.release();
        }
    }

    private static long lsbOf(long key) {
        return key * 0x9E3779B97F4A7C15L + 1;
    }

    private static void put(IndexLog log, long msb, long lsb, long version) {
        final int ref = log.appendPut(msb, lsb, version, 0, 0);
        final RecordArena arena = log.arena();
        final long value = arena.offset(ref) + RecordLayout.VALUE_OFFSET;
        arena.bytes(ref).writeLong(value, version);
        arena.bytes(ref).writeLong(value + 8, ~version);
    }

    private static long value(RecordArena arena, int ref, int fieldOffset) {
        return arena.bytes(ref).readLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET + fieldOffset);
    }
}
