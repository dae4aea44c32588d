package io.livestore.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.livestore.runtime.store.StressValue.Bump;
import io.livestore.runtime.store.StressValue.Poison;
import io.livestore.runtime.store.StressValue.Rejected;

/**
 * Writers, readers and watchers on one store, with real threads, checked against invariants that
 * hold on every snapshot and every update, and at the end against an oracle of what each writer
 * was told it did.
 *
 * <p><b>The value.</b> A {@link StressValue} counts accepted bumps, and its {@code sum} packs one
 * counter per writer, so every whole value satisfies {@code count == Σ perWriter}; each entry is
 * created at count 0, version 1, and only bumps follow, so {@code version == count + 1} exactly.
 * Each writer is the only one that moves its own counter: the value {@code mutate} returns must
 * show exactly as many of its own bumps on that key as it has been told were accepted. A bump
 * applied to a stale value (one that ignored a write held back from publication), a rejected
 * mutation that changed something, a lost or doubled write: each breaks one of these.
 *
 * <p><b>Readers</b> (each its own {@link StoreReader}, {@code current()} in a loop) check every
 * key of every snapshot through a {@link StressView}: whole, consistent, {@code version ==
 * count + 1}, and neither the version nor any writer's counter ever goes back between snapshots
 * of the same reader. One reader holds its snapshot for long stretches, so publication is held
 * back while the writers go on (their writes are read from the pending index); it checks that
 * its held snapshot does not change meanwhile and that {@code get} sees past it.
 *
 * <p><b>Churn.</b> Another writer inserts, bumps and removes fresh keys, a few hundred alive at a
 * time, so that both table copies grow under the readers; readers now and then scan the whole
 * snapshot ({@code forEach} with a view) and check every entry.
 *
 * <p><b>Watchers</b> ({@code fetchAndWatch}) check that versions arrive strictly increasing by
 * one, except across an {@link Update.Lagged} whose {@code missed} accounts for the gap exactly,
 * and that each update's previous and current entries agree with the bump that made it.
 *
 * <p>Sized for a few seconds on two cores; {@code -Dlivestore.stress.scale=N} multiplies the work
 * (up to about 100: each writer's counter of a key has {@value StressValue#BITS} bits), and
 * {@code -Dlivestore.stress.seed=S} changes the seed (it is in every failure message). The seed
 * fixes each thread's choices, not the interleaving.
 */
class LiveStoreStressTest {

    static final int SCALE = Integer.getInteger("livestore.stress.scale", Integer.getInteger("livestore.stress.factor", 1));
    static final long SEED = Long.getLong("livestore.stress.seed", 20240611L);

    private static final int WRITERS = StressValue.WRITERS;

    // ------------------------------------------------------------------------------------------
    // Plain writers, readers (one of them slow), watchers
    // ------------------------------------------------------------------------------------------

