package io.livestore.benchmarks.fanout;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.livestore.benchmarks.measure.JsonWriter;
import io.livestore.benchmarks.measure.MainArguments;
import io.livestore.benchmarks.measure.Nanos;
import io.livestore.benchmarks.measure.RunEnvironment;
import io.livestore.runtime.store.Subscription;
import io.livestore.runtime.store.Update;
import io.livestore.runtime.store.WatchControl;
import org.HdrHistogram.Histogram;

/**
 * Workload 4: how long does one mutation take to reach 1, 100 and 10,000 watchers of the same
 * key, and what does the writer pay per mutation while they watch, against a
 * {@code ConcurrentHashMap} with a hand-written listener list? Not a JMH benchmark: JMH measures
 * one thread's operation, while this measures a hand-off between threads, per watcher.
 *
 * <p><b>Workload.</b> One key holding a {@link Tick}; one writer thread (this main's) applies
 * {@link Stamp}{@code (sequence, System.nanoTime())} to it, the time taken just before the
 * {@code mutate} call. Each watcher, on receiving the update, takes {@code System.nanoTime()} and
 * stores the difference in its slot of an array (the writer records the slots into an
 * HdrHistogram once all watchers reported, so no watcher shares a histogram). Each round waits
 * until every watcher saw the mutation, so watchers are idle when the next mutation arrives: the
 * push of one change to many idle connections that a websocket or game server does. Arms, each
 * with a fresh store, watcher counts 1, 100 and 10,000:
 * <ul>
 *   <li><b>{@code onUpdate}, its default executor</b>: the callback form. {@code onUpdate} runs
 *       each callback as one long task that blocks in {@code Subscription.next()}; the default
 *       executor starts one platform daemon thread per callback. So 10,000 watchers here are
 *       10,000 threads: that is what the API does, measured as it is, not a choice of this
 *       benchmark. Sleeping watchers of a key wake one another in a chain (the writer signals
 *       one, each woken watcher signals the next), so the writer's cost stays O(1) and the
 *       last watcher's latency is the chain's length.
 *   <li><b>{@code onUpdate} on virtual threads</b> (JDK 21 and later only; skipped, and said so,
 *       on older JDKs): the same, with {@code callbackExecutor(newVirtualThreadPerTaskExecutor())},
 *       what the builder's documentation suggests for many callbacks.
 *   <li><b>{@code watch()} drained by one thread</b>: the way a server with a few event-loop
 *       threads would use subscriptions. One consumer thread sweeps all subscriptions with the
 *       non-blocking {@code tryNext()} and spins ({@code Thread.onSpinWait}) when a sweep found
 *       nothing: a subscription has no readiness signal to wait on for many subscriptions at
 *       once. One consumer because the machine has two cores and the writer needs the other;
 *       it costs a whole core while idle, which is what busy polling costs.
 *   <li><b>Peer: {@code ConcurrentHashMap} + {@code CopyOnWriteArrayList} of callbacks</b>, the
 *       thing a user writes by hand: the writer does {@code compute(key, stamp::apply)}, then
 *       invokes every listener of the key itself, in order, on its own thread.
 * </ul>
 * Every watcher runs the same callback body (take the time, store it, count down). Each arm and
 * watcher count runs warm-up rounds first (not recorded).
 *
 * <p><b>Writer cost</b>, two figures per arm and count: the median of the {@code mutate} call's
 * duration in the latency rounds (watchers idle and, for the store's blocking forms, asleep: the
 * writer wakes one of them), with the writer thread's CPU time over the same call beside it;
 * and the mean over a burst of back-to-back mutations for a fixed
 * time, with all watchers attached and consuming (the store's watchers lag, which is the design:
 * the writer never waits for them; the peer's writer runs every listener for every mutation). A
 * row with 0 watchers gives each structure's own cost.
 *
 * <p><b>Usage.</b> {@code java <livestore.jvm.flags> -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.fanout.FanOutLatency --out DIR [--quick]} writes {@code fanout.md} (a
 * markdown section), {@code fanout.json} (every figure) and {@code fanout.png} (latency
 * percentiles per watcher count) into {@code DIR}. Full mode takes about 2.5 minutes, {@code --quick}
 * (a quarter of the rounds, a shorter burst) 60-80 s; a third of either is starting and stopping
 * 10,000 platform threads for the default {@code onUpdate} (creating one took 1.8-2.6 ms on the
 * shared 2-core VM this was written on). {@code --watchers 1,100} runs a subset of the
 * counts. The JVM's flags are whatever this main is run with; the report repeats them.
 */
