package io.livestore.benchmarks.store;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.livestore.benchmarks.ForkFlags;
import io.livestore.benchmarks.table.LookupKeys;
import io.livestore.runtime.store.Snapshot;
import io.livestore.runtime.store.StoreReader;
import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.MemoryBudget;
import io.livestore.runtime.table.RecordArena;
import io.livestore.runtime.table.RecordLayout;
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
 * How long does it take to read one field of a random entry through the store's reader and a
 * generated view, against the same read from a {@code ConcurrentHashMap} and from the bare table
 * the store stands on?
 *
 * <p>Workload: {@code entries} random v4 keys, each with a {@link Score}; one thread, no writer;
 * keys looked up in a shuffled order, one per operation, each arriving "from the wire" as two
 * longs. Arms:
 * <ul>
 *   <li>{@code liveStore}: {@code reader.current()} (one volatile read: nothing is published
 *       meanwhile), {@code find(new UUID(msb, lsb), view)}, then {@code view.points()}: every
 *       check a user's read goes through (reader thread, held generation, reachability);
 *   <li>{@code liveStoreHeldKey}: the same with a key the caller already holds as a {@code UUID}
 *       (a session's key), so that no key object is made per read;
 *   <li>{@code concurrentHashMap}: {@code ConcurrentHashMap<UUID, Score>} (presized, then every
 *       value replaced once, as mutations replace a store's values), {@code get(new UUID(msb,
 *       lsb)).points()};
 *   <li>{@code bareIndexAndArena}: the table alone, a {@link KeyIndex} over a {@link RecordArena}
 *       with the same geometry as the store's, {@code find} and a {@code readLong}: the floor
 *       the store's checks add to.
 * </ul>
 * Two arms split a lookup in two, to tell where a difference comes from: {@code liveStoreContains}
 * ({@code reader.current().contains(key)}: the probe and the key comparison, no view, no value
 * read) against {@code bareFind} ({@code index.find}).
 *
 * <p>The store's record is 72 bytes: the key, the 16-byte value at offset 16, then created-at,
 * time to live, version, last-write and expiry. Records start at every multiple of 8 within a
 * cache line in turn, so the field read ({@code points}, at offset 16) shares the key's line
 * for 6 records in 8. (Until the value moved behind the key it was at offset 56: in the key's
 * line for 1 record in 8.)
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar StoreReadBenchmark -prof gc}.
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
public class StoreReadBenchmark {

    @Param({"1000", "1000000"})
    public int entries;

    private LookupKeys lookupOrder;
    /** The same keys as objects, for the arm where the caller already holds the key. */
    private UUID[] heldKeys;
    private int next;

    private ScoreStore store;
    private StoreReader<Score> reader;
    private final ScoreView view = new ScoreView();
    private ConcurrentHashMap<UUID, Score> concurrentHashMap;
    private RecordArena arena;
    private KeyIndex index;

    @Setup(Level.Trial)
    public void setUp() {
        final LookupKeys keys = new LookupKeys(entries, 2024);
        lookupOrder = keys.shuffled(7);
        heldKeys = new UUID[entries];
        for (int i = 0; i < entries; i++) {
            heldKeys[i] = lookupOrder.key(i);
        }
        store = ScoreStore.builder().expectedEntries(entries).build();
        concurrentHashMap = new ConcurrentHashMap<>(entries);
        final MemoryBudget budget = MemoryBudget.unlimited();
        // The store's record: the value right after the key, then 16 bytes of the store's own
        // fields (StoredEntryLayout), then the table's header.
        arena = RecordArena.create(16 + ScoreLayout.SIZE, entries, budget);
        index = KeyIndex.create(arena, entries, budget);
        for (int i = 0; i < entries; i++) {
            store.insert(keys.key(i), new Score(i, 1));
            concurrentHashMap.put(keys.key(i), new Score(-1, 0));
            final int ref = arena.allocate();
            arena.writeHeader(ref, keys.msb[i], keys.lsb[i], 1, 0, 0);
            arena.bytes(ref).writeLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET, i);
            index.put(keys.msb[i], keys.lsb[i], ref);
        }
        for (int i = 0; i < entries; i++) {
            concurrentHashMap.put(keys.key(i), new Score(i, 1));
        }
        reader = store.reader();
        for (int i = 0; i < entries; i++) {
            final long expected = readConcurrentHashMap(i);
            if (readLiveStore(i) != expected || readBareIndexAndArena(i) != expected) {
                throw new AssertionError("arms disagree on " + lookupOrder.key(i));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        reader.close();
        store.close();
        index.close();
        arena.close();
    }

    @Benchmark
    public long liveStore() {
        return readLiveStore(nextKey());
    }

    @Benchmark
    public long liveStoreHeldKey() {
        final int i = nextKey();
        return reader.current().find(heldKeys[i], view) ? view.points() : -1;
    }

    @Benchmark
    public boolean liveStoreContains() {
        final int i = nextKey();
        return reader.current().contains(new UUID(lookupOrder.msb[i], lookupOrder.lsb[i]));
    }

    @Benchmark
    public int bareFind() {
        final int i = nextKey();
        return index.find(lookupOrder.msb[i], lookupOrder.lsb[i]);
    }

    @Benchmark
    public long concurrentHashMap() {
        return readConcurrentHashMap(nextKey());
    }

    @Benchmark
    public long bareIndexAndArena() {
        return readBareIndexAndArena(nextKey());
    }

    private long readLiveStore(int i) {
        final Snapshot<Score> snapshot = reader.current();
        return snapshot.find(new UUID(lookupOrder.msb[i], lookupOrder.lsb[i]), view) ? view.points() : -1;
    }

    private long readConcurrentHashMap(int i) {
        return concurrentHashMap.get(new UUID(lookupOrder.msb[i], lookupOrder.lsb[i])).points();
    }

    private long readBareIndexAndArena(int i) {
        final int ref = index.find(lookupOrder.msb[i], lookupOrder.lsb[i]);
        return arena.bytes(ref).readLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET);
    }

    private int nextKey() {
        final int i = next;
        next = i + 1 == entries ? 0 : i + 1;
        return i;
    }
}