    @Test
    @Timeout(240)
    void mutateReadWatch_concurrently_matchesOracle() throws Exception {
        final int keyCount = 8;
        final int opsPerWriter = 100_000 * SCALE;
        assertTrue(2L * opsPerWriter / keyCount < (1 << StressValue.BITS), "scale too large: a writer's counter of a key"
                + " could overflow its " + StressValue.BITS + " bits");
        try (LiveStore<StressValue, Object> store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("stress")
                .expectedEntries(32) // small: the churner's inserts make both copies grow while readers hold
                .watchBuffer(8) // small, so that watchers lag and Lagged is exercised
                .publishInterval(Duration.ofMillis(1))
                .slowReaderThreshold(Duration.ofMinutes(1))
                .build()) {
            final UUID[] keys = createKeys(store, keyCount);
            final Run run = new Run();
            final long[][] accepted = new long[WRITERS][keyCount];
            final AtomicLong rejected = new AtomicLong();

            // The writers start once the slow reader holds its first snapshot, so that at least one
            // long hold overlaps their writes.
            final SlowReaderStats slow = new SlowReaderStats();
            for (int w = 0; w < WRITERS; w++) {
                final int writer = w;
                run.writer("writer-" + w, () -> {
                    slow.firstHold.await();
                    plainWriter(store, keys, writer, opsPerWriter, new SplittableRandom(SEED * 31 + writer),
                            accepted[writer], rejected);
                });
            }
            final AtomicLong churned = new AtomicLong();
            final AtomicLong churnerLive = new AtomicLong();
            run.writer("churner", () -> churnerLive.set(
                    churner(store, opsPerWriter / 4, new SplittableRandom(SEED * 11), churned)));
            final AtomicLong snapshotsChecked = new AtomicLong();
            for (int r = 0; r < 2; r++) {
                final int seed = r;
                run.reader("reader-" + r, () -> snapshotsChecked.addAndGet(
                        fastReader(store, keys, run, new SplittableRandom(SEED * 17 + seed))));
            }
            run.reader("slow-reader", () -> {
                try {
                    slowReader(store, keys, run, slow);
                } finally {
                    slow.firstHold.countDown(); // never leave the writers waiting
                }
            });
            final AtomicLong updatesChecked = new AtomicLong();
            final AtomicLong lagged = new AtomicLong();
            run.reader("watcher", () -> watcher(store, keys, run, updatesChecked, lagged, null));

            run.go();

            // The oracle: what each writer was told it did.
            for (int k = 0; k < keyCount; k++) {
                final Entry<StressValue> entry = store.get(keys[k]).orElseThrow();
                final StressValue value = entry.value();
                long expectedCount = 0;
                for (int w = 0; w < WRITERS; w++) {
                    assertEquals(accepted[w][k], value.perWriter(w), seeded("key " + k + ": bumps of writer " + w));
                    expectedCount += accepted[w][k];
                }
                assertEquals(expectedCount, value.count(), seeded("key " + k + ": count"));
                assertEquals(expectedCount + 1, entry.version(), seeded("key " + k + ": version"));
            }
            // Every reader, once writes stopped, converged on exactly the final state (checked in
            // the threads); the checks were not vacuous:
            assertTrue(snapshotsChecked.get() > 100, "snapshots checked: " + snapshotsChecked);
            assertTrue(updatesChecked.get() > 100, "updates checked: " + updatesChecked);
            assertTrue(rejected.get() > 0);
            assertTrue(churned.get() > 0);
            assertEquals(keyCount + churnerLive.get(), store.size(), "the fixed keys and the churner's live ones");
            assertTrue(slow.holds.get() > 0, "the slow reader never held a snapshot");
            assertTrue(slow.heldBack.get() > 0,
                    "while the slow reader held its snapshot, get() never saw a newer version: publication was not"
                            + " held back, so the pending path went untested");
            System.out.printf("LiveStoreStressTest: %d snapshots, %d watched updates (%d lagged), %d rejected,"
                    + " %d long holds (%d saw newer writes), %d churned keys%n", snapshotsChecked.get(),
                    updatesChecked.get(), lagged.get(), rejected.get(), slow.holds.get(), slow.heldBack.get(),
                    churned.get());
        }
    }