public final class FanOutLatency {

    private static final String USAGE = "FanOutLatency --out DIR [--quick] [--watchers 1,100,10000]";
    private static final int[] WATCHERS = {1, 100, 10_000};
    /** The longest a round may wait for its watchers before the arm is reported as stuck. */
    private static final long ROUND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(120);
    /** The writer's CPU time, next to its wall-clock time per mutation. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    /** Mutations per timed batch of the burst. */
    private static final int BATCH = 64;

    private FanOutLatency() {
    }

    /**
     * Runs the measurement and writes its report.
     *
     * @param args {@code --out DIR [--quick]}
     * @throws Exception if the report cannot be written, or the run is interrupted
     */
    public static void main(String[] args) throws Exception {
        final MainArguments arguments = MainArguments.parse(args, USAGE);
        final RunEnvironment environment = RunEnvironment.current(FanOutLatency.class, arguments.raw());
        final Plan plan = arguments.quick() ? Plan.QUICK : Plan.FULL;
        System.out.printf(Locale.ROOT, "FanOutLatency (%s mode) on %s%n", arguments.quick() ? "quick" : "full",
                environment.jdk());
        final List<Arm> arms = arms();
        System.out.println(" warm-up (not reported):");
        for (Arm arm : List.of(Arm.STORE_NO_WATCHERS, Arm.PEER)) {
            run(arm, 0, plan);
        }
        System.out.println(" measured:");
        final List<Result> results = new ArrayList<>();
        for (Arm arm : List.of(Arm.STORE_NO_WATCHERS, Arm.PEER)) {
            results.add(run(arm, 0, plan));
        }
        for (int watchers : watcherCounts(arguments.option("--watchers", "1,100,10000"))) {
            for (Arm arm : arms) {
                results.add(arm.available ? run(arm, watchers, plan) : Result.skipped(arm, watchers));
            }
        }
        Files.createDirectories(arguments.out());
        FanOutReport.write(arguments.out(), environment, plan, arguments.quick(), results);
        System.out.println("wrote fanout.md, fanout.json and fanout.png into " + arguments.out().toAbsolutePath());
    }

    /** The watcher counts to run, a subset of {@link #WATCHERS} (all by default). */
    private static List<Integer> watcherCounts(String list) {
        final List<Integer> counts = new ArrayList<>();
        for (String s : list.split(",")) {
            final int count = Integer.parseInt(s.trim().replace("_", ""));
            Plan.index(count);
            counts.add(count);
        }
        return counts;
    }

    private static List<Arm> arms() {
        return List.of(Arm.CALLBACK_THREADS, Arm.CALLBACK_VIRTUAL, Arm.POLLING, Arm.PEER);
    }

    /** Rounds per watcher count and burst length: full or quick. */
    record Plan(int[] warmupRounds, int[] rounds, long burstMillis) {
        static final Plan FULL = new Plan(new int[] {5_000, 500, 10}, new int[] {20_000, 3_000, 60}, 1_000);
        static final Plan QUICK = new Plan(new int[] {1_000, 100, 2}, new int[] {5_000, 750, 10}, 300);

        int warmup(int watchers) {
            return watchers == 0 ? warmupRounds[0] : warmupRounds[index(watchers)];
        }

        int measured(int watchers) {
            return watchers == 0 ? rounds[0] : rounds[index(watchers)];
        }

        private static int index(int watchers) {
            for (int i = 0; i < WATCHERS.length; i++) {
                if (WATCHERS[i] == watchers) {
                    return i;
                }
            }
            throw new IllegalArgumentException("no plan for " + watchers + " watchers");
        }
    }

    /** How watchers consume; each arm has its own store or map. */
    enum Arm {
        CALLBACK_THREADS("LiveStore onUpdate, default executor (a platform thread per callback)", "onUpdate-threads", true),
        CALLBACK_VIRTUAL("LiveStore onUpdate, virtual-thread executor", "onUpdate-virtual",
                Runtime.version().feature() >= 21),
        POLLING("LiveStore watch(), all drained by 1 thread with tryNext()", "watch-tryNext", true),
        STORE_NO_WATCHERS("LiveStore, no watchers", "store-no-watchers", true),
        PEER("ConcurrentHashMap + CopyOnWriteArrayList of callbacks", "chm-listeners", true);

