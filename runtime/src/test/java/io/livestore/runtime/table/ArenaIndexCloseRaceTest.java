package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ConcurrentModificationException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * Reads of a {@link KeyIndex} and its {@link RecordArena} racing a close or a growth on another
 * thread: both break the single-writer contract on purpose, and the promise still holds that no
 * reader crashes the JVM. The test JVM surviving is the main assertion; besides, a racing read
 * may only answer or throw {@link IllegalStateException} (closed), or, while a growth races it,
 * an index-out-of-bounds or concurrent-modification exception (a reference from an entry written
 * after the reader loaded the arena's chunks).
 *
 * <p>Sized to run a few seconds; {@code -Dlivestore.stress.factor=N} runs N times as many rounds.
 */
class ArenaIndexCloseRaceTest {

    private static final int FACTOR = Integer.getInteger("livestore.stress.factor", 1);
    /** Entries the readers look up. */
    private static final int ENTRIES = 50_000;
    /**
     * What the close test sizes the index and arena for: 57 MB of index slots and 48 MB of
     * (untouched) records, above glibc's largest mmap threshold (32 MB), so that a premature
     * free unmaps the memory and a read of it crashes instead of reading stale bytes.
     */
    private static final int SIZED_FOR = 5_000_000;

    @Test
    void close_racingReaders_neverCrashes() throws Exception {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        final AtomicReference<Throwable> unexpected = new AtomicReference<>();
        final AtomicLong closedSeen = new AtomicLong();
        final SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20 * FACTOR && unexpected.get() == null; round++) {
            final MemoryBudget budget = MemoryBudget.unlimited();
            final RecordArena arena = RecordArena.create(Long.BYTES, SIZED_FOR / 5, budget);
            final KeyIndex index = KeyIndex.create(arena, SIZED_FOR, budget);
            // Few entries in many slots: a walk reads long stretches of empty slots between two
            // visits (and two closed checks), where a premature free would be read.
            fill(arena, index, ENTRIES / 50);
            final Thread reader = reader(arena, index, unexpected, closedSeen, false);
            reader.start();
            for (int spin = random.nextInt(50_000); spin > 0; spin--) {
                Thread.onSpinWait();
            }
            if (random.nextBoolean()) {
                index.close();
                arena.close();
            } else {
                arena.close();
                index.close();
            }
            reader.join();
        }
        if (unexpected.get() != null) {
            throw new AssertionError("a read racing close failed with other than IllegalStateException",
                    unexpected.get());
        }
        assertTrue(closedSeen.get() > 0, "no read ever saw a closed structure: the race did not happen");
        DeferredFreesAwait.awaitDeferredFrees(allocatedBefore);
    }

    @Test
    void growth_racingReaders_neverCrashes() throws Exception {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        final AtomicReference<Throwable> unexpected = new AtomicReference<>();
        for (int round = 0; round < 10 * FACTOR && unexpected.get() == null; round++) {
            final MemoryBudget budget = MemoryBudget.unlimited();
            final RecordArena arena = RecordArena.create(Long.BYTES, 0, budget);
            final KeyIndex index = KeyIndex.create(arena, 0, budget);
            final Thread reader = reader(arena, index, unexpected, new AtomicLong(), true);
            reader.start();
            fill(arena, index, ENTRIES);
            index.close();
            arena.close();
            reader.join();
        }
        if (unexpected.get() != null) {
            throw new AssertionError("a read racing growth failed unexpectedly", unexpected.get());
        }
        DeferredFreesAwait.awaitDeferredFrees(allocatedBefore);
    }

    private static void fill(RecordArena arena, KeyIndex index, int entries) {
        for (long i = 0; i < entries; i++) {
            final int ref = arena.allocate();
            arena.writeHeader(ref, i, ~i, i, 0, 0);
            arena.bytes(ref).writeLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET, i);
            index.put(i, ~i, ref);
        }
    }

    private static Thread reader(RecordArena arena, KeyIndex index, AtomicReference<Throwable> unexpected,
            AtomicLong closedSeen, boolean growing) {
        return new Thread(() -> {
            final SplittableRandom random = new SplittableRandom(7);
            while (true) {
                try {
                    final long k = random.nextInt(ENTRIES);
                    final int ref = index.find(k, ~k);
                    if (ref != KeyIndex.NO_RECORD) {
                        arena.readHeaderLong(ref, arena.layout().versionOffset());
                        arena.bytes(ref).readLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET);
                    }
                    index.size();
                    // A walk holds the slots for milliseconds: the widest window for a close.
                    if (random.nextInt(growing ? 256 : 4) == 0) {
                        index.forEach(r -> { });
                    }
                } catch (IllegalStateException e) {
                    if (index.isClosed() || arena.isClosed()) {
                        closedSeen.incrementAndGet();
                        return;
                    }
                    unexpected.compareAndSet(null, e);
                    return;
                } catch (IndexOutOfBoundsException | ConcurrentModificationException e) {
                    if (!growing) {
                        unexpected.compareAndSet(null, e);
                        return;
                    }
                } catch (Throwable e) {
                    unexpected.compareAndSet(null, e);
                    return;
                }
            }
        }, "arena-index-race-reader");
    }
}
