package io.livestore.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.livestore.runtime.store.StressValue.Bump;
import io.livestore.runtime.store.StressValue.Rejected;

/**
 * A reader that holds its snapshot while one key is mutated 10,000 times: publication is held
 * back, yet every mutation must start from the latest accepted value (read from the writer's
 * pending index, not from the stale published copy), and once the reader moves on it must come
 * to see the final state.
 *
 * <p>What "moves on" takes, as observed and as the double-buffered design implies: the first
 * write after the reader took its snapshot is still published (it goes to the copy the reader
 * does not hold); every later one waits. The reader's next {@code current()} therefore returns
 * that intermediate generation, and lets go of the old copy; the store's retries
 * ({@code maintain()}, every {@code publishInterval}, or the next writes) publish the rest in steps
 * of at most {@link StoreWriter#CATCH_UP_BATCHES} writes, each once the reader has moved on from
 * the copy the step needs, and the reader comes to see the final state. {@code quiescent()}
 * instead of {@code current()} lets one {@code maintain()} take every step.
 */
class LiveStoreHeldReaderTest {

    private static final int MUTATIONS = 10_000;

    /** Deterministic: one thread, no background work; the test calls {@code maintain()} itself. */
    @Test
    void mutate_whileReaderHoldsSnapshot_appliesToLatestValue_andReaderSeesFinalStateOnceItMovesOn() throws Rejected {
        try (LiveStore<StressValue, Object> store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("held-reader")
                .scheduler(NeverScheduler.INSTANCE)
                .build();
                StoreReader<StressValue> reader = store.reader()) {
            final UUID key = store.init(StressValue.ZERO);
            final StressView view = new StressView();
            final Snapshot<StressValue> snapshot = reader.current();
            assertEquals(1, snapshot.version(key));

            for (int i = 1; i <= MUTATIONS; i++) {
                final StressValue next = store.mutate(key, new Bump(i % StressValue.WRITERS));
                assertEquals(i, next.count(), "mutation " + i + " did not start from the latest value");
                assertTrue(next.isConsistent());
                if (i % 1_000 == 0) {
                    assertEquals(i + 1, store.get(key).orElseThrow().version(), "get() after mutation " + i);
                    assertEquals(1, snapshot.version(key), "the held snapshot changed");
                    assertTrue(snapshot.find(key, view));
                    assertEquals(0, view.count(), "the held snapshot changed");
                }
            }
            final Entry<StressValue> last = store.get(key).orElseThrow();
            assertEquals(MUTATIONS, last.value().count());
            assertEquals(MUTATIONS + 1, last.version());
            assertTrue(store.maintain() > 0, "publication was held back while the reader held its snapshot");
            assertEquals(1, snapshot.version(key), "still held: maintain() must not touch it");

            // The reader moves on: it lets go of the old copy (and sees at most the final state).
            final long intermediate = reader.current().version(key);
            assertTrue(intermediate > 1 && intermediate <= MUTATIONS + 1, "version after moving on: " + intermediate);
            // The store's retries publish the rest, a step of at most CATCH_UP_BATCHES writes at a
            // time; a step that needs the copy the reader took with current() waits for its next.
            int retries = 0;
            for (long pending = store.maintain(); pending > 0; pending = store.maintain()) {
                assertTrue(++retries <= MUTATIONS / StoreWriter.CATCH_UP_BATCHES + 2,
                        "no progress: " + pending + " unpublished after " + retries + " retries");
                reader.current();
            }
            final Snapshot<StressValue> now = reader.current();
            assertEquals(MUTATIONS + 1, now.version(key));
            assertTrue(now.find(key, view));
            assertEquals(MUTATIONS, view.count());
            assertEquals(last.value().sum(), view.sum());
            assertEquals(last.value(), now.get(key));
        }
    }

    /** As above, but the reader goes quiescent instead of taking a snapshot: one retry publishes everything. */
    @Test
    void quiescentReader_afterHeldMutations_seesFinalStateAfterOneRetry() throws Rejected {
        try (LiveStore<StressValue, Object> store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("held-reader-quiescent")
                .scheduler(NeverScheduler.INSTANCE)
                .build();
                StoreReader<StressValue> reader = store.reader()) {
            final UUID key = store.init(StressValue.ZERO);
            assertEquals(1, reader.current().version(key));
            for (int i = 1; i <= MUTATIONS; i++) {
                assertEquals(i, store.mutate(key, new Bump(0)).count());
            }
            reader.quiescent();
            assertEquals(0, store.maintain());
            assertEquals(MUTATIONS + 1, reader.current().version(key));
            assertEquals(MUTATIONS, reader.current().get(key).count());
        }
    }

