package io.livestore.benchmarks.store;

import java.util.concurrent.TimeUnit;

import io.livestore.benchmarks.ForkFlags;
import io.livestore.benchmarks.peers.PeerReader;
import io.livestore.benchmarks.peers.Peers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Issue 17, workload 3: what does an operation cost when 95 in 100 are reads and 5 mutations,
 * from one thread and from two?
 *
 * <p>Workload: {@code entries} random v4 keys, each with a {@link Score}; each thread walks a
 * shuffled order from its own start; of every 20 operations, 19 read one field (as
 * {@link PeersReadBenchmark}) and one adds 1 to the points (as {@link PeersMutateBenchmark}),
 * every thread both reading and writing. Groups {@code threads1}, {@code threads2}; the score
 * is the average time of one operation of one thread.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PeersMixBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        ForkFlags.CHRONICLE_BYTES_1, ForkFlags.CHRONICLE_BYTES_2, ForkFlags.CHRONICLE_BYTES_3,
        ForkFlags.CHRONICLE_BYTES_4, ForkFlags.CHRONICLE_BYTES_5, ForkFlags.CHRONICLE_BYTES_6,
        ForkFlags.CHRONICLE_BYTES_7, ForkFlags.CHRONICLE_BYTES_8,
        ForkFlags.CHRONICLE_MAP_1, ForkFlags.CHRONICLE_MAP_2})
public class PeersMixBenchmark {

    /** One operation in this many is a mutation: 5 %. */
    static final int MUTATE_EVERY = 20;

    /** The trial's peer and keys, shared by the threads. */
    @State(Scope.Group)
    public static class Shared {

        @Param({Peers.LIVE_STORE, Peers.CONCURRENT_HASH_MAP, Peers.RW_LOCK_HASH_MAP,
                Peers.STAMPED_LOCK_HASH_MAP, Peers.CHRONICLE_MAP})
        public String peer;

        @Param({"1000", "1000000"})
        public int entries;

        PeerTrial trial;

        @Setup(Level.Trial)
        public void setUp() {
            trial = new PeerTrial(peer, entries);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            trial.close();
        }
    }

    /** A thread's reader, walk and operation count. */
    @State(Scope.Thread)
    public static class Worker {
        PeerReader reader;
        KeyCursor keys;
        int operations;

        @Setup(Level.Trial)
        public void setUp(Shared shared, ThreadParams thread) {
            reader = shared.trial.peer.reader();
            keys = new KeyCursor(shared.trial.order, thread.getSubgroupThreadIndex(), thread.getSubgroupThreadCount());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            reader.close();
        }

        long operate(Shared shared) {
            final int i = keys.next();
            if (++operations == MUTATE_EVERY) {
                operations = 0;
                shared.trial.peer.addPoints(keys.msb(i), keys.lsb(i), 1);
                return 0;
            }
            return reader.points(keys.msb(i), keys.lsb(i));
        }
    }

    @Benchmark
    @Group("threads1")
    @GroupThreads(1)
    public long threads1(Shared shared, Worker worker) {
        return worker.operate(shared);
    }

    @Benchmark
    @Group("threads2")
    @GroupThreads(2)
    public long threads2(Shared shared, Worker worker) {
        return worker.operate(shared);
    }
}