    /** Mutates random keys; returns nothing, records its accepted bumps per key. */
    private static void plainWriter(LiveStore<StressValue, Object> store, UUID[] keys, int writer, int ops,
            SplittableRandom random, long[] accepted, AtomicLong rejected) throws Exception {
        for (int i = 0; i < ops; i++) {
            final int k = random.nextInt(keys.length);
            final UUID key = keys[k];
            final int choice = random.nextInt(100);
            if (choice < 6) {
                try {
                    store.mutate(key, new Bump(writer, 0, Bump.REJECT));
                    throw new AssertionError("a rejecting bump was accepted");
                } catch (Rejected expected) {
                    rejected.incrementAndGet();
                }
            } else if (choice < 8) {
                try {
                    store.mutate(key, new Bump(writer, 0, Bump.THROW));
                    throw new AssertionError("a throwing bump was accepted");
                } catch (IllegalStateException expected) {
                    rejected.incrementAndGet();
                }
            } else if (choice < 10) {
                try {
                    store.mutate(key, new Poison());
                    throw new AssertionError("a value its layout refuses was written");
                } catch (IllegalArgumentException expected) {
                    rejected.incrementAndGet();
                }
            } else if (choice < 14) {
                // Optimistic: read the version, then bump only if nobody wrote meanwhile.
                final Entry<StressValue> seen = store.get(key).orElseThrow();
                try {
                    final StressValue next = store.mutateIfVersion(key, seen.version(), new Bump(writer));
                    accepted[k]++;
                    check(next.count() == seen.version(), "mutateIfVersion at version " + seen.version()
                            + " returned count " + next.count());
                    checkOwn(next, writer, accepted[k], k);
                } catch (VersionConflictException conflict) {
                    check(conflict.actual() > seen.version(), "conflict at " + conflict.actual() + " after reading "
                            + seen.version());
                }
            } else if (choice < 17) {
                final StressValue next;
                try {
                    next = store.mutateAsync(key, new Bump(writer)).join();
                } catch (CompletionException e) {
                    throw new AssertionError("mutateAsync failed", e.getCause());
                }
                accepted[k]++;
                checkOwn(next, writer, accepted[k], k);
            } else {
                final StressValue next = store.mutate(key, new Bump(writer));
                accepted[k]++;
                checkOwn(next, writer, accepted[k], k);
            }
            if (choice == 99) {
                Thread.yield();
            }
        }
    }

