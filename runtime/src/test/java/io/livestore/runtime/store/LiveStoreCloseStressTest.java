package io.livestore.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.livestore.runtime.store.StressValue.Bump;

/**
 * Closing a store while every kind of user works on it: each must end with an
 * {@link IllegalStateException} (or, for a watcher, its {@code Removed} with
 * {@link RemovalCause#CLOSED}), never hang, never see a torn value and never touch freed memory
 * (which Chronicle reports as a {@code NullPointerException}, or worse).
 */
class LiveStoreCloseStressTest {

    private static final long SEED = LiveStoreStressTest.SEED;
    private static final int ROUNDS = 40 * LiveStoreStressTest.SCALE;

    /**
     * A reader whose {@code current()} failed because the store closed holds nothing any more:
     * its handle gave the copy back (and the copy may be freed at once, by this thread or by the
     * closing one). Its snapshot and views must then refuse to read with the reader's own
     * "holds no snapshot" error, and {@code heldFor()} must be zero, as after {@code quiescent()}.
     *
     * <p><b>Fails on the store as written</b>: {@code StoreReader.current()} calls
     * {@code handle.current()}, which throws after releasing the copy, before the reader updates
     * its own {@code generation}/{@code table}; the reader still claims the old generation, so
     * {@code Snapshot} and {@code ValueView} pass the reader's check and went on to the freed
     * table (the store's table of that time). Here (one thread) the table's own plain
     * {@code closed} flag stopped them; when the closing thread is the one that frees the copy,
     * nothing orders that flag with the reader's read, and a read can reach freed native memory.
     */
    @Test
    void current_afterStoreClosed_throws_andReaderHoldsNothing() {
        final LiveStore<StressValue, Object> store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("close-reader")
                .scheduler(NeverScheduler.INSTANCE)
                .build();
        final UUID key = store.init(StressValue.ZERO);
        try (StoreReader<StressValue> reader = store.reader()) {
            final StressView view = new StressView();
            final Snapshot<StressValue> snapshot = reader.current();
            assertTrue(snapshot.find(key, view));
            store.close();
            // Still held: the copy stays valid until the reader moves on.
            assertEquals(0, view.count());
            assertEquals(1, snapshot.version(key));

            assertThrows(IllegalStateException.class, reader::current);
            assertEquals(Duration.ZERO, reader.heldFor(), "current() failed and gave the copy back, but the reader"
                    + " still reports holding a snapshot");
            final IllegalStateException versionRead = assertThrows(IllegalStateException.class,
                    () -> snapshot.version(key));
            assertTrue(versionRead.getMessage().contains("holds no snapshot"), "the snapshot was not refused by its"
                    + " reader but reached the released table: " + versionRead.getMessage());
            final IllegalStateException viewRead = assertThrows(IllegalStateException.class, view::count);
            assertTrue(viewRead.getMessage().contains("holds no snapshot"), "the view was not refused by its reader"
                    + " but reached the released table: " + viewRead.getMessage());
        }
    }

