package io.livestore.benchmarks.store;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.livestore.benchmarks.ForkFlags;
import io.livestore.benchmarks.peers.Peers;
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
 * Issue 17, workload 5: what does it cost to add an entry under a fresh key and remove the
 * oldest one, at a steady size (sessions coming and going)?
 *
 * <p>Workload: {@code entries} random v4 keys, each with a {@link Score}; one thread; each
 * operation is an {@code init} (a new {@code Score} under a fresh {@link UUID#randomUUID()} key,
 * as the store's own {@code init} makes it, so {@code SecureRandom} is in every peer's figure)
 * followed by the {@code remove} of the oldest live key, so the size stays {@code entries}. The
 * store reuses freed records and index slots; the maps allocate and drop nodes.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PeersChurnBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        ForkFlags.CHRONICLE_BYTES_1, ForkFlags.CHRONICLE_BYTES_2, ForkFlags.CHRONICLE_BYTES_3,
        ForkFlags.CHRONICLE_BYTES_4, ForkFlags.CHRONICLE_BYTES_5, ForkFlags.CHRONICLE_BYTES_6,
        ForkFlags.CHRONICLE_BYTES_7, ForkFlags.CHRONICLE_BYTES_8,
        ForkFlags.CHRONICLE_MAP_1, ForkFlags.CHRONICLE_MAP_2})
public class PeersChurnBenchmark {

    @Param({Peers.LIVE_STORE, Peers.CONCURRENT_HASH_MAP, Peers.RW_LOCK_HASH_MAP,
            Peers.STAMPED_LOCK_HASH_MAP, Peers.CHRONICLE_MAP})
    public String peer;

    @Param({"1000", "1000000"})
    public int entries;

    private PeerTrial trial;
    private final Score fresh = new Score(0, 1);
    /** The live keys, oldest at {@link #oldest}. */
    private UUID[] live;
    private int oldest;

    @Setup(Level.Trial)
    public void setUp() {
        trial = new PeerTrial(peer, entries);
        live = new UUID[entries];
        for (int i = 0; i < entries; i++) {
            live[i] = trial.keys.key(i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trial.close();
    }

    @Benchmark
    public UUID initAndRemove() {
        final UUID key = trial.peer.init(fresh);
        trial.peer.remove(live[oldest]);
        live[oldest] = key;
        oldest = oldest + 1 == entries ? 0 : oldest + 1;
        return key;
    }
}
