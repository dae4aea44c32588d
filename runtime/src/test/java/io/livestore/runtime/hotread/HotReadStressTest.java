package io.livestore.runtime.hotread;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writers, long-lived readers and short-lived reader threads on one HotRead for a fixed wall-clock
 * budget, checked against properties that a writer touching a copy a reader holds would break.
 *
 * <p><b>What would fail it.</b> The central property is the one a writer that never scans the
 * reader slots (or scans them wrongly) breaks: <em>a copy does not change while a handle holds
 * it</em>. Every {@link Ledger} carries a seqlock-like {@code version} that {@code apply} makes odd
 * while it runs and even when it is done. A reader reads the version, the whole copy, and the
 * version again (they must be equal and even: nobody wrote while it read); it also holds some
 * copies across a pause (spin, yield, park or sleep, long enough for writers to publish several
 * generations) and then reads them again: version, count, chain and sum must be exactly what it
 * read before. Around that: a sum field must equal the sum of the cells (torn copy), a batch
 * opens and closes a bracket that must never be seen open (half-published batch), per-writer
 * sequence numbers must advance by one in each copy (action applied twice, late or out of order),
 * what one reader thread sees never goes backwards (count and each writer's last step), and an
 * oracle, filled by whichever copy applies an action first, gives the chain hash every copy must
 * have after the same number of actions (same actions, same order). At the end, both copies must
 * equal what the writers queued, exactly.
 *
 * <p><b>What it exercises.</b> Two writers ({@code queueUpdate}, batches, {@code maintain}),
 * three readers that churn their handles ({@code quiescent}, close and reopen), and a spawner
 * that keeps starting reader threads that end without closing their handle: the writer's scan
 * must release such a slot (its thread ended) and never one whose thread still reads. Half the
 * time the spawner hands the handle of the thread that just ended to the next thread (start/join
 * give the happens-before edge the handle's javadoc asks for), which then reads through it. At
 * the end the handles of ended threads are still open and must not block the writer.
 *
 * <p>The hand-over found a bug (fixed since: the fast path now serves only the thread that
 * announced): a handed-over handle whose first {@code current()} took the fast path still named
 * the ended thread in its slot, so the writer released the slot and rewrote the copy the new
 * thread read. {@link #handleHandedOverAfterItsThreadEnded_protectsTheNewThreadsCopy} is that
 * case made deterministic.
 *
 * <p><b>Budget.</b> {@value #DEFAULT_SECONDS} s of load by default (about two minutes for the class
 * with the JVM and the checks). {@code -Dlivestore.stress.seconds=N} sets the load time, and
 * {@code -Dlivestore.stress.factor=N} multiplies the default, for soak runs;
 * {@code -Dlivestore.stress.seed=N} changes the random choices (the seed is in every failure).
 * The test asserts behaviour only, never timing: a slow machine runs fewer operations.
 */
class HotReadStressTest {

    static final long DEFAULT_SECONDS = 100;
    private static final long SECONDS = Long.getLong("livestore.stress.seconds",
            DEFAULT_SECONDS * Integer.getInteger("livestore.stress.factor", 1));
    private static final long SEED = Long.getLong("livestore.stress.seed", 15);

    private static final int WRITERS = 2;
    /** Unpublished actions past which a writer helps the catch-up instead of queueing more. */
    private static final long MAX_BACKLOG = 1 << 20;
    private static final int READERS = 3;
    /** Handles of ended spawned threads kept open at once; older ones are closed by the spawner. */
    private static final int LEFT_OPEN = 32;

    @Test
    // No @Timeout: the budget is a property; joinBy() fails the test if a thread outlives it.
    void heldCopiesNeverChange_readsAreWholeAndInOrder_andBothCopiesEndEqualToTheOracle() throws Exception {
        runWritersAndReaders(Integer.MAX_VALUE, SECONDS * 3 / 5);
    }

    /**
     * The same with a catch-up limit of 8 actions per call: a write or {@code maintain} applies
     * at most one batch more than that, so after a long hold copies catch up over many calls and
     * readers see the prefixes published on the way; what a held copy, a reader's order and the
     * brackets of a batch must satisfy does not change. (These writers queue millions of actions
     * a second while readers often hold a copy: every call blocked by a reader adds to the backlog
     * and only unblocked calls drain it, a step each, so the writers hold back past
     * {@link #MAX_BACKLOG}; without that a JDK 25 run ran out of heap.)
     */
    @Test
    void withACatchUpLimit_theSamePropertiesHold() throws Exception {
        runWritersAndReaders(8, SECONDS * 2 / 5);
    }

    private static void runWritersAndReaders(int catchUpLimit, long seconds) throws Exception {
        Oracle oracle = new Oracle();
        HotRead<Ledger, Step> hot = HotRead.create(new Ledger(WRITERS, oracle), catchUpLimit);
        Run run = new Run(hot, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        long[] stepsQueued = new long[WRITERS];
        long[] deltaSums = new long[WRITERS];
        Deque<HotReadHandle<Ledger>> leftOpen = new ArrayDeque<>();
        CountDownLatch start = new CountDownLatch(1);

        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(run.thread("writer-" + w, start, () -> {
                long[] totals = write(run, writer, new SplittableRandom(SEED * 1000 + writer));
                stepsQueued[writer] = totals[0];
                deltaSums[writer] = totals[1];
            }));
        }
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            readers.add(run.thread("reader-" + r, start,
                    () -> readWithLongLivedHandles(run, new SplittableRandom(SEED * 1000 + 100 + reader))));
        }
        readers.add(run.thread("spawner", start,
                () -> spawnReadersThatEnd(run, new SplittableRandom(SEED * 1000 + 200), leftOpen)));
        writers.forEach(Thread::start);
        readers.forEach(Thread::start);
        start.countDown();
        for (Thread t : writers) {
            run.joinBy(t);
        }
        run.writing.set(false);
        for (Thread t : readers) {
            run.joinBy(t);
        }
        run.throwIfFailed();

        assertTrue(run.reads.get() > 0 && run.holds.get() > 0, "readers read and held copies");
        assertTrue(run.spawned.get() > 0, "reader threads were spawned and ended");

        // The handles in leftOpen belong to threads that ended while holding a copy: they must not
        // keep the writer from publishing everything and bringing the other copy up to date.
        assertEquals(leftOpen.size(), hot.openHandles(), "only the handles of ended threads are open");
        // With a catch-up limit the backlog drains over many calls: every two calls (one per
        // copy) must shrink it.
        MaintainResult twoCallsAgo = null;
        MaintainResult previous = null;
        MaintainResult last = hot.maintain();
        while (!last.caughtUp()) {
            assertEquals(0, last.blockingHandles(), "handles of ended threads blocked the writer: " + last);
            assertTrue(twoCallsAgo == null || last.backlogActions() < twoCallsAgo.backlogActions(),
                    "no progress in two calls: " + twoCallsAgo + " then " + last);
            twoCallsAgo = previous;
            previous = last;
            last = hot.maintain();
        }
        assertEquals(0, last.pendingActions(), "handles of ended threads blocked the writer: " + last);
        leftOpen.forEach(HotReadHandle::close); // from this thread: allowed, their threads ended
        assertEquals(0, hot.openHandles());

        long totalSteps = Arrays.stream(stepsQueued).sum();
        long totalDelta = Arrays.stream(deltaSums).sum();
        Ledger zero = hot.copyOf(0);
        Ledger one = hot.copyOf(1);
        for (Ledger copy : List.of(zero, one)) {
            assertEquals(0, copy.violations, "steps applied twice, late, out of order, or against the oracle");
            assertEquals(totalSteps, copy.count, "every queued step reached each copy once");
            assertEquals(2 * totalSteps, copy.version, "apply ran once per step on each copy");
            assertEquals(totalDelta, copy.sum);
            assertEquals(totalDelta, Arrays.stream(copy.cells).sum());
            assertEquals(0, copy.openBrackets);
            for (int w = 0; w < WRITERS; w++) {
                assertEquals(stepsQueued[w] - 1, copy.lastSeq[w], "last step of writer " + w);
            }
        }
        assertEquals(zero.chain, one.chain, "both copies applied the same steps in the same order");
        assertArrayEquals(zero.cells, one.cells);
        hot.close();
        System.out.printf("HotReadStressTest (catch-up limit %d): %d s, seed %d: %,d steps, %,d generations, %,d reads checked, "
                        + "%,d copies held across a pause, %,d reader threads ended holding a copy%n",
                catchUpLimit, seconds, SEED, totalSteps, hot.generation(), run.reads.get(), run.holds.get(), run.spawned.get());
    }

    /**
     * The hand-over bug that the stress run above found, made deterministic: a handle whose thread
     * ended holding generation g is handed (with a happens-before edge: start/join) to a new thread,
     * whose {@code current()} returns g on the fast path because nothing was published meanwhile.
     * The new thread holds that copy; two publications later the writer must still leave it alone.
     */
    @Test
    @Timeout(60)
    void handleHandedOverAfterItsThreadEnded_protectsTheNewThreadsCopy() throws Exception {
        HotRead<Ledger, Step> hot = HotRead.create(new Ledger(WRITERS, new Oracle()));
        HotReadHandle<Ledger> handle = hot.createHandle();
        Thread first = new Thread(handle::current, "first-reader");
        first.start();
        first.join(); // ends holding generation 0, without quiescent() or close()

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        long[] before = new long[1];
        long[] after = new long[1];
        Thread second = new Thread(() -> {
            Ledger copy = handle.current(); // the handle was handed over: this thread reads now
            before[0] = copy.version;
            holding.countDown();
            try {
                written.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            after[0] = copy.version;
        }, "second-reader");
        second.start();
        holding.await();
        // Two steps, each published at once if the writer may: the second one would go to the
        // copy the second reader holds.
        hot.queueUpdate(new Step(0, 0, 1, Step.PLAIN));
        hot.queueUpdate(new Step(0, 1, 1, Step.PLAIN));
        written.countDown();
        second.join();
        assertEquals(before[0], after[0], "the copy the second reader held was rewritten under it");
        handle.close();
        hot.close();
    }

    // ------------------------------------------------------------------ the threads

    /**
     * Queues numbered steps until the deadline, some alone and some as bracketed batches, with
     * an occasional {@code maintain()}; returns {steps queued, sum of deltas}.
     */
    private static long[] write(Run run, int writer, SplittableRandom random) {
        long seq = 0;
        long deltaSum = 0;
        List<Step> batch = new ArrayList<>(3);
        while (!run.stopWriting()) {
            int choice = random.nextInt(100);
            long delta = random.nextLong(-1000, 1000);
            if (choice < 10) {
                // Readers must never see OPEN without its CLOSE: a batch is published whole.
                batch.clear();
                batch.add(new Step(writer, seq++, 0, Step.OPEN));
                batch.add(new Step(writer, seq++, delta, Step.PLAIN));
                batch.add(new Step(writer, seq++, 0, Step.CLOSE));
                run.hot.queueUpdates(batch);
            } else {
                run.hot.queueUpdate(new Step(writer, seq++, delta, Step.PLAIN));
            }
            deltaSum += delta;
            if (choice >= 97) {
                run.hot.maintain();
            } else if (choice == 50) {
                Thread.yield();
            }
            // Backpressure, as a real writer needs it: these writers queue millions of actions a
            // second, readers often hold a copy, and with a catch-up limit only unblocked calls
            // drain the backlog, a step each; unchecked, the queue outgrew a 2 GiB heap.
            if ((seq & 1023) < 3) {
                while (run.hot.pendingActions() > MAX_BACKLOG && !run.stopWriting()) {
                    run.hot.maintain();
                    Thread.yield();
                }
            }
        }
        return new long[] {seq, deltaSum};
    }

    /** A reader thread with one handle at a time: reads, holds some copies across pauses, churns handles. */
    private static void readWithLongLivedHandles(Run run, SplittableRandom random) {
        ReaderView view = new ReaderView(run);
        HotReadHandle<Ledger> handle = run.hot.createHandle();
        try {
            while (run.keepReading()) {
                int choice = random.nextInt(1000);
                if (choice < 10) {
                    handle.quiescent();
                } else if (choice < 15) {
                    handle.close();
                    handle = run.hot.createHandle();
                } else {
                    readAndMaybeHold(run, view, handle.current(), choice < 25, random);
                }
            }
        } finally {
            handle.close();
        }
    }

    /**
     * Starts reader threads one after another; each opens a handle, reads and holds a few copies,
     * and ends still holding its last copy, without {@code quiescent()} or {@code close()}. The
     * handles stay reachable (so the garbage collector plays no part): the writer must release
     * their slots because their threads ended, and must never release the slot of a thread that
     * still reads. The oldest are closed from here (allowed once their thread ended).
     */
    private static void spawnReadersThatEnd(Run run, SplittableRandom random, Deque<HotReadHandle<Ledger>> leftOpen)
            throws InterruptedException {
        while (run.keepReading()) {
            // Half the time, hand the handle of the thread that just ended to the next thread.
            HotReadHandle<Ledger> handle = !leftOpen.isEmpty() && random.nextBoolean()
                    ? leftOpen.removeLast() : run.hot.createHandle();
            int reads = random.nextInt(1, 20);
            SplittableRandom threadRandom = random.split();
            Thread reader = new Thread(() -> {
                try {
                    ReaderView view = new ReaderView(run);
                    for (int i = 0; i < reads; i++) {
                        readAndMaybeHold(run, view, handle.current(), threadRandom.nextInt(4) == 0, threadRandom);
                    }
                } catch (Throwable t) {
                    run.fail(t);
                }
            }, "spawned-reader-" + run.spawned.get());
            reader.start();
            reader.join();
            run.spawned.incrementAndGet();
            leftOpen.addLast(handle);
            if (leftOpen.size() > LEFT_OPEN) {
                leftOpen.removeFirst().close();
            }
        }
    }

    /**
     * Checks a copy just returned by {@code current()}; if {@code hold}, pauses while holding it
     * and checks that it is exactly as it was.
     */
    private static void readAndMaybeHold(Run run, ReaderView view, Ledger copy, boolean hold, SplittableRandom random) {
        view.checkWhole(copy);
        run.reads.incrementAndGet();
        if (!hold) {
            return;
        }
        long version = view.version;
        long count = view.count;
        long chain = view.chain;
        long sum = view.sum;
        // Long enough for the writers to publish several generations: a writer that ignores this
        // handle's slot would rewrite the copy meanwhile.
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int spin = random.nextInt(5000); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
            }
            case 1 -> Thread.yield();
            case 2 -> LockSupport.parkNanos(random.nextLong(1_000, 200_000));
            default -> sleepOneMillisecond();
        }
        view.checkWhole(copy);
        run.check(view.version == version && view.count == count && view.chain == chain && view.sum == sum,
                () -> "a copy changed while a handle held it: version " + version + " -> " + view.version
                        + ", count " + count + " -> " + view.count + ", chain " + chain + " -> " + view.chain);
        run.holds.incrementAndGet();
    }

    private static void sleepOneMillisecond() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ checks

    /** What one reader thread has seen so far, and the fields of its last read. */
    static final class ReaderView {
        private final Run run;
        private final long[] lastSeqSeen = new long[WRITERS];
        private long lastCount = -1;
        long version;
        long count;
        long chain;
        long sum;

        ReaderView(Run run) {
            this.run = run;
            Arrays.fill(lastSeqSeen, -1);
        }

        /**
         * Reads the whole copy between two reads of its version, seqlock style, and checks it: not
         * written meanwhile, sum equal to the cells, no open batch, no misapplied step, agrees with
         * the oracle, and not older than what this thread saw before.
         */
        void checkWhole(Ledger copy) {
            long versionBefore = copy.version;
            // Keeps the loads below after the first version load and before the second, as a
            // seqlock reader must (and stops the JIT from merging the two version loads).
            VarHandle.loadLoadFence();
            long countNow = copy.count;
            long chainNow = copy.chain;
            long sumNow = copy.sum;
            long cellSum = sumOf(copy.cells);
            long open = copy.openBrackets;
            long violations = copy.violations;
            long seq0 = copy.lastSeq[0];
            long seq1 = copy.lastSeq[1];
            VarHandle.loadLoadFence();
            long versionAfter = copy.version;
            run.check((versionBefore & 1) == 0, () -> "read a copy while apply ran on it (version " + versionBefore + ")");
            run.check(versionBefore == versionAfter,
                    () -> "a copy changed while it was read: version " + versionBefore + " -> " + versionAfter);
            run.check(cellSum == sumNow, () -> "torn copy: cells sum to " + cellSum + " but sum is " + sumNow);
            run.check(open == 0, () -> "saw a batch half applied (" + open + " open)");
            run.check(violations == 0, () -> "a copy applied a step twice, late, out of order or against the oracle");
            run.check(countNow >= lastCount, () -> "went backwards: count " + countNow + " after " + lastCount);
            run.check(seq0 >= lastSeqSeen[0] && seq1 >= lastSeqSeen[1],
                    () -> "went backwards: last steps " + seq0 + "," + seq1 + " after " + Arrays.toString(lastSeqSeen));
            run.check(run.oracle.agrees(countNow, chainNow),
                    () -> "after " + countNow + " steps the chain is " + chainNow + ", the oracle says otherwise");
            lastCount = countNow;
            lastSeqSeen[0] = seq0;
            lastSeqSeen[1] = seq1;
            version = versionBefore;
            count = countNow;
            chain = chainNow;
            sum = sumNow;
        }
    }

    private static long sumOf(long[] cells) {
        long sum = 0;
        for (long cell : cells) {
            sum += cell;
        }
        return sum;
    }

    /** The shared run: the HotRead, the deadline, counters and the first failure. */
    static final class Run {
        final HotRead<Ledger, Step> hot;
        final Oracle oracle;
        final long deadlineNanos;
        final AtomicBoolean writing = new AtomicBoolean(true);
        final AtomicLong reads = new AtomicLong();
        final AtomicLong holds = new AtomicLong();
        final AtomicLong spawned = new AtomicLong();
        private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        Run(HotRead<Ledger, Step> hot, long deadlineNanos) {
            this.hot = hot;
            this.oracle = hot.copyOf(0).oracle;
            this.deadlineNanos = deadlineNanos;
        }

        boolean stopWriting() {
            return !failures.isEmpty() || System.nanoTime() - deadlineNanos >= 0;
        }

        boolean keepReading() {
            return writing.get() && failures.isEmpty();
        }

        void check(boolean condition, java.util.function.Supplier<String> message) {
            if (!condition) {
                throw new AssertionError(message.get() + " [seed " + SEED + ", thread "
                        + Thread.currentThread().getName() + "]");
            }
        }

        void fail(Throwable t) {
            failures.add(t);
        }

        /** A thread that waits for {@code start}, runs {@code body}, and records what it throws. */
        Thread thread(String name, CountDownLatch start, ThrowingRunnable body) {
            return new Thread(() -> {
                try {
                    start.await();
                    body.run();
                } catch (Throwable t) {
                    fail(t);
                }
            }, name);
        }

        /**
         * Waits for {@code thread} until two minutes past the deadline, then fails with its stack:
         * a thread still running then is stuck (a writer or reader that hangs is a failure too).
         */
        void joinBy(Thread thread) throws InterruptedException {
            long waitNanos = deadlineNanos + TimeUnit.MINUTES.toNanos(2) - System.nanoTime();
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
            if (thread.isAlive()) {
                AssertionError stuck = new AssertionError(thread.getName() + " still runs two minutes after the "
                        + "deadline [seed " + SEED + "]");
                stuck.setStackTrace(thread.getStackTrace());
                throw stuck;
            }
        }

        void throwIfFailed() {
            if (!failures.isEmpty()) {
                AssertionError error = new AssertionError(failures.size() + " thread(s) failed [seed " + SEED
                        + "]; first: " + failures.peek(), failures.peek());
                failures.stream().skip(1).forEach(error::addSuppressed);
                throw error;
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * The chain hash after each number of steps, as the first copy to apply that many steps had
     * it; a ring, so only recent counts are known (copies lag each other far less than its size).
     * Written only inside {@code apply}, which runs under the HotRead's write lock; read by
     * readers, seqlock style, through atomic arrays.
     */
    static final class Oracle {
        private static final int SIZE = 1 << 20;
        private static final int MASK = SIZE - 1;
        private final AtomicLongArray counts = new AtomicLongArray(SIZE);
        private final AtomicLongArray chains = new AtomicLongArray(SIZE);

        /** Called by apply after step number {@code count}: records it, or returns whether it agrees. */
        boolean recordOrCompare(long count, long chain) {
            int i = (int) (count & MASK);
            long known = counts.get(i);
            if (known > count) {
                return true; // forgotten: the other copy is more than SIZE steps ahead
            }
            if (known == count) {
                return chains.get(i) == chain;
            }
            counts.set(i, -1); // a reader that sees -1 or a changed count skips the comparison
            chains.set(i, chain);
            counts.set(i, count);
            return true;
        }

        /** For readers: false only if the oracle knows {@code count} and its chain differs. */
        boolean agrees(long count, long chain) {
            int i = (int) (count & MASK);
            if (counts.get(i) != count) {
                return true;
            }
            long expected = chains.get(i);
            return counts.get(i) != count || expected == chain;
        }
    }

    /** An action: step {@code seq} of one writer. */
    record Step(int writer, long seq, long delta, int kind) {
        static final int PLAIN = 0;
        static final int OPEN = 1;
        static final int CLOSE = 2;
    }

    /** A small state whose invariants a torn, misapplied or concurrently written copy breaks. */
    static final class Ledger implements HotReadState<Step> {
        static final int CELLS = 16;
        /** Odd while apply runs on this copy; twice the number of steps applied otherwise. */
        long version;
        final long[] cells = new long[CELLS];
        /** The sum of the cells, written last. */
        long sum;
        long count;
        long chain;
        long openBrackets;
        long violations;
        final long[] lastSeq;
        final Oracle oracle;

        Ledger(int writers, Oracle oracle) {
            this.lastSeq = new long[writers];
            this.oracle = oracle;
            Arrays.fill(lastSeq, -1);
        }

        @Override
        public void apply(Step step) {
            version++;
            // Seqlock writer: the odd version is stored before the fields change, the even one
            // after (and the fences stop the JIT from merging the two increments).
            VarHandle.storeStoreFence();
            cells[(int) ((step.seq() * 7 + step.writer()) & (CELLS - 1))] += step.delta();
            chain = chain * 31 + step.writer() * 1_000_003L + step.seq();
            if (lastSeq[step.writer()] + 1 != step.seq()) {
                violations++;
            }
            lastSeq[step.writer()] = step.seq();
            if (step.kind() == Step.OPEN) {
                openBrackets++;
            } else if (step.kind() == Step.CLOSE) {
                openBrackets--;
            }
            count++;
            if (!oracle.recordOrCompare(count, chain)) {
                violations++;
            }
            sum += step.delta();
            VarHandle.storeStoreFence();
            version++;
        }

        @Override
        public Ledger copy() {
            Ledger l = new Ledger(lastSeq.length, oracle);
            l.version = version;
            System.arraycopy(cells, 0, l.cells, 0, CELLS);
            l.sum = sum;
            l.count = count;
            l.chain = chain;
            l.openBrackets = openBrackets;
            l.violations = violations;
            System.arraycopy(lastSeq, 0, l.lastSeq, 0, lastSeq.length);
            return l;
        }
    }
}
