package io.livestore.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.livestore.runtime.store.StressValue.Bump;
import io.livestore.runtime.store.StressValue.Rejected;

/**
 * What the hot paths allocate in steady state, with no watchers, measured with
 * {@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()} around 100,000
 * operations after a warm-up long enough for C2.
 *
 * <ul>
 *   <li>A read ({@code reader.current()}, {@code Snapshot.version}, {@code Snapshot.find} and a
 *       field of a {@link ValueView}) allocates nothing, whether or not something was published
 *       since the previous {@code current()}.
 *   <li>A {@code mutate} allocates by design: the decoded current value and the new value (the
 *       record the user's {@code apply} receives and the one it returns; 32 bytes each for
 *       {@link StressValue}), plus, in {@code LiveStore.write}, a per-call lock token
 *       ({@code new Object()}, 16 bytes) and the lambda that carries the body (24 bytes): 104
 *       bytes, exactly what {@code -XX:-DoEscapeAnalysis} measures. With a mutation record made
 *       per call, add the record (32 bytes for {@link Bump}): 136. With escape analysis on (the
 *       default; JDK 17, C2) the decoded value and the token are scalar-replaced and 56 bytes
 *       remain (the new value and the lambda), 88 with a fresh record. The bounds are the
 *       no-escape-analysis sums, plus {@link #ONE_OFF_SLACK} in total for one-off events, so
 *       that any new allocation per write fails the test whatever the JIT does.
 * </ul>
 *
 * <p>The store's background work goes to {@link NeverScheduler}, so nothing else writes.
 */
class LiveStoreAllocationTest {

    private static final int ENTRIES = 1_024;
    private static final int WARM_UP = 300_000;
    private static final int MEASURED = 100_000;

    /** The decoded current value, the new value, the write's lock token and its body lambda. */
    private static final long MUTATE_BYTES = 32 + 32 + 16 + 24;
    /** ... and the mutation record itself, when the caller makes one per call. */
    private static final long MUTATE_FRESH_RECORD_BYTES = MUTATE_BYTES + 32;
    /**
     * Allowed in total over the measured writes for one-off allocations that do not recur per
     * write (about 14 KB was seen once with escape analysis off).
     */
    private static final long ONE_OFF_SLACK = 64 * 1024;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private LiveStore<StressValue, Object> store;
    private UUID[] keys;

    @BeforeEach
    void createStore() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM does not measure per-thread allocation");
        store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("allocation")
                .expectedEntries(ENTRIES)
                .scheduler(NeverScheduler.INSTANCE)
                .build();
        keys = LiveStoreStressTest.createKeys(store, ENTRIES);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void readerCurrentVersionAndViewField_allocateNothing() {
        try (StoreReader<StressValue> reader = store.reader()) {
            final StressView view = new StressView();
            long sink = 0;
            for (int i = 0; i < WARM_UP; i++) {
                sink += read(reader, view, keys[i & (ENTRIES - 1)]);
            }
            final long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++) {
                sink += read(reader, view, keys[i & (ENTRIES - 1)]);
            }
            final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before - baseline();
            report("read", allocated, sink);
            // Under one byte per read: no read allocates (a single 16-byte object every 16 reads would fail).
            assertTrue(allocated < MEASURED, "reads allocated " + perOp(allocated) + " B/op; expected none");
        }
    }

    @Test
    void readerCurrent_afterEachPublication_allocatesNothing() throws Rejected {
        final Bump bump = new Bump(0);
        try (StoreReader<StressValue> reader = store.reader()) {
            final StressView view = new StressView();
            long sink = 0;
            long allocated = 0;
            for (int round = 0; round < 2; round++) {
                allocated = 0;
                for (int i = 0; i < (round == 0 ? WARM_UP : MEASURED); i++) {
                    final UUID key = keys[i & (ENTRIES - 1)];
                    // Move the reader off the copy the writer needs, publish a write, then read the
                    // new generation: the slow path of current() (announce, re-check).
                    reader.quiescent();
                    store.mutate(key, bump);
                    final long before = THREADS.getCurrentThreadAllocatedBytes();
                    sink += read(reader, view, key);
                    allocated += THREADS.getCurrentThreadAllocatedBytes() - before;
                }
            }
            allocated -= baseline() * MEASURED;
            report("read after publication", allocated, sink);
            assertTrue(allocated < MEASURED, "reads after a publication allocated " + perOp(allocated)
                    + " B/op; expected none");
            assertEquals(WARM_UP + MEASURED, totalCount(), "every bump landed");
        }
    }

    @Test
    void mutate_reusedMutation_allocatesOnlyTheValuesTokenAndBody() throws Rejected {
        final Bump bump = new Bump(0);
        for (int i = 0; i < WARM_UP; i++) {
            store.mutate(keys[i & (ENTRIES - 1)], bump);
        }
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
            store.mutate(keys[i & (ENTRIES - 1)], bump);
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before - baseline();
        report("mutate (one mutation record reused)", allocated, 0);
        assertTrue(allocated <= MUTATE_BYTES * MEASURED + ONE_OFF_SLACK, "mutate allocated " + perOp(allocated) + " B/op; at most "
                + MUTATE_BYTES + " expected (current value, new value, lock token, body lambda)");
        assertEquals(WARM_UP + MEASURED, totalCount());
    }

    @Test
    void mutate_freshMutationRecord_allocatesAlsoTheRecord() throws Rejected {
        for (int i = 0; i < WARM_UP; i++) {
            store.mutate(keys[i & (ENTRIES - 1)], new Bump(i % StressValue.WRITERS));
        }
        final long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
            store.mutate(keys[i & (ENTRIES - 1)], new Bump(i % StressValue.WRITERS));
        }
        final long allocated = THREADS.getCurrentThreadAllocatedBytes() - before - baseline();
        report("mutate (a new mutation record per call)", allocated, 0);
        assertTrue(allocated <= MUTATE_FRESH_RECORD_BYTES * MEASURED + ONE_OFF_SLACK, "mutate allocated " + perOp(allocated)
                + " B/op; at most " + MUTATE_FRESH_RECORD_BYTES + " expected");
        assertEquals(WARM_UP + MEASURED, totalCount());
    }

    /** One read of the hot path: a version and a field of one key. */
    private static long read(StoreReader<StressValue> reader, StressView view, UUID key) {
        final Snapshot<StressValue> snapshot = reader.current();
        final long version = snapshot.version(key);
        if (!snapshot.find(key, view)) {
            throw new AssertionError("key missing: " + key);
        }
        return version + view.count();
    }

    /** What the measurement itself allocates (the two calls around the loop). */
    private static long baseline() {
        final long first = THREADS.getCurrentThreadAllocatedBytes();
        final long second = THREADS.getCurrentThreadAllocatedBytes();
        return Math.max(0, second - first);
    }

    private long totalCount() {
        long total = 0;
        for (UUID key : keys) {
            total += store.get(key).orElseThrow().value().count();
        }
        return total;
    }

    private static double perOp(long allocated) {
        return (double) allocated / MEASURED;
    }

    private static void report(String what, long allocated, long sink) {
        // The sink is printed so that the JIT cannot drop the reads.
        System.out.printf("LiveStoreAllocationTest: %s: %.2f B/op (%d B over %d ops; checksum %d)%n", what,
                perOp(allocated), allocated, MEASURED, sink);
    }
}
