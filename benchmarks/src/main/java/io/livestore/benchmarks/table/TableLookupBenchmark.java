package io.livestore.benchmarks.table;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.livestore.benchmarks.ForkFlags;
import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.MemoryBudget;
import io.livestore.runtime.table.RecordArena;
import io.livestore.runtime.table.RecordLayout;
import net.openhft.chronicle.core.UnsafeMemory;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;
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
 * How long does it take to look a UUID key up and read one {@code long} of its value?
 *
 * <p>Workload: {@code entries} random v4 keys, each mapped to a value holding one {@code long};
 * one thread looks the keys up in a shuffled order (not insertion order), one key per
 * operation, each key arriving as two longs "from the wire". The peers get the same keys:
 * <ul>
 *   <li>{@code compactSlots}: design (a) of the memory study, {@link CompactSlotTable} (40-byte
 *       header, no padding) at load 0.875, read through the value's raw address;
 *   <li>{@code indexAndArena}: design (b), what the store runs on: a {@link KeyIndex} (8-byte
 *       slots, presized at load 0.7) over a {@link RecordArena} holding key, header and value once; {@code find} then a
 *       {@code readLong} of the record's chunk;
 *   <li>{@code concurrentHashMap}: {@code ConcurrentHashMap<UUID, LongRecord>} (presized),
 *       {@code new UUID(msb, lsb)} then {@code get(..).value()};
 *   <li>{@code concurrentHashMapUpdated}: the same map after every value was replaced once by
 *       a new record, as a store's values are by mutations: the value no longer sits beside its
 *       node and key in memory (the allocation order of the first fill puts them together);
 *   <li>{@code chronicleMap}: {@code ChronicleMap<UUID, LongValue>} configured as its
 *       documentation recommends for speed: a 16-byte key marshaller ({@link UuidMarshaller})
 *       with {@code constantKeySizeBySample}, a value interface ({@link LongValue}, stored as a
 *       flyweight of 8 bytes) and {@code getUsing} into one reused heap instance, so no
 *       serialization and no garbage per read.
 * </ul>
 * At 1K entries everything is in cache and instruction count decides; at 1M the key set is far
 * larger than the caches and the number of memory accesses per lookup decides.
 *
 * <p>The store once ran on two full copies of 64-byte slots ({@code EntryTable},
 * removed after commit 6e98999, the last that has it); this benchmark measured it as
 * {@code entryTable}, and its figures stay in RESULTS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
        ForkFlags.CHRONICLE_BYTES_1, ForkFlags.CHRONICLE_BYTES_2, ForkFlags.CHRONICLE_BYTES_3,
        ForkFlags.CHRONICLE_BYTES_4, ForkFlags.CHRONICLE_BYTES_5, ForkFlags.CHRONICLE_BYTES_6,
        ForkFlags.CHRONICLE_BYTES_7, ForkFlags.CHRONICLE_BYTES_8,
        ForkFlags.CHRONICLE_MAP_1, ForkFlags.CHRONICLE_MAP_2})
public class TableLookupBenchmark {

    /** The value of the on-heap peer: one long, as the table's 8-byte value area. */
    public record LongRecord(long value) {
    }

    private static final int VALUE_SIZE = Long.BYTES;

    @Param({"1000", "1000000"})
    public int entries;

    private LookupKeys lookupOrder;
    private int next;

    private CompactSlotTable compactSlots;
    private RecordArena arena;
    private KeyIndex index;
    private ConcurrentHashMap<UUID, LongRecord> concurrentHashMap;
    private ConcurrentHashMap<UUID, LongRecord> concurrentHashMapUpdated;
    private ChronicleMap<UUID, LongValue> chronicleMap;
    private LongValue chronicleValue;

    @Setup(Level.Trial)
    public void setUp() {
        final LookupKeys keys = new LookupKeys(entries, 2024);
        lookupOrder = keys.shuffled(7);
        compactSlots = new CompactSlotTable(VALUE_SIZE, entries, 87);
        arena = RecordArena.create(VALUE_SIZE, entries, MemoryBudget.unlimited());
        index = KeyIndex.create(arena, entries, MemoryBudget.unlimited());
        concurrentHashMap = new ConcurrentHashMap<>(entries);
        concurrentHashMapUpdated = new ConcurrentHashMap<>(entries);
        chronicleMap = ChronicleMap.of(UUID.class, LongValue.class)
                .keyMarshaller(UuidMarshaller.INSTANCE)
                .constantKeySizeBySample(new UUID(0, 0))
                .entries(entries)
                .create();
        chronicleValue = Values.newHeapInstance(LongValue.class);
        final LongValue toPut = Values.newHeapInstance(LongValue.class);
        for (int i = 0; i < entries; i++) {
            UnsafeMemory.unsafePutLong(compactSlots.insert(keys.msb[i], keys.lsb[i]), i);
            final int ref = arena.allocate();
            arena.writeHeader(ref, keys.msb[i], keys.lsb[i], 1, 0, Long.MAX_VALUE);
            arena.bytes(ref).writeLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET, i);
            index.put(keys.msb[i], keys.lsb[i], ref);
            concurrentHashMap.put(keys.key(i), new LongRecord(i));
            concurrentHashMapUpdated.put(keys.key(i), new LongRecord(-1));
            toPut.setValue(i);
            chronicleMap.put(keys.key(i), toPut);
        }
        for (int i = 0; i < entries; i++) {
            concurrentHashMapUpdated.put(keys.key(i), new LongRecord(i));
        }
        for (int i = 0; i < entries; i++) {
            final long expected = readChronicleMap(i);
            if (readConcurrentHashMap(i) != expected || readCompactSlots(i) != expected
                    || readIndexAndArena(i) != expected || readConcurrentHashMapUpdated(i) != expected) {
                throw new AssertionError("peers disagree on key " + lookupOrder.key(i));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        chronicleMap.close();
        compactSlots.close();
        index.close();
        arena.close();
    }

    @Benchmark
    public long compactSlots() {
        return readCompactSlots(nextKey());
    }

    @Benchmark
    public long indexAndArena() {
        return readIndexAndArena(nextKey());
    }

    @Benchmark
    public long concurrentHashMap() {
        return readConcurrentHashMap(nextKey());
    }

    @Benchmark
    public long concurrentHashMapUpdated() {
        return readConcurrentHashMapUpdated(nextKey());
    }

    @Benchmark
    public long chronicleMap() {
        return readChronicleMap(nextKey());
    }

    private int nextKey() {
        final int i = next;
        next = i + 1 == entries ? 0 : i + 1;
        return i;
    }

    private long readCompactSlots(int i) {
        return UnsafeMemory.unsafeGetLong(compactSlots.lookup(lookupOrder.msb[i], lookupOrder.lsb[i]));
    }

    private long readIndexAndArena(int i) {
        final int ref = index.find(lookupOrder.msb[i], lookupOrder.lsb[i]);
        return arena.bytes(ref).readLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET);
    }

    private long readConcurrentHashMap(int i) {
        return concurrentHashMap.get(new UUID(lookupOrder.msb[i], lookupOrder.lsb[i])).value();
    }

    private long readConcurrentHashMapUpdated(int i) {
        return concurrentHashMapUpdated.get(new UUID(lookupOrder.msb[i], lookupOrder.lsb[i])).value();
    }

    private long readChronicleMap(int i) {
        return chronicleMap.getUsing(new UUID(lookupOrder.msb[i], lookupOrder.lsb[i]), chronicleValue).getValue();
    }
}