    /**
     * Inserts fresh keys, bumps them, removes them, keeping a few hundred alive, so that both
     * table copies grow (from 32 expected entries) while readers hold copies and the other
     * writers work. Checks its own keys as it goes (a removed key is gone for get and mutate) and
     * at the end; returns how many it left alive.
     */
    private static int churner(LiveStore<StressValue, Object> store, int ops, SplittableRandom random,
            AtomicLong churned) throws Exception {
        final List<UUID> live = new ArrayList<>();
        final List<Long> counts = new ArrayList<>();
        for (int i = 0; i < ops; i++) {
            final int choice = random.nextInt(100);
            if (live.isEmpty() || (choice < 40 && live.size() < 600)) {
                live.add(store.init(StressValue.ZERO));
                counts.add(0L);
                churned.incrementAndGet();
            } else if (choice < 70) {
                final int at = random.nextInt(live.size());
                final StressValue next = store.mutate(live.get(at), new Bump(0));
                check(next.count() == counts.get(at) + 1, "churned key: count " + next.count() + " after "
                        + counts.get(at));
                counts.set(at, next.count());
            } else {
                final int at = random.nextInt(live.size());
                final UUID key = live.get(at);
                final Entry<StressValue> last = store.remove(key).orElseThrow(
                        () -> new AssertionError("a churned key vanished before its removal"));
                check(last.value().count() == counts.get(at) && last.version() == counts.get(at) + 1,
                        "churned key removed at " + last + ", expected count " + counts.get(at));
                check(store.get(key).isEmpty() && !store.contains(key), "a removed key is still there");
                try {
                    store.mutate(key, new Bump(0));
                    throw new AssertionError("mutate of a removed key succeeded");
                } catch (KeyNotFoundException expected) {
                    // gone
                }
                live.set(at, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                counts.set(at, counts.get(counts.size() - 1));
                counts.remove(counts.size() - 1);
            }
        }
        for (int at = 0; at < live.size(); at++) {
            final Entry<StressValue> entry = store.get(live.get(at)).orElseThrow();
            check(entry.value().count() == counts.get(at) && entry.version() == counts.get(at) + 1,
                    "churned key at the end: " + entry + ", expected count " + counts.get(at));
        }
        return live.size();
    }

    /** The value a writer's mutation returned: whole, by this writer, and built on the latest value. */
    private static void checkOwn(StressValue next, int writer, long acceptedSoFar, int k) {
        check(next.writer() == writer, "key " + k + ": mutate returned a value last written by " + next.writer()
                + ", not by the caller " + writer);
        check(next.isConsistent(), "key " + k + ": mutate returned an inconsistent value " + next);
        check(next.perWriter(writer) == acceptedSoFar, "key " + k + ": writer " + writer + " has had " + acceptedSoFar
                + " bumps accepted, but the value it got back counts " + next.perWriter(writer)
                + ": a mutation was applied to a stale value, or a write was lost or doubled");
    }

    /** Checks every key of every snapshot until the run ends; returns how many snapshots it checked. */
    private static long fastReader(LiveStore<StressValue, Object> store, UUID[] keys, Run run, SplittableRandom random) {
        long checked = 0;
        final long[] lastVersion = new long[keys.length];
        final long[][] lastPerWriter = new long[keys.length][WRITERS];
        final StressView view = new StressView();
        try (StoreReader<StressValue> reader = store.reader()) {
            while (run.writing()) {
                final Snapshot<StressValue> snapshot = reader.current();
                checkSnapshot(snapshot, view, keys, lastVersion, lastPerWriter);
                checked++;
                final int choice = random.nextInt(100);
                if (choice < 5) {
                    reader.quiescent();
                } else if (choice < 10) {
                    // Hold a while: the held snapshot must not change under us.
                    final long[] versions = versions(snapshot, keys);
                    spin(random.nextInt(20_000));
                    check(java.util.Arrays.equals(versions, versions(snapshot, keys)), "a held snapshot changed");
                } else if (choice < 12) {
                    Thread.yield();
                } else if (choice == 99) {
                    checkEveryEntry(snapshot, view);
                }
            }
            awaitFinalState(store, reader, view, keys, lastVersion, lastPerWriter);
        }
        return checked;
    }

    /** How often the slow reader held, and how often a write went past its held snapshot. */
    private static final class SlowReaderStats {
        final AtomicLong holds = new AtomicLong();
        final AtomicLong heldBack = new AtomicLong();
        final CountDownLatch firstHold = new CountDownLatch(1);
    }

    /**
     * Holds a snapshot for long stretches while writers go on: the snapshot must not change, and
     * {@code get} (linearizable) must see the writes it holds back from publication.
     */
    private static void slowReader(LiveStore<StressValue, Object> store, UUID[] keys, Run run, SlowReaderStats stats)
            throws InterruptedException {
        final long[] lastVersion = new long[keys.length];
        final long[][] lastPerWriter = new long[keys.length][WRITERS];
        final StressView view = new StressView();
        try (StoreReader<StressValue> reader = store.reader()) {
            while (run.writing()) {
                final Snapshot<StressValue> snapshot = reader.current();
                checkSnapshot(snapshot, view, keys, lastVersion, lastPerWriter);
                final long[] held = versions(snapshot, keys);
                stats.holds.incrementAndGet();
                stats.firstHold.countDown();
                final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(40);
                boolean sawNewer = false;
                do {
                    Thread.sleep(2);
                    for (int k = 0; k < keys.length; k++) {
                        final long latest = store.get(keys[k]).orElseThrow().version();
                        check(latest >= held[k], "get() returned version " + latest + " of key " + k
                                + ", older than the snapshot this reader holds (" + held[k] + ")");
                        sawNewer |= latest > held[k];
                    }
                    check(java.util.Arrays.equals(held, versions(snapshot, keys)),
                            "a snapshot held for long changed while publication was held back");
                } while (System.nanoTime() < until && run.writing());
                if (sawNewer) {
                    stats.heldBack.incrementAndGet();
                }
                reader.quiescent();
                Thread.sleep(5);
            }
            awaitFinalState(store, reader, view, keys, lastVersion, lastPerWriter);
        }
    }

    /** Scans the whole snapshot (the churner's keys too): every entry whole and consistent, as many as size(). */
    private static void checkEveryEntry(Snapshot<StressValue> snapshot, StressView view) {
        final long[] seen = new long[1];
        snapshot.forEach(view, v -> {
            final long version = v.version();
            final long count = v.count();
            check(version == count + 1 && StressValue.isConsistent(count, v.sum()), "scan: version " + version
                    + ", count " + count + ", sum " + Long.toHexString(v.sum()));
            seen[0]++;
        });
        check(seen[0] == snapshot.size(), "scan saw " + seen[0] + " entries, size() is " + snapshot.size());
    }

    /** The invariants of one snapshot, and that it is not older than the previous one of the same reader. */
    private static void checkSnapshot(Snapshot<StressValue> snapshot, StressView view, UUID[] keys, long[] lastVersion,
            long[][] lastPerWriter) {
        check(snapshot.size() >= keys.length, "snapshot size " + snapshot.size() + ", expected at least "
                + keys.length);
        for (int k = 0; k < keys.length; k++) {
            check(snapshot.find(keys[k], view), "key " + k + " missing from a snapshot");
            final long version = view.version();
            final long count = view.count();
            final long sum = view.sum();
            final int writer = view.writer();
            check(StressValue.isConsistent(count, sum), "key " + k + ": torn value, count " + count + " but sum "
                    + Long.toHexString(sum));
            check(version == count + 1, "key " + k + ": version " + version + " but count " + count);
            check(writer >= 0 && writer < WRITERS, "key " + k + ": writer " + writer);
            check(snapshot.version(keys[k]) == version, "key " + k + ": version() and the view disagree");
            check(version >= lastVersion[k], "key " + k + ": version went back from " + lastVersion[k] + " to " + version
                    + " between two snapshots of one reader");
            lastVersion[k] = version;
            for (int w = 0; w < WRITERS; w++) {
                final long own = StressValue.perWriter(sum, w);
                check(own >= lastPerWriter[k][w], "key " + k + ": writer " + w + "'s bumps went back from "
                        + lastPerWriter[k][w] + " to " + own);
                lastPerWriter[k][w] = own;
            }
        }
    }

    /**
     * After the writers stopped: {@code current()} must reach exactly the final state (the store's
     * maintenance publishes what was held back once no reader holds the old copy), checked key by
     * key against {@code get}.
     */
    private static void awaitFinalState(LiveStore<StressValue, Object> store, StoreReader<StressValue> reader,
            StressView view, UUID[] keys, long[] lastVersion, long[][] lastPerWriter) {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            final Snapshot<StressValue> snapshot = reader.current();
            checkSnapshot(snapshot, view, keys, lastVersion, lastPerWriter);
            boolean all = true;
            for (int k = 0; k < keys.length && all; k++) {
                final Entry<StressValue> latest = store.get(keys[k]).orElseThrow();
                all = snapshot.find(keys[k], view) && view.version() == latest.version()
                        && view.sum() == latest.value().sum() && view.writer() == latest.value().writer();
            }
            if (all) {
                return;
            }
            check(System.nanoTime() < deadline, "20 s after the writers stopped, current() still did not show the"
                    + " final state");
            reader.quiescent();
            LockSupport.parkNanos(200_000);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Watchers
    // ------------------------------------------------------------------------------------------

    /**
     * Watches every key (one subscription each, from {@code fetchAndWatch}) until the writers
     * stopped and it has seen each key's final version. With {@code sessions} non-null, also
     * checks that each guard session's bumps are contiguous in the key's update order.
     */
    private static void watcher(LiveStore<StressValue, Object> store, UUID[] keys, Run run, AtomicLong checked,
            AtomicLong lagged, long[] foreignInSession) throws InterruptedException {
        final List<WatchedEntry<StressValue, Object>> watched = new ArrayList<>();
        try {
            final KeyWatch[] state = new KeyWatch[keys.length];
            for (int k = 0; k < keys.length; k++) {
                final WatchedEntry<StressValue, Object> w = store.fetchAndWatch(keys[k]);
                watched.add(w);
                state[k] = new KeyWatch(k, w.entry().version());
            }
            long finalDeadline = 0;
            long[] finals = null;
            while (true) {
                boolean any = false;
                for (int k = 0; k < keys.length; k++) {
                    Update<StressValue, Object> update;
                    while ((update = watched.get(k).subscription().tryNext()) != null) {
                        any = true;
                        state[k].accept(update, lagged, foreignInSession);
                        checked.incrementAndGet();
                    }
                }
                if (!run.writing()) {
                    if (finals == null) {
                        finals = new long[keys.length];
                        for (int k = 0; k < keys.length; k++) {
                            finals[k] = store.get(keys[k]).orElseThrow().version();
                        }
                        finalDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    }
                    boolean done = true;
                    for (int k = 0; k < keys.length; k++) {
                        check(state[k].version <= finals[k], "key " + k + ": watched version " + state[k].version
                                + " is past the final " + finals[k]);
                        done &= state[k].version == finals[k];
                    }
                    if (done) {
                        return;
                    }
                    check(System.nanoTime() < finalDeadline, "20 s after the writers stopped, a watcher had not"
                            + " reached the final versions");
                }
                if (!any) {
                    LockSupport.parkNanos(50_000);
                }
            }
        } finally {
            watched.forEach(WatchedEntry::close);
        }
    }

    /** One watched key: the last version seen, and the guard sessions seen and ended. */
    private static final class KeyWatch {
        final int k;
        long version;
        long missed;
        long openSession;
        final Set<Long> endedSessions = new HashSet<>();

        KeyWatch(int k, long version) {
            this.k = k;
            this.version = version;
        }

        void accept(Update<StressValue, Object> update, AtomicLong lagged, long[] foreignInSession) {
            if (update instanceof Update.Lagged<StressValue, Object> lag) {
                check(lag.missed() >= 1, "key " + k + ": Lagged with missed " + lag.missed());
                missed += lag.missed();
                lagged.incrementAndGet();
                // The sessions of the missed updates are unknown: judge contiguity afresh.
                openSession = 0;
                endedSessions.clear();
                return;
            }
            check(update instanceof Update.Mutated, "key " + k + ": unexpected update " + update);
            final Update.Mutated<StressValue, Object> m = (Update.Mutated<StressValue, Object>) update;
            check(m.version() == version + missed + 1, "key " + k + ": version " + m.version() + " after " + version
                    + (missed > 0 ? " and " + missed + " missed" : "") + ": a gap no Lagged accounts for, or a repeat");
            version = m.version();
            missed = 0;
            check(m.key().equals(m.previous().key()), "key " + k + ": previous entry of another key");
            check(m.previous().version() == m.version() - 1, "key " + k + ": previous version "
                    + m.previous().version() + " for " + m.version());
            final StressValue before = m.previous().value();
            final StressValue after = m.value();
            check(after.count() == m.version() - 1 && before.count() == after.count() - 1,
                    "key " + k + ": counts " + before.count() + " -> " + after.count() + " at version " + m.version());
            check(before.isConsistent() && after.isConsistent(), "key " + k + ": inconsistent value in an update");
            check(m.mutation() instanceof Bump, "key " + k + ": mutation " + m.mutation());
            final Bump bump = (Bump) m.mutation();
            check(bump.fail() == Bump.ACCEPT, "key " + k + ": a rejected bump was published");
            check(after.writer() == bump.writer(), "key " + k + ": value by " + after.writer() + ", bump by "
                    + bump.writer());
            check(after.perWriter(bump.writer()) == before.perWriter(bump.writer()) + 1,
                    "key " + k + ": the bump did not add exactly one to its writer's counter");
            if (foreignInSession != null) {
                final long session = bump.session();
                if (session != openSession) {
                    if (openSession != 0) {
                        endedSessions.add(openSession);
                    }
                    if (session != 0 && endedSessions.contains(session)) {
                        foreignInSession[0]++;
                        throw new AssertionError("key " + k + ": guard session " + Long.toHexString(session)
                                + " wrote again at version " + m.version() + " after another write: a foreign write"
                                + " got between a guard's mutations");
                    }
                    openSession = session;
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Entry guards against plain writers
    // ------------------------------------------------------------------------------------------

    @Test
    @Timeout(240)
    void guardedMutations_amidPlainWrites_areContiguousAndExclusive() throws Exception {
        final int keyCount = 3; // few keys: guards and plain writers meet often
        final int sessionsPerGuardThread = 8_000 * SCALE;
        final int plainOps = 40_000 * SCALE;
        assertTrue(5L * sessionsPerGuardThread / keyCount * 3 / 2 < (1 << StressValue.BITS), "scale too large: a"
                + " writer's counter of a key could overflow its " + StressValue.BITS + " bits");
        try (LiveStore<StressValue, Object> store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("stress-guards")
                .watchBuffer(1 << 14) // large: the contiguity check needs the whole stream
                .publishInterval(Duration.ofMillis(1))
                .slowReaderThreshold(Duration.ofMinutes(1))
                .build()) {
            final UUID[] keys = createKeys(store, keyCount);
            final Run run = new Run();
            final long[][] accepted = new long[WRITERS][keyCount];
            final AtomicLong rejected = new AtomicLong();
            final AtomicLong guardedWrites = new AtomicLong();
            final AtomicLong timedOut = new AtomicLong();

            // Writer 0 writes plainly (sync and async, so some plain writes queue behind guards);
            // writers 1 and 2 write only through guards.
            run.writer("plain-writer-0", () -> plainWriter(store, keys, 0, plainOps, new SplittableRandom(SEED * 7),
                    accepted[0], rejected));
            for (int w = 1; w < WRITERS; w++) {
                final int writer = w;
                run.writer("guard-writer-" + w, () -> guardWriter(store, keys, writer, sessionsPerGuardThread,
                        new SplittableRandom(SEED * 13 + writer), accepted[writer], guardedWrites, timedOut));
            }
            final AtomicLong snapshotsChecked = new AtomicLong();
            run.reader("reader", () -> snapshotsChecked.addAndGet(
                    fastReader(store, keys, run, new SplittableRandom(SEED * 5))));
            final AtomicLong updatesChecked = new AtomicLong();
            final AtomicLong lagged = new AtomicLong();
            final long[] foreign = new long[1];
            run.reader("session-watcher", () -> watcher(store, keys, run, updatesChecked, lagged, foreign));

            run.go();

            for (int k = 0; k < keyCount; k++) {
                final Entry<StressValue> entry = store.get(keys[k]).orElseThrow();
                long expectedCount = 0;
                for (int w = 0; w < WRITERS; w++) {
                    assertEquals(accepted[w][k], entry.value().perWriter(w), seeded("key " + k + ": bumps of writer " + w));
                    expectedCount += accepted[w][k];
                }
                assertEquals(expectedCount, entry.value().count(), seeded("key " + k + ": count"));
                assertEquals(expectedCount + 1, entry.version(), seeded("key " + k + ": version"));
            }
            assertEquals(List.of(), store.heldKeys(), "every guard was closed");
            assertEquals(0, foreign[0]);
            assertTrue(guardedWrites.get() > 100, "guarded writes: " + guardedWrites);
            assertTrue(updatesChecked.get() > 100, "updates checked: " + updatesChecked);
            System.out.printf("LiveStoreStressTest (guards): %d guarded writes, %d tryAcquire time-outs, %d updates"
                    + " watched (%d lagged), %d snapshots%n", guardedWrites.get(), timedOut.get(), updatesChecked.get(),
                    lagged.get(), snapshotsChecked.get());
        }
    }

    /**
     * Guard sessions: acquire a key, bump it 2 to 5 times through the guard (some bumps rejected),
     * close. No foreign write may fall inside a session: each accepted bump's count is the
     * previous one plus one, and the entry's version at the end is the first one plus the
     * session's accepted bumps.
     */
    private static void guardWriter(LiveStore<StressValue, Object> store, UUID[] keys, int writer, int sessions,
            SplittableRandom random, long[] accepted, AtomicLong guardedWrites, AtomicLong timedOut) throws Exception {
        for (int s = 1; s <= sessions; s++) {
            final int k = random.nextInt(keys.length);
            final long session = ((long) writer << 32) | s;
            final EntryGuard<StressValue, Object> guard;
            if (random.nextInt(4) == 0) {
                final Optional<EntryGuard<StressValue, Object>> maybe = store.tryAcquire(keys[k], Duration.ofMillis(1));
                if (maybe.isEmpty()) {
                    timedOut.incrementAndGet();
                    continue;
                }
                guard = maybe.get();
            } else {
                guard = store.acquire(keys[k]);
            }
            try (guard) {
                final Entry<StressValue> start = guard.get();
                long count = start.value().count();
                check(start.version() == count + 1, "guard: version " + start.version() + " count " + count);
                final int bumps = 2 + random.nextInt(4);
                int done = 0;
                for (int b = 0; b < bumps; b++) {
                    if (random.nextInt(10) == 0) {
                        try {
                            guard.mutate(new Bump(writer, session, Bump.REJECT));
                            throw new AssertionError("a rejecting bump was accepted through a guard");
                        } catch (Rejected expected) {
                            continue;
                        }
                    }
                    final StressValue next = guard.mutate(new Bump(writer, session, Bump.ACCEPT));
                    accepted[k]++;
                    done++;
                    check(next.count() == count + 1, "key " + k + ": guard session " + Long.toHexString(session)
                            + " bumped count " + count + " but got " + next.count()
                            + ": a foreign write got in while the guard was held");
                    count = next.count();
                    checkOwn(next, writer, accepted[k], k);
                    if (random.nextInt(8) == 0) {
                        Thread.yield(); // let plain writers pile up behind the guard
                    }
                }
                final Entry<StressValue> end = guard.get();
                check(end.version() == start.version() + done, "key " + k + ": version " + start.version() + " -> "
                        + end.version() + " over " + done + " guarded bumps");
                guardedWrites.addAndGet(done);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Plumbing
    // ------------------------------------------------------------------------------------------

    static UUID[] createKeys(LiveStore<StressValue, Object> store, int count) {
        final UUID[] keys = new UUID[count];
        for (int k = 0; k < count; k++) {
            keys[k] = store.init(StressValue.ZERO);
        }
        return keys;
    }

    private static long[] versions(Snapshot<StressValue> snapshot, UUID[] keys) {
        final long[] versions = new long[keys.length];
        for (int k = 0; k < keys.length; k++) {
            versions[k] = snapshot.version(keys[k]);
        }
        return versions;
    }

    private static void spin(int iterations) {
        for (int i = 0; i < iterations; i++) {
            Thread.onSpinWait();
        }
    }

    /** Fails a test thread; {@link Run#go()} adds the seed when it reports the failure. */
    static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    static String seeded(String message) {
        return message + " [seed " + SEED + ", scale " + SCALE + "]";
    }

    /** A body of a test thread. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /**
     * Writer and reader threads that start together; readers run until every writer is done.
     * Failures of any thread are collected and rethrown by {@link #go()}, with the seed.
     */
    static final class Run {
        private final List<Thread> writers = new ArrayList<>();
        private final List<Thread> readers = new ArrayList<>();
        private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private final CountDownLatch start = new CountDownLatch(1);
        private final AtomicBoolean writing = new AtomicBoolean(true);

        boolean writing() {
            return writing.get() && failures.isEmpty();
        }

        void writer(String name, Body body) {
            writers.add(thread(name, body));
        }

        void reader(String name, Body body) {
            readers.add(thread(name, body));
        }

        private Thread thread(String name, Body body) {
            final Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, name);
            thread.setDaemon(true);
            return thread;
        }

        void go() throws InterruptedException {
            writers.forEach(Thread::start);
            readers.forEach(Thread::start);
            start.countDown();
            for (Thread t : writers) {
                t.join();
            }
            writing.set(false);
            for (Thread t : readers) {
                t.join(TimeUnit.SECONDS.toMillis(60));
                if (t.isAlive()) {
                    failures.add(new AssertionError(t.getName() + " did not finish within 60 s of the writers"));
                }
            }
            if (!failures.isEmpty()) {
                final AssertionError error = new AssertionError(seeded(failures.size() + " thread(s) failed; first: "
                        + failures.peek()), failures.peek());
                failures.stream().skip(1).forEach(error::addSuppressed);
                throw error;
            }
        }
    }
}