        final String title;
        final String id;
        final boolean available;

        Arm(String title, String id, boolean available) {
            this.title = title;
            this.id = id;
            this.available = available;
        }

        boolean isPeer() {
            return this == PEER;
        }
    }

    /**
     * The figures of one arm at one watcher count.
     *
     * @param arm the arm
     * @param watchers how many watched
     * @param latency delivery latency of every watcher in every measured round (ns), or null
     * @param writer the {@code mutate} call's duration per measured round (ns)
     * @param writerCpu the writer thread's CPU time over each measured round's {@code mutate}
     *     call (ns): against {@code writer}, it tells the writer's own work from the time it was
     *     preempted (by the watcher threads it woke, on two cores)
     * @param burstNanosPerMutation mean ns per mutation in the burst
     * @param burstBatches ns per mutation of each batch of {@value #BATCH} in the burst: its
     *     median is robust to the writer being preempted (the machine may be shared)
     * @param burstMutations mutations in the burst
     * @param burstDelivered updates the watchers received during the burst and after it, until
     *     the arm was torn down (excluding {@code Lagged})
     * @param lagged {@code Lagged} updates received (in the burst: the expected way a slow
     *     watcher is told; in latency rounds it would be a fault)
     * @param unexpected updates of a wrong sequence, or {@code Lagged}, received in latency
     *     rounds (a fault: one update per round cannot lap a watcher)
     * @param setupMillis time to attach the watchers
     * @param teardownMillis time from closing the store until every watcher saw its end
     * @param error why the arm stopped early, or null
     */
    record Result(Arm arm, int watchers, Histogram latency, Histogram writer, Histogram writerCpu,
            double burstNanosPerMutation,
            Histogram burstBatches, long burstMutations, long burstDelivered, long lagged, long unexpected, long setupMillis,
            long teardownMillis, String error) {

        static Result skipped(Arm arm, int watchers) {
            return new Result(arm, watchers, null, null, null, Double.NaN, null, 0, 0, 0, 0, 0, 0,
                    "skipped: needs JDK 21+ (this is " + Runtime.version().feature() + ")");
        }
    }

    /**
     * What the writer and the watchers of one run share: the current round's latency slots and
     * how many watchers have yet to report.
     */
    static final class Probe {
        final long[] latencies;
        final AtomicInteger remaining = new AtomicInteger();
        final LongAdder delivered = new LongAdder();
        final LongAdder lagged = new LongAdder();
        /** {@code Lagged} while latency rounds run: one update per round should never lap a watcher. */
        final LongAdder laggedInRounds = new LongAdder();
        final LongAdder unexpected = new LongAdder();
        final CountDownLatch ended;
        final Thread writer = Thread.currentThread();
        /** Tells a polling consumer to give up on subscriptions that never ended. */
        volatile boolean stop;
        /** The sequence of the round in progress; -1 during the burst (no latencies taken). */
        volatile long expected = -1;

        Probe(int watchers) {
            latencies = new long[watchers];
            ended = new CountDownLatch(watchers);
        }

        /** A watcher saw {@code tick}: the body every arm's watchers run. */
        void deliver(int watcher, Tick tick) {
            final long round = expected;
            if (round < 0) {
                delivered.increment();
                return;
            }
            final long now = System.nanoTime();
            if (tick.sequence() != round) {
                unexpected.increment();
                return;
            }
            latencies[watcher] = now - tick.sentAtNanos();
            if (remaining.decrementAndGet() == 0) {
                LockSupport.unpark(writer);
            }
        }

        /** A watcher of a store received {@code update}. */
        WatchControl receive(int watcher, Update<Tick, Object> update) {
            if (update instanceof Update.Mutated<Tick, Object> m) {
                deliver(watcher, m.value());
            } else if (update instanceof Update.Lagged) {
                lagged.increment();
                if (expected >= 0) {
                    laggedInRounds.increment();
                }
            } else if (update instanceof Update.Removed) {
                ended.countDown();
                return WatchControl.BREAK;
            }
            return WatchControl.CONTINUE;
        }
    }

    /** The writer's side of an arm: one mutation of the key, and the arm's teardown. */
    private interface Writer {
        void mutate(long sequence, long sentAtNanos);

