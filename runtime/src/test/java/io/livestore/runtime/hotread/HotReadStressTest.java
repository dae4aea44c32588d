package io.livestore.runtime.hotread;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many writers and readers on one HotRead, with randomized pauses, handle churn, batches and
 * {@code maintain()} calls, checked against invariants that a torn, half-written, reordered or
 * doubly applied copy would break, and at the end against an oracle of what was queued.
 *
 * <p>Every {@link Step} moves {@code a} and {@code b} together, with work in between, so a reader
 * that reads a copy while it is written sees them differ. Each writer numbers its steps, so a copy
 * that gets a step twice, late or never records a violation. A batch opens and closes a bracket
 * that readers must never see open. Readers also re-read a held copy after a pause: it must not
 * have changed. Sized to run in seconds on two cores; raise {@code livestore.stress.factor} for a
 * soak run.
 */
class HotReadStressTest {

    private static final int FACTOR = Integer.getInteger("livestore.stress.factor", 1);
    private static final int WRITERS = 2;
    private static final int READERS = 4;
    private static final int STEPS_PER_WRITER = 60_000 * FACTOR;

    @Test
    @Timeout(300)
    void readersSeeOnlyWholeCopies_andBothCopiesEndEqualToOracle() throws Exception {
        HotRead<Pair, Step> hot = HotRead.create(new Pair(WRITERS));
        AtomicBoolean writing = new AtomicBoolean(true);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong readsChecked = new AtomicLong();
        AtomicLong blockedMaintains = new AtomicLong();
        long[] deltaSums = new long[WRITERS];
        CountDownLatch start = new CountDownLatch(1);

        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    deltaSums[writer] = write(hot, writer, new SplittableRandom(1000 + writer), blockedMaintains);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "writer-" + w));
        }
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int seed = r;
            readers.add(new Thread(() -> {
                try {
                    start.await();
                    readsChecked.addAndGet(read(hot, writing, new SplittableRandom(seed)));
                } catch (Throwable t) {
                    failures.add(t);
                }
            }, "reader-" + r));
        }
        threads.forEach(Thread::start);
        readers.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        writing.set(false);
        for (Thread t : readers) {
            t.join();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " thread(s) failed; first: " + failures.peek());
            failures.forEach(error::addSuppressed);
            throw error;
        }
        assertTrue(readsChecked.get() > 0);

        // Every reader closed its handles: publish what is queued, then bring the other copy up to date.
        assertEquals(0, hot.openHandles());
        hot.maintain();
        MaintainResult last = hot.maintain();
        assertEquals(0, last.pendingActions());
        long expectedSum = 0;
        for (long s : deltaSums) {
            expectedSum += s;
        }
        Pair zero = hot.copyOf(0);
        Pair one = hot.copyOf(1);
        for (Pair copy : List.of(zero, one)) {
            assertEquals(0, copy.violations, "steps applied twice, late or out of order");
            assertEquals((long) WRITERS * STEPS_PER_WRITER, copy.count);
            assertEquals(expectedSum, copy.a);
            assertEquals(expectedSum, copy.b);
            assertEquals(0, copy.openBrackets);
            for (int w = 0; w < WRITERS; w++) {
                assertEquals(STEPS_PER_WRITER - 1, copy.lastSeq[w]);
            }
        }
        assertEquals(zero.chain, one.chain, "both copies applied the same actions in the same order");
        assertArrayEquals(zero.lastSeq, one.lastSeq);
        hot.close();
    }

    /** Queues this writer's steps, some alone and some in bracketed batches; returns the sum of deltas. */
    private static long write(HotRead<Pair, Step> hot, int writer, SplittableRandom random, AtomicLong blocked) {
        long sum = 0;
        int seq = 0;
        while (seq < STEPS_PER_WRITER) {
            int choice = random.nextInt(100);
            if (choice < 10 && seq + 3 <= STEPS_PER_WRITER) {
                List<Step> batch = new ArrayList<>();
                batch.add(new Step(writer, seq++, 0, Step.OPEN));
                long delta = random.nextLong(-1000, 1000);
                batch.add(new Step(writer, seq++, delta, Step.PLAIN));
                batch.add(new Step(writer, seq++, 0, Step.CLOSE));
                sum += delta;
                hot.queueUpdates(batch);
            } else {
                long delta = random.nextLong(-1000, 1000);
                hot.queueUpdate(new Step(writer, seq++, delta, Step.PLAIN));
                sum += delta;
            }
            if (choice >= 97) {
                if (hot.maintain().blockedByWorkers()) {
                    blocked.incrementAndGet();
                }
            }
            if (choice == 50) {
                Thread.yield();
            }
        }
        return sum;
    }

    /** Reads and checks copies until the writers are done; returns how many reads it checked. */
    private static long read(HotRead<Pair, Step> hot, AtomicBoolean writing, SplittableRandom random) {
        long checked = 0;
        long lastCount = -1;
        HotReadHandle<Pair> handle = hot.createHandle();
        try {
            while (writing.get()) {
                int choice = random.nextInt(100);
                if (choice < 3) {
                    handle.quiescent();
                    continue;
                }
                if (choice < 5) {
                    handle.close();
                    handle = hot.createHandle();
                    continue;
                }
                Pair copy = handle.current();
                long a = copy.a;
                long count = copy.count;
                long b = copy.b;
                long open = copy.openBrackets;
                long violations = copy.violations;
                check(a == b, "a=" + a + " but b=" + b + ": read a copy while it was written");
                check(open == 0, "saw a batch half applied");
                check(violations == 0, "a copy applied a step twice, late or out of order");
                check(count >= lastCount, "generation went backwards: count " + count + " after " + lastCount);
                lastCount = count;
                if (choice < 15) {
                    // Hold the copy a while: the writer must leave it alone.
                    for (int spin = random.nextInt(2000); spin > 0; spin--) {
                        Thread.onSpinWait();
                    }
                    if (choice < 7) {
                        Thread.yield();
                    }
                    check(copy.a == a && copy.b == b && copy.count == count,
                            "a held copy changed: count " + count + " -> " + copy.count);
                }
                checked++;
            }
        } finally {
            handle.close();
        }
        return checked;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    /** An action: a numbered step of one writer. */
    record Step(int writer, int seq, long delta, int kind) {
        static final int PLAIN = 0;
        static final int OPEN = 1;
        static final int CLOSE = 2;
    }

    /** A state whose invariants a torn or misapplied copy breaks. */
    static final class Pair implements HotReadState<Step> {
        long a;
        long b;
        long count;
        long openBrackets;
        long violations;
        long chain;
        final long[] lastSeq;

        Pair(int writers) {
            lastSeq = new long[writers];
            java.util.Arrays.fill(lastSeq, -1);
        }

        @Override
        public void apply(Step step) {
            a += step.delta();
            // Work between the two writes widens the window in which a reader could see them differ.
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
            b += step.delta();
        }

        @Override
        public Pair copy() {
            Pair p = new Pair(lastSeq.length);
            p.a = a;
            p.b = b;
            p.count = count;
            p.openBrackets = openBrackets;
            p.violations = violations;
            p.chain = chain;
            System.arraycopy(lastSeq, 0, p.lastSeq, 0, lastSeq.length);
            return p;
        }
    }
}