    /**
     * After a hold through more writes than one step replays ({@link StoreWriter#CATCH_UP_BATCHES}),
     * the next write catches the copies up by one step only, so that it returns in bounded time:
     * readers see a prefix of the writes, in order, and {@code maintain()} publishes the rest.
     */
    @Test
    void afterALongHold_aWriteCatchesUpOneStep_andMaintainTheRest() {
        final int held = 3 * StoreWriter.CATCH_UP_BATCHES;
        try (LiveStore<StressValue, Object> store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("held-reader-steps")
                .scheduler(NeverScheduler.INSTANCE)
                .build();
                StoreReader<StressValue> reader = store.reader()) {
            final UUID first = store.init(StressValue.ZERO);
            assertEquals(1, reader.current().size());
            final UUID[] keys = new UUID[held];
            for (int i = 0; i < held; i++) {
                keys[i] = store.init(new StressValue(i, i, 0));
            }
            reader.quiescent();
            store.init(StressValue.ZERO); // the first write after the hold: one step
            final int seen = reader.current().size();
            assertTrue(seen > 1 && seen < held + 2, "one step published part of the backlog: " + seen + " entries");
            for (int i = 0; i < seen - 2; i++) { // a prefix, in order
                assertTrue(reader.current().contains(keys[i]), "entry " + i + " of a published prefix is missing");
            }
            reader.quiescent();
            assertEquals(0, store.maintain(), "maintain() takes every remaining step");
            assertEquals(held + 2, reader.current().size());
            assertTrue(reader.current().contains(first) && reader.current().contains(keys[held - 1]));
        }
    }

    /**
     * With real threads and the store's own maintenance: a reader thread holds its snapshot while
     * this thread mutates; after the writes it calls {@code current()} until it sees the final
     * state, which must happen within a few publish intervals, not never.
     */
    @Test
    @Timeout(60)
    void heldReaderOnAnotherThread_seesFinalStateSoonAfterItMovesOn() throws Exception {
        try (LiveStore<StressValue, Object> store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("held-reader-threads")
                .publishInterval(Duration.ofMillis(1))
                .slowReaderThreshold(Duration.ofMinutes(1))
                .build()) {
            final UUID key = store.init(StressValue.ZERO);
            final CountDownLatch holding = new CountDownLatch(1);
            final CountDownLatch written = new CountDownLatch(1);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final long[] seen = new long[3]; // held version, versions seen on the way, millis to the final state
            final Thread readerThread = new Thread(() -> {
                try (StoreReader<StressValue> reader = store.reader()) {
                    final StressView view = new StressView();
                    final Snapshot<StressValue> held = reader.current();
                    seen[0] = held.version(key);
                    holding.countDown();
                    written.await();
                    check(held.version(key) == seen[0], "the held snapshot changed during the writes");
                    final long start = System.nanoTime();
                    while (true) {
                        final Snapshot<StressValue> now = reader.current();
                        check(now.find(key, view), "key missing");
                        check(view.version() == view.count() + 1, "version " + view.version() + " count " + view.count());
                        seen[1]++;
                        if (view.version() == MUTATIONS + 1) {
                            break;
                        }
                        check(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10),
                                "10 s after the writes the reader still sees version " + view.version());
                        Thread.sleep(1);
                    }
                    seen[2] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "held-reader");
            readerThread.start();
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            assertEquals(1, seen[0]);
            for (int i = 1; i <= MUTATIONS; i++) {
                assertEquals(i, store.mutate(key, new Bump(1)).count(), "mutation " + i + " missed the latest value");
            }
            assertEquals(MUTATIONS, store.get(key).orElseThrow().value().perWriter(1));
            written.countDown();
            readerThread.join(TimeUnit.SECONDS.toMillis(30));
            if (failure.get() != null) {
                throw new AssertionError("reader thread failed", failure.get());
            }
            assertTrue(seen[1] >= 1);
            System.out.printf("LiveStoreHeldReaderTest: final state visible %d ms after the writes, after %d"
                    + " current() calls%n", seen[2], seen[1]);
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