        /** Ends the arm; returns once every watcher saw the end, or throws after a minute. */
        void close() throws InterruptedException;
    }

    private static Result run(Arm arm, int watchers, Plan plan) throws InterruptedException {
        System.out.printf(Locale.ROOT, "  %-70s %,6d watchers: ", arm.title, watchers);
        System.out.flush();
        final Probe probe = new Probe(watchers);
        final long setupStart = System.nanoTime();
        final Writer writer = arm.isPeer() ? peer(probe, watchers) : store(arm, probe, watchers);
        final long setupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setupStart);
        final Histogram latency = watchers == 0 ? null : new Histogram(HIGHEST_NANOS, 3);
        final Histogram writerCost = new Histogram(HIGHEST_NANOS, 3);
        final Histogram burstBatches = new Histogram(HIGHEST_NANOS, 3);
        final Histogram writerCpu = new Histogram(HIGHEST_NANOS, 3);
        String error = null;
        long sequence = 0;
        double burstNanos = Double.NaN;
        long burstMutations = 0;
        try {
            final int warmup = plan.warmup(watchers);
            final int rounds = warmup + plan.measured(watchers);
            for (int round = 0; round < rounds && error == null; round++) {
                sequence++;
                probe.remaining.set(watchers);
                probe.expected = sequence;
                final long cpuStart = THREADS.getCurrentThreadCpuTime();
                final long start = System.nanoTime();
                writer.mutate(sequence, start);
                final long writeEnd = System.nanoTime();
                final long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
                while (probe.remaining.get() > 0) {
                    LockSupport.parkNanos(probe, 1_000_000);
                    if (System.nanoTime() - start > ROUND_TIMEOUT_NANOS) {
                        error = String.format(Locale.ROOT, "round %d: %d of %d watchers did not see the mutation within %d s",
                                round, probe.remaining.get(), watchers, TimeUnit.NANOSECONDS.toSeconds(ROUND_TIMEOUT_NANOS));
                        break;
                    }
                }
                if (round >= warmup && error == null) {
                    writerCost.recordValue(writeEnd - start);
                    writerCpu.recordValue(Math.max(0, cpu));
                    for (int w = 0; w < watchers; w++) {
                        latency.recordValue(Math.min(probe.latencies[w], HIGHEST_NANOS));
                    }
                }
            }
            if (error == null) {
                probe.expected = -1;
                final long burstEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(plan.burstMillis());
                final long burstStart = System.nanoTime();
                long now = burstStart;
                do {
                    final long batchStart = now;
                    for (int i = 0; i < BATCH; i++) {
                        writer.mutate(++sequence, 0);
                    }
                    burstMutations += BATCH;
                    now = System.nanoTime();
                    burstBatches.recordValue(Math.min((now - batchStart) / BATCH, HIGHEST_NANOS));
                } while (now < burstEnd);
                burstNanos = (double) (now - burstStart) / burstMutations;
            }
        } catch (RuntimeException e) {
            // Reported in the arm's row, and the run goes on with the next arm.
            error = (error == null ? "" : error + "; ") + "threw " + e;
        }
        final long teardownStart = System.nanoTime();
        try {
            writer.close();
        } catch (IllegalStateException e) {
            error = (error == null ? "" : error + "; ") + e.getMessage();
        }
        final long teardownMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - teardownStart);
        final Result result = new Result(arm, watchers, latency, writerCost, writerCpu, burstNanos, burstBatches,
                burstMutations, probe.delivered.sum(), probe.lagged.sum(),
                probe.unexpected.sum() + probe.laggedInRounds.sum(), setupMillis, teardownMillis, error);
        System.out.println(summary(result));
        return result;
    }

    private static String summary(Result r) {
        if (r.error() != null) {
            return "ERROR " + r.error();
        }
        final String latency = r.latency() == null ? "" : String.format(Locale.ROOT, "p50 %s p99 %s p99.9 %s; ",
                Nanos.format(r.latency().getValueAtPercentile(50)), Nanos.format(r.latency().getValueAtPercentile(99)),
                Nanos.format(r.latency().getValueAtPercentile(99.9)));
        return String.format(Locale.ROOT, "%swriter p50 %s (CPU %s), burst mean %s, batch median %s/mutation; lagged %,d",
                latency, Nanos.format(r.writer().getValueAtPercentile(50)),
                Nanos.format(r.writerCpu().getValueAtPercentile(50)), Nanos.format(r.burstNanosPerMutation()),
                Nanos.format(r.burstBatches().getValueAtPercentile(50)),
                r.lagged());
    }

    private static Writer store(Arm arm, Probe probe, int watchers) {
        final TickStore.Builder builder = TickStore.builder().expectedEntries(16);
        final ExecutorService virtualThreads = arm == Arm.CALLBACK_VIRTUAL ? virtualThreadPerTask() : null;
        if (virtualThreads != null) {
            builder.callbackExecutor(virtualThreads);
        }
        final TickStore store = builder.build();
        final UUID key = store.init(new Tick(0, 0));
        final List<Thread> consumers = new ArrayList<>();
        if (arm == Arm.POLLING && watchers > 0) {
            final List<Subscription<Tick, Object>> subscriptions = new ArrayList<>(watchers);
            for (int w = 0; w < watchers; w++) {
                subscriptions.add(store.watch(key));
            }
            final Thread consumer = new Thread(() -> drain(subscriptions, probe), "fanout-consumer");
            consumer.setDaemon(true);
            consumer.start();
            consumers.add(consumer);
        } else if (arm == Arm.CALLBACK_THREADS || arm == Arm.CALLBACK_VIRTUAL) {
            for (int w = 0; w < watchers; w++) {
                final int watcher = w;
                store.onUpdate(key, update -> probe.receive(watcher, update));
            }
        }
        return new Writer() {
            @Override
            public void mutate(long sequence, long sentAtNanos) {
                store.mutate(key, new Stamp(sequence, sentAtNanos));
            }

            @Override
            public void close() throws InterruptedException {
                store.close();
                final boolean allEnded = probe.ended.await(60, TimeUnit.SECONDS);
                probe.stop = true;
                for (Thread consumer : consumers) {
                    consumer.join(TimeUnit.SECONDS.toMillis(10));
                }
                if (virtualThreads != null) {
                    virtualThreads.shutdown();
                }
                if (!allEnded) {
                    throw new IllegalStateException(probe.ended.getCount() + " of " + watchers
                            + " watchers did not receive Removed within 60 s of close()");
                }
            }
        };
    }

    /** The polling consumer: sweeps every subscription until each has received its Removed. */
    private static void drain(List<Subscription<Tick, Object>> subscriptions, Probe probe) {
        final int count = subscriptions.size();
        final boolean[] done = new boolean[count];
        int open = count;
        while (open > 0 && !probe.stop) {
            boolean any = false;
            for (int w = 0; w < count; w++) {
                if (done[w]) {
                    continue;
                }
                final Update<Tick, Object> update = subscriptions.get(w).tryNext();
                if (update != null) {
                    any = true;
                    if (probe.receive(w, update) == WatchControl.BREAK) {
                        done[w] = true;
                        open--;
                    }
                }
            }
            if (!any) {
                Thread.onSpinWait();
            }
        }
    }

    private static Writer peer(Probe probe, int watchers) {
        final ConcurrentHashMap<UUID, Tick> map = new ConcurrentHashMap<>();
        final ConcurrentHashMap<UUID, CopyOnWriteArrayList<Consumer<Tick>>> listeners = new ConcurrentHashMap<>();
        final UUID key = UUID.randomUUID();
        map.put(key, new Tick(0, 0));
        final CopyOnWriteArrayList<Consumer<Tick>> list = listeners.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
        for (int w = 0; w < watchers; w++) {
            final int watcher = w;
            list.add(tick -> probe.deliver(watcher, tick));
        }
        return new Writer() {
            @Override
            public void mutate(long sequence, long sentAtNanos) {
                final Stamp stamp = new Stamp(sequence, sentAtNanos);
                final Tick next = map.compute(key, (k, current) -> stamp.apply(current));
                final CopyOnWriteArrayList<Consumer<Tick>> watching = listeners.get(key);
                if (watching != null) {
                    for (Consumer<Tick> listener : watching) {
                        listener.accept(next);
                    }
                }
            }

            @Override
            public void close() {
                listeners.clear();
            }
        };
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, called reflectively: this code compiles for Java 17. */
    private static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("virtual threads need JDK 21+, this is " + Runtime.version(), e);
        }
    }
}
