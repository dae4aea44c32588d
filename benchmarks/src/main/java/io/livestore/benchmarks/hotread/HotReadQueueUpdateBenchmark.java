package io.livestore.benchmarks.hotread;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What do the handles of a HotRead cost its writer, and what does a handle cost to open and
 * close, when many handles are open? (Issue 15: one handle per websocket connection or virtual
 * thread means tens of thousands of them.) One thread; the state is {@link Scores}, a 64-element
 * {@code long} array, and each write sets one element (a pre-built action, so writes allocate
 * nothing).
 *
 * <ul>
 *   <li>{@link #queueUpdate}: one {@code queueUpdate} with {@code handles} other handles, each of
 *       which called {@code current()} once before the iteration and then:
 *       <ul>
 *         <li>{@code idle}: called {@code quiescent()}. The write scans them all, finds none
 *             holding a copy, applies the action to the inactive copy and publishes it.
 *         <li>{@code holding}: keeps the generation it got. The first write of an iteration
 *             publishes; from then on every handle holds a generation older than the published
 *             one, so each write scans them all, counts them as blockers and leaves the action
 *             queued (the queue is drained between iterations). This is the cost of a scan
 *             that finds every slot occupied; it does not apply or publish.
 *         <li>{@code closed}: all of them were closed before the trial: the cost that remains
 *             after the handles are gone (the issue measured 1.05 ms after 100k were closed).
 *       </ul>
 *   <li>{@link #createAndClose}: {@code createHandle()} then {@code close()} of one more handle,
 *       with {@code handles} idle handles open.
 *   <li>{@link #open100kThenCloseAll}: single shot: create 100,000 handles, call
 *       {@code current()} on each, close them all (the issue measured 16.2 s to create 100k).
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HotReadQueueUpdateBenchmark {

    /** What the open handles do while the writer writes. */
    public enum HandleState { idle, holding, closed }

    /** Opens {@code count} handles of {@code hot}, each after one {@code current()}. */
    static List<HotReadHandle<Scores>> openHandles(HotRead<Scores, Scores.Set> hot, int count) {
        List<HotReadHandle<Scores>> handles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            HotReadHandle<Scores> handle = hot.createHandle();
            handle.current();
            handles.add(handle);
        }
        return handles;
    }

    @State(Scope.Thread)
    public static class Writer {
        @Param({"0", "100", "10000", "100000"})
        int handles;

        @Param({"idle", "holding", "closed"})
        HandleState state;

        HotRead<Scores, Scores.Set> hot;
        List<HotReadHandle<Scores>> open;
        final Scores.Set[] writes = Scores.writes();
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            hot = HotRead.create(new Scores());
            open = openHandles(hot, handles);
            if (state == HandleState.closed) {
                open.forEach(HotReadHandle::close);
                open.clear();
            }
        }

        /** Puts each open handle in the state this trial measures, at the current generation. */
        @Setup(Level.Iteration)
        public void positionHandles() {
            for (HotReadHandle<Scores> handle : open) {
                handle.current();
                if (state == HandleState.idle) {
                    handle.quiescent();
                }
            }
        }

        /** Drains what the holding handles kept queued, so that the queue does not grow across iterations. */
        @TearDown(Level.Iteration)
        public void drain() {
            open.forEach(HotReadHandle::quiescent);
            hot.maintain();
            hot.maintain();
            if (hot.pendingActions() != 0) {
                throw new IllegalStateException("queue not drained: " + hot.pendingActions());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            open.forEach(HotReadHandle::close);
            hot.close();
        }

        Scores.Set nextWrite() {
            return writes[next++ & (writes.length - 1)];
        }
    }

    @Benchmark
    public void queueUpdate(Writer writer) {
        writer.hot.queueUpdate(writer.nextWrite());
    }

    @State(Scope.Thread)
    public static class OpenIdleHandles {
        @Param({"0", "100", "10000", "100000"})
        int handles;

        HotRead<Scores, Scores.Set> hot;
        List<HotReadHandle<Scores>> open;

        @Setup(Level.Trial)
        public void setUp() {
            hot = HotRead.create(new Scores());
            open = openHandles(hot, handles);
            open.forEach(HotReadHandle::quiescent);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            open.forEach(HotReadHandle::close);
            hot.close();
        }
    }

    @Benchmark
    public void createAndClose(OpenIdleHandles state) {
        state.hot.createHandle().close();
    }

    @State(Scope.Thread)
    public static class Fresh {
        HotRead<Scores, Scores.Set> hot;

        @Setup(Level.Iteration)
        public void setUp() {
            hot = HotRead.create(new Scores());
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            hot.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 5)
    public int open100kThenCloseAll(Fresh fresh) {
        List<HotReadHandle<Scores>> handles = openHandles(fresh.hot, 100_000);
        int opened = fresh.hot.openHandles();
        handles.forEach(HotReadHandle::close);
        return opened;
    }
}
