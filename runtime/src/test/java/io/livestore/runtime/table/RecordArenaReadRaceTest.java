package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * A reader thread reads the header of the record the writer allocated last while the writer
 * keeps allocating across chunk boundaries. The read must succeed: the reference was handed out
 * (and published through a volatile) before the read. Before the fix, the reader's check used the
 * writer's allocation cursor, two plain fields it could see half-updated at a chunk switch
 * (the new chunk number with the old count), and threw "was never allocated" for a live record
 * within a second.
 */
class RecordArenaReadRaceTest {

    private static final long RUN_NANOS = 2_000_000_000L;

    private volatile RecordArena current;
    private volatile int lastRef = -1;
    private volatile boolean stop;

    @Test
    void readHeaderLong_onAReaderThread_neverRefusesARecordThatWasHandedOut() throws Exception {
        final AtomicLong refused = new AtomicLong();
        final AtomicReference<Throwable> first = new AtomicReference<>();
        final Thread reader = new Thread(() -> {
            while (!stop) {
                final RecordArena arena = current;
                final int ref = lastRef;
                if (arena == null || ref < 0) {
                    continue;
                }
                try {
                    arena.readHeaderLong(ref, arena.layout().versionOffset());
                } catch (IndexOutOfBoundsException e) {
                    if (current == arena) { // else the reference came from the previous arena
                        refused.incrementAndGet();
                        first.compareAndSet(null, e);
                    }
                } catch (IllegalStateException closedMeanwhile) {
                    // The writer closed this arena between the two loads: a correct refusal.
                }
            }
        }, "arena-reader");
        reader.start();
        final MemoryBudget budget = MemoryBudget.unlimited();
        final long end = System.nanoTime() + RUN_NANOS;
        try {
            while (System.nanoTime() < end && refused.get() == 0) {
                final RecordArena arena = RecordArena.create(0, 16, budget);
                lastRef = -1;
                current = arena;
                for (int i = 0; i < 40_000; i++) { // ten chunk switches
                    lastRef = arena.allocate();
                }
                current = null;
                lastRef = -1;
                arena.close();
            }
        } finally {
            stop = true;
            reader.join();
        }
        assertEquals(0, refused.get(), () -> "a live record refused on a reader thread: " + first.get());
    }
}
