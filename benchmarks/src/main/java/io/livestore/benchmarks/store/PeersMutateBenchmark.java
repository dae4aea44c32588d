package io.livestore.benchmarks.store;

import java.util.concurrent.TimeUnit;

import io.livestore.benchmarks.ForkFlags;
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
 * Issue 17, workload 2: how many mutations a second does each peer take, from one writer thread
 * and from two?
 *
 * <p>Workload: {@code entries} random v4 keys, each with a {@link Score} (16 bytes in the store's
 * layout), no watchers, no readers; each operation adds 1 to the points of the next key of a
 * shuffled order (each writer walks it from its own start), the key arriving as two longs. The
 * store: {@code mutate(key, new AddPoints(1))}; {@code ConcurrentHashMap}: {@code compute} with
 * a new record; the locked {@code HashMap}s: get and put under the write lock; Chronicle Map:
 * read, change and replace under the entry's write lock. Groups: {@code writers1},
 * {@code writers2}; the score is the group's total throughput. The store's writer is one thread
 * behind a lock: two writers take turns, and that is what {@code writers2} measures.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PeersMutateBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        ForkFlags.CHRONICLE_BYTES_1, ForkFlags.CHRONICLE_BYTES_2, ForkFlags.CHRONICLE_BYTES_3,
        ForkFlags.CHRONICLE_BYTES_4, ForkFlags.CHRONICLE_BYTES_5, ForkFlags.CHRONICLE_BYTES_6,
        ForkFlags.CHRONICLE_BYTES_7, ForkFlags.CHRONICLE_BYTES_8,
        ForkFlags.CHRONICLE_MAP_1, ForkFlags.CHRONICLE_MAP_2})
public class PeersMutateBenchmark {

    /** The trial's peer and keys, shared by the writers. */
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

    /** A writer thread's walk over the keys. */
    @State(Scope.Thread)
    public static class Writer {
        KeyCursor keys;

        @Setup(Level.Trial)
        public void setUp(Shared shared, ThreadParams thread) {
            keys = new KeyCursor(shared.trial.order, thread.getSubgroupThreadIndex(), thread.getSubgroupThreadCount());
        }
    }

    @Benchmark
    @Group("writers1")
    @GroupThreads(1)
    public void writers1(Shared shared, Writer writer) {
        final int i = writer.keys.next();
        shared.trial.peer.addPoints(writer.keys.msb(i), writer.keys.lsb(i), 1);
    }

    @Benchmark
    @Group("writers2")
    @GroupThreads(2)
    public void writers2(Shared shared, Writer writer) {
        final int i = writer.keys.next();
        shared.trial.peer.addPoints(writer.keys.msb(i), writer.keys.lsb(i), 1);
    }
}
