package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Reads racing {@link EntryTable#close()} and growth on other threads. Before the fix the close
 * freed the slots under a reader's probe and crashed the JVM (SIGSEGV) in most runs: the test
 * JVM surviving is the main assertion; besides, a racing read may only answer or throw
 * {@link IllegalStateException}.
 *
 * <p>Sized to run a few seconds; {@code -Dlivestore.stress.factor=N} runs N times as many rounds.
 */
class EntryTableCloseRaceTest {

    private static final int FACTOR = Integer.getInteger("livestore.stress.factor", 1);
    private static final int READERS = 2;
    /** Above glibc's mmap threshold, so that a premature free unmaps the slots. */
    private static final int ENTRIES = 20_000;

    @Test
    void close_racingReaders_neverCrashesAndReadsOnlyThrowIllegalState() throws Exception {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        final int rounds = 150 * FACTOR;
        final AtomicReference<EntryTable> current = new AtomicReference<>();
        final AtomicReference<Throwable> unexpected = new AtomicReference<>();
        final AtomicLong closedSeen = new AtomicLong();
        final CyclicBarrier start = new CyclicBarrier(READERS + 1);
        final CyclicBarrier end = new CyclicBarrier(READERS + 1);
        final List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            final int seed = r;
            final Thread t = new Thread(() -> {
                final SplittableRandom random = new SplittableRandom(seed);
                try {
                    for (int round = 0; round < rounds; round++) {
                        start.await();
                        readUntilClosed(current.get(), random, closedSeen);
                        end.await();
                    }
                } catch (Throwable e) {
                    unexpected.compareAndSet(null, e);
                    start.reset();
                    end.reset();
                }
            }, "close-race-reader-" + r);
            t.start();
            readers.add(t);
        }
        final SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < rounds && unexpected.get() == null; round++) {
            final EntryTable table = EntryTable.create(Long.BYTES, ENTRIES);
            for (long i = 0; i < ENTRIES; i++) {
                table.bytes().writeLong(EntryTableLayout.valueOffset(table.put(i, ~i, i, 0, 0, Long.BYTES)), i);
            }
            current.set(table);
            try {
                start.await();
                // Let the readers get going for a varying while, then close under them.
                for (int spin = random.nextInt(20_000); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                table.close();
                end.await();
            } catch (BrokenBarrierException e) {
                table.close();
                break; // a reader failed: reported below
            }
        }
        for (Thread t : readers) {
            t.join();
        }
        if (unexpected.get() != null) {
            throw new AssertionError("a racing read failed with other than IllegalStateException", unexpected.get());
        }
        assertTrue(closedSeen.get() > 0, "no read ever saw a closed table: the race did not happen");
        awaitDeferredFrees(allocatedBefore);
    }

    @Test
    void grow_racingReaders_neverCrashes() throws Exception {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        final AtomicReference<Throwable> unexpected = new AtomicReference<>();
        for (int round = 0; round < 20 * FACTOR && unexpected.get() == null; round++) {
            final EntryTable table = EntryTable.create(Long.BYTES, 0);
            final Thread reader = new Thread(() -> {
                final SplittableRandom random = new SplittableRandom(7);
                try {
                    readUntilClosed(table, random, new AtomicLong());
                } catch (Throwable e) {
                    unexpected.compareAndSet(null, e);
                }
            });
            reader.start();
            // Breaks the single-writer contract on purpose: growth frees memory a reader may use.
            for (long i = 0; i < ENTRIES; i++) {
                table.put(i, ~i, i, 0, 0, Long.BYTES);
            }
            table.close();
            reader.join();
        }
        if (unexpected.get() != null) {
            throw new AssertionError("a read racing growth failed with other than IllegalStateException",
                    unexpected.get());
        }
        awaitDeferredFrees(allocatedBefore);
    }

    @Test
    void hotReadCopyTable_refusesCloseAndPublicWrites() {
        final EntryTableCopy copy = EntryTableCopy.create(Long.BYTES, 10);
        try {
            final EntryTable table = copy.table();
            final IllegalStateException e = assertThrows(IllegalStateException.class, table::close);
            assertTrue(e.getMessage().contains("release it through its EntryTableCopy"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> table.put(1, 1, 1, 0, 0, Long.BYTES));
            assertThrows(IllegalStateException.class, () -> table.insertIfAbsent(1, 1, 1, 0, 0, Long.BYTES));
            assertThrows(IllegalStateException.class, () -> table.remove(1, 1));
            assertThrows(IllegalStateException.class, table::clear);
            assertEquals(0, table.size(), "still readable");
        } finally {
            copy.release();
        }
        assertTrue(copy.table().isClosed());
    }

    /**
     * Reads random keys through every read method until the table is closed. Anything but an
     * IllegalStateException (or an IndexOutOfBoundsException for a slot offset that a racing
     * write moved) propagates.
     */
    private static void readUntilClosed(EntryTable table, SplittableRandom random, AtomicLong closedSeen) {
        while (true) {
            try {
                final long k = random.nextInt(ENTRIES);
                final long slot = table.lookup(k, ~k);
                if (slot != EntryTable.NO_SLOT) {
                    table.version(slot);
                    table.keyMsb(slot);
                    table.expiryDeadline(slot);
                    table.valueOffset(slot, 0, Long.BYTES);
                }
                table.contains(k + ENTRIES, k);
                table.size();
                if (random.nextInt(64) == 0) {
                    table.forEach((t, s) -> { });
                }
            } catch (IllegalStateException e) {
                if (table.isClosed()) {
                    closedSeen.incrementAndGet();
                    return;
                }
                throw e;
            } catch (IndexOutOfBoundsException | java.util.ConcurrentModificationException e) {
                // Only a racing growth moves slots; a close alone never does this.
                if (!mayStillMoveOrClosed(table)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Whether a racing growth may still have moved slots (the table has not reached its final
     * capacity) or the table is closed. The close may come between the two checks, so a closed
     * table's {@code IllegalStateException} also answers yes.
     */
    private static boolean mayStillMoveOrClosed(EntryTable table) {
        try {
            return table.isClosed() || table.capacity() != EntryTable.capacityFor(ENTRIES);
        } catch (IllegalStateException closed) {
            return true;
        }
    }

    /** Memory retired under readers is freed once the garbage collector finds no reader holding it. */
    static void awaitDeferredFrees(long allocatedBefore) throws InterruptedException {
        for (int i = 0; i < 200 && OffHeapMemory.allocatedBytes() != allocatedBefore; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(allocatedBefore, OffHeapMemory.allocatedBytes(), "retired memory was never freed");
    }
}
