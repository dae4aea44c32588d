package io.livestore.benchmarks.store;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.livestore.benchmarks.ForkFlags;
import io.livestore.benchmarks.peers.PeerReader;
import io.livestore.benchmarks.peers.Peers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 17, workload 8: the same operations against Redis on loopback: what does a user who
 * keeps the values in Redis instead pay per read, per mutation, per 95/5 mix and per
 * {@code init}/{@code remove}, one round trip at a time and pipelined?
 *
 * <p>Workload: {@code entries} random v4 keys, each with a {@link Score}; one thread; keys in a
 * shuffled order, arriving as two longs. Peers: the store and {@code ConcurrentHashMap} (in
 * process) against Redis (Debian's {@code redis-server}, started by the trial on a free loopback
 * port without persistence, Lettuce as client, the value as a hash or as a packed 12-byte string;
 * see {@code io.livestore.benchmarks.peers.RedisPeer}). Benchmarks:
 * <ul>
 *   <li>{@code read}, {@code mutate}, {@code mix} (19 reads, 1 mutation in 20), {@code churn}
 *       ({@code init} + {@code remove}, two round trips for Redis): one operation, one round trip;
 *   <li>{@code readPipelined}, {@code mutatePipelined}: {@link #BATCH} operations sent as one
 *       pipeline and awaited together, time per operation; the in-process peers loop.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RedisLoopbackBenchmark -prof gc}
 * (needs {@code redis-server}; {@code benchmarks/run.sh} installs it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        ForkFlags.CHRONICLE_BYTES_1, ForkFlags.CHRONICLE_BYTES_2, ForkFlags.CHRONICLE_BYTES_3,
        ForkFlags.CHRONICLE_BYTES_4, ForkFlags.CHRONICLE_BYTES_5, ForkFlags.CHRONICLE_BYTES_6,
        ForkFlags.CHRONICLE_BYTES_7, ForkFlags.CHRONICLE_BYTES_8})
public class RedisLoopbackBenchmark {

    /** Operations per pipeline. */
    static final int BATCH = 100;

    @Param({Peers.LIVE_STORE, Peers.CONCURRENT_HASH_MAP, Peers.REDIS_HASH, Peers.REDIS_STRING})
    public String peer;

    @Param({"1000000"})
    public int entries;

    private PeerTrial trial;
    private PeerReader reader;
    private KeyCursor keys;
    private int operations;
    private final Score fresh = new Score(0, 1);
    private UUID[] live;
    private int oldest;

    @Setup(Level.Trial)
    public void setUp() {
        trial = new PeerTrial(peer, entries);
        keys = new KeyCursor(trial.order, 0, 1);
        live = new UUID[entries];
        for (int i = 0; i < entries; i++) {
            live[i] = trial.keys.key(i);
        }
        // The cross-check gets a reader of its own, closed at once: a store reader that has read
        // holds its snapshot until it reads again, and in the write-only trials (mutate, churn)
        // every write would then wait to be published behind it.
        try (PeerReader check = trial.peer.reader()) {
            final int from = keys.nextBatch(BATCH);
            long expected = 0;
            for (int i = from; i < from + BATCH; i++) {
                expected += check.points(keys.msb(i), keys.lsb(i));
            }
            if (check.pointsBatch(trial.order, from, BATCH) != expected) {
                throw new AssertionError(peer + ": a pipelined read disagrees with single reads");
            }
        }
        reader = trial.peer.reader();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reader.close();
        trial.close();
    }

    @Benchmark
    public long read() {
        final int i = keys.next();
        return reader.points(keys.msb(i), keys.lsb(i));
    }

    @Benchmark
    public void mutate() {
        final int i = keys.next();
        trial.peer.addPoints(keys.msb(i), keys.lsb(i), 1);
    }

    @Benchmark
    public long mix() {
        final int i = keys.next();
        if (++operations == PeersMixBenchmark.MUTATE_EVERY) {
            operations = 0;
            trial.peer.addPoints(keys.msb(i), keys.lsb(i), 1);
            return 0;
        }
        return reader.points(keys.msb(i), keys.lsb(i));
    }

    @Benchmark
    public UUID churn() {
        final UUID key = trial.peer.init(fresh);
        trial.peer.remove(live[oldest]);
        live[oldest] = key;
        oldest = oldest + 1 == entries ? 0 : oldest + 1;
        return key;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long readPipelined() {
        return reader.pointsBatch(trial.order, keys.nextBatch(BATCH), BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void mutatePipelined() {
        trial.peer.addPointsBatch(trial.order, keys.nextBatch(BATCH), BATCH, 1);
    }
}
