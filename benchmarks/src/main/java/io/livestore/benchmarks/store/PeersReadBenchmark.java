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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Issue 17, workload 1: what does a reader pay to read one field of a random entry, with no
 * writer and while one writer mutates meanwhile, in the store and in what users would pick
 * instead?
 *
 * <p>Workload: {@code entries} random v4 keys, each with a {@link Score}; one peer per fork (the
 * {@code peer} parameter, see {@link Peers}); keys looked up in a shuffled order, one per
 * operation, each arriving "from the wire" as two longs; every reader thread walks the order
 * from its own start. The store reads through {@code reader().current().find(key, view)} and
 * {@code view.points()}; the others as {@link io.livestore.benchmarks.peers.ScorePeer} says.
 * Groups (JMH {@code @Group}), the reader's time per read is the {@code _read} method's score:
 * <ul>
 *   <li>{@code readers1}, {@code readers2}: 1 or 2 reader threads, nothing written;
 *   <li>{@code readers1_writer}, {@code readers2_writer}: the same plus one writer thread that
 *       adds 1 to the points of a random entry about once a microsecond ({@link #WRITER_PAUSE}
 *       tokens of busy work between writes, as HotReadGetBenchmark's writer), so that every peer
 *       sees the same write rate. With 2 readers that is 3 threads on this 2-core machine.
 * </ul>
 * The bare table ({@code bareIndexAndArena}) is the limit: no consistency, its writer writes
 * the {@code long} in place. {@code gc.alloc.rate.norm} of a group with a writer counts the
 * writes' garbage too (per operation of the whole group).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PeersReadBenchmark -prof gc}; 10M
 * entries: add {@code -p entries=10000000} (the full mode of {@code benchmarks/run.sh} does, for
 * {@code readers1} only).
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
public class PeersReadBenchmark {

    /** Busy-work tokens between two writes of the writer thread (about 1 µs here). */
    static final long WRITER_PAUSE = 500;

    /** The trial's peer and keys, shared by the group's threads. */
    @State(Scope.Group)
    public static class Shared {

        @Param({Peers.LIVE_STORE, Peers.CONCURRENT_HASH_MAP, Peers.RW_LOCK_HASH_MAP,
                Peers.STAMPED_LOCK_HASH_MAP, Peers.CHRONICLE_MAP, Peers.BARE_INDEX_AND_ARENA})
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

    /** A reader thread: its own reader of the peer and its own walk over the keys. */
    @State(Scope.Thread)
    public static class Reader {
        PeerReader reader;
        KeyCursor keys;

        @Setup(Level.Trial)
        public void setUp(Shared shared, ThreadParams thread) {
            reader = shared.trial.peer.reader();
            keys = new KeyCursor(shared.trial.order, thread.getSubgroupThreadIndex(), thread.getSubgroupThreadCount());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            reader.close();
        }

        long read() {
            final int i = keys.next();
            return reader.points(keys.msb(i), keys.lsb(i));
        }
    }

    /** The writer thread's walk, from the middle of the order (away from the readers'). */
    @State(Scope.Thread)
    public static class Writer {
        KeyCursor keys;

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            keys = new KeyCursor(shared.trial.order, 1, 2);
        }

        void write(Shared shared) {
            Blackhole.consumeCPU(WRITER_PAUSE);
            final int i = keys.next();
            shared.trial.peer.addPoints(keys.msb(i), keys.lsb(i), 1);
        }
    }

    @Benchmark
    @Group("readers1")
    @GroupThreads(1)
    public long readers1(Reader reader) {
        return reader.read();
    }

    @Benchmark
    @Group("readers2")
    @GroupThreads(2)
    public long readers2(Reader reader) {
        return reader.read();
    }

    @Benchmark
    @Group("readers1_writer")
    @GroupThreads(1)
    public long readers1_writer_read(Reader reader) {
        return reader.read();
    }

    @Benchmark
    @Group("readers1_writer")
    @GroupThreads(1)
    public void readers1_writer_write(Shared shared, Writer writer) {
        writer.write(shared);
    }

    @Benchmark
    @Group("readers2_writer")
    @GroupThreads(2)
    public long readers2_writer_read(Reader reader) {
        return reader.read();
    }

    @Benchmark
    @Group("readers2_writer")
    @GroupThreads(1)
    public void readers2_writer_write(Shared shared, Writer writer) {
        writer.write(shared);
    }
}