    @Test
    @Timeout(180)
    void close_amidWritesReadsWatchesAndGuards_everyThreadEndsWithIllegalState() throws Exception {
        final SplittableRandom random = new SplittableRandom(SEED);
        final Map<String, Integer> endings = new ConcurrentHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            closeDuringActivity(round, random.nextInt(25), random.split(), endings);
        }
        System.out.println("LiveStoreCloseStressTest: how threads ended: " + endings);
    }

    private static void closeDuringActivity(int round, int runMillis, SplittableRandom random, Map<String, Integer> endings)
            throws Exception {
        final LiveStore<StressValue, Object> store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("close-stress")
                .watchBuffer(4)
                .publishInterval(Duration.ofMillis(1))
                .slowReaderThreshold(Duration.ofMinutes(1))
                .build();
        final UUID[] keys = LiveStoreStressTest.createKeys(store, 4);
        final List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Thread> threads = new ArrayList<>();
        final CountDownLatch started = new CountDownLatch(7);
        final AtomicLong progress = new AtomicLong();

        // Writers: sync and async; both stop at the first IllegalStateException.
        for (int w = 0; w < 2; w++) {
            final int writer = w;
            threads.add(thread("writer-" + w, failures, endings, started, () -> {
                final SplittableRandom r = random.split();
                while (true) {
                    final UUID key = keys[r.nextInt(keys.length)];
                    final StressValue next;
                    if (writer == 1) {
                        try {
                            next = store.mutateAsync(key, new Bump(writer)).join();
                        } catch (CompletionException e) {
                            throw e.getCause() instanceof Exception cause ? cause : e;
                        }
                    } else {
                        next = store.mutate(key, new Bump(writer));
                    }
                    LiveStoreStressTest.check(next.isConsistent(), "inconsistent value returned: " + next);
                    progress.incrementAndGet();
                }
            }));
        }
        // Readers: check every key until current() refuses; then close the reader.
        for (int r = 0; r < 2; r++) {
            threads.add(thread("reader-" + r, failures, endings, started, () -> {
                final StressView view = new StressView();
                try (StoreReader<StressValue> reader = store.reader()) {
                    while (true) {
                        final Snapshot<StressValue> snapshot = reader.current();
                        for (UUID key : keys) {
                            LiveStoreStressTest.check(snapshot.find(key, view), "key missing");
                            final long version = view.version();
                            final long count = view.count();
                            LiveStoreStressTest.check(version == count + 1 && StressValue.isConsistent(count, view.sum()),
                                    "torn or inconsistent entry: version " + version + ", count " + count);
                        }
                    }
                }
            }));
        }
        // A watcher: updates in order until Removed(CLOSED); after it, next() throws.
        threads.add(thread("watcher", failures, endings, started, () -> {
            try (Subscription<StressValue, Object> subscription = store.watch(keys[0])) {
                while (true) {
                    final Update<StressValue, Object> update = subscription.next();
                    if (update instanceof Update.Removed<StressValue, Object> removed) {
                        LiveStoreStressTest.check(removed.cause() == RemovalCause.CLOSED, "removed: " + removed.cause());
                        assertThrows(NoSuchElementException.class, subscription::next);
                        throw new IllegalStateException("watch ended: Removed(CLOSED)");
                    }
                }
            }
        }));
        // A guard holder: plain writers of its key queue behind it; they must be failed by close().
        threads.add(thread("guard", failures, endings, started, () -> {
            final SplittableRandom r = random.split();
            while (true) {
                try (EntryGuard<StressValue, Object> guard = store.acquire(keys[0])) {
                    guard.mutate(new Bump(2));
                    Thread.sleep(r.nextInt(3));
                    guard.mutate(new Bump(2));
                }
            }
        }));
        // One more writer of the guarded key, always likely to be waiting for its turn.
        threads.add(thread("queued-writer", failures, endings, started, () -> {
            while (true) {
                store.mutate(keys[0], new Bump(0));
            }
        }));

        threads.forEach(Thread::start);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(runMillis);
        store.close();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
            if (t.isAlive()) {
                failures.add(new AssertionError(t.getName() + " still runs 20 s after close(): " + stack(t)));
                t.interrupt();
            }
        }
        if (!failures.isEmpty()) {
            final AssertionError error = new AssertionError("round " + round + ", close after " + runMillis + " ms [seed "
                    + SEED + "]: "
                    + failures.size() + " thread(s) did not end with IllegalStateException; first: "
                    + failures.get(0), failures.get(0));
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    private static Thread thread(String name, List<Throwable> failures, Map<String, Integer> endings,
            CountDownLatch started, LiveStoreStressTest.Body body) {
        final Thread thread = new Thread(() -> {
            started.countDown();
            try {
                body.run();
                failures.add(new AssertionError(name + " returned normally"));
            } catch (IllegalStateException expected) {
                endings.merge(name.replaceAll("-\\d+$", "") + ": " + expected.getMessage()
                        .replaceAll("store \\S+ is closed", "store ... is closed"), 1, Integer::sum);
            } catch (Throwable t) {
                failures.add(new AssertionError(name + " ended with " + t, t));
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String stack(Thread t) {
        final StringBuilder b = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            b.append("\n\tat ").append(e);
        }
        return b.toString();
    }
}
