package io.livestore.benchmarks.table;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.livestore.benchmarks.table.TableLookupBenchmark.LongRecord;
import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.MemoryBudget;
import io.livestore.runtime.table.RecordArena;
import io.livestore.runtime.table.RecordLayout;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;

/**
 * How many bytes does one entry cost? Not a JMH benchmark: a size, measured once.
 *
 * <p>Workload: {@code N} (default 1,000,000) random v4 keys, each with a value of one
 * {@code long}, as in {@link TableLookupBenchmark}. Measured:
 * <ul>
 *   <li>{@code ConcurrentHashMap<UUID, LongRecord>}, default-constructed and presized: heap in
 *       use after full GCs, minus the same before filling, divided by N (node, UUID key, value
 *       record and table share);
 *   <li>the store's table with an 8-byte value, grown from empty and presized: two
 *       {@link KeyIndex} copies over one {@link RecordArena}, native bytes divided by N, plus the
 *       heap they add (measured the same way);
 *   <li>Chronicle Map as configured in the lookup benchmark: {@code offHeapMemoryUsed()} / N.
 * </ul>
 *
 * <p>Run: {@code java <livestore.jvm.flags> <Chronicle Map flags> -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.table.LongEntryFootprint [N]}. (Up to commit 6e98999, the last that
 * has it, it measured the store's former table of 64-byte slots, {@code EntryTable}; those
 * figures stay in RESULTS.md.)
 */
public final class LongEntryFootprint {

    private LongEntryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final LookupKeys keys = new LookupKeys(n, 2024);
        System.out.printf(Locale.ROOT, "entries: %,d; JVM: %s%n", n, Runtime.version());

        final double chmGrown = concurrentHashMap(keys, false);
        final double chmPresized = concurrentHashMap(keys, true);
        report("ConcurrentHashMap<UUID, LongRecord>, grown", chmGrown, chmGrown);
        report("ConcurrentHashMap<UUID, LongRecord>, presized", chmPresized, chmGrown);
        report("KeyIndex x2 + RecordArena, grown", indexAndArena(keys, false), chmGrown);
        report("KeyIndex x2 + RecordArena, presized", indexAndArena(keys, true), chmGrown);
        report("ChronicleMap<UUID, LongValue>, presized", chronicleMap(keys), chmGrown);
    }

    private static double concurrentHashMap(LookupKeys keys, boolean presized) {
        final long before = usedHeap();
        final ConcurrentHashMap<UUID, LongRecord> map = presized
                ? new ConcurrentHashMap<>(keys.size()) : new ConcurrentHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.key(i), new LongRecord(i));
        }
        final long after = usedHeap();
        Reference.reachabilityFence(map);
        return (double) (after - before) / keys.size();
    }

    private static double indexAndArena(LookupKeys keys, boolean presized) {
        final long before = usedHeap();
        final MemoryBudget budget = MemoryBudget.unlimited();
        final int expected = presized ? keys.size() : 0;
        try (RecordArena arena = RecordArena.create(Long.BYTES, expected, budget);
                KeyIndex index = KeyIndex.create(arena, expected, budget);
                KeyIndex copy = KeyIndex.create(arena, expected, budget)) {
            for (int i = 0; i < keys.size(); i++) {
                final int ref = arena.allocate();
                arena.writeHeader(ref, keys.msb[i], keys.lsb[i], 1, 0, 0);
                arena.bytes(ref).writeLong(arena.offset(ref) + RecordLayout.VALUE_OFFSET, i);
                index.put(keys.msb[i], keys.lsb[i], ref);
                copy.put(keys.msb[i], keys.lsb[i], ref);
            }
            final long heap = usedHeap() - before;
            System.out.printf(Locale.ROOT, "  (index+arena %s: %,d slots of 8 bytes per copy, load %.2f;"
                    + " %,d records of %d bytes; heap %,d bytes)%n", presized ? "presized" : "grown",
                    index.capacity(), (double) keys.size() / index.capacity(), arena.capacity(), arena.recordSize(), heap);
            return (double) (budget.used() + Math.max(0, heap)) / keys.size();
        }
    }

    private static double chronicleMap(LookupKeys keys) {
        try (ChronicleMap<UUID, LongValue> map = ChronicleMap.of(UUID.class, LongValue.class)
                .keyMarshaller(UuidMarshaller.INSTANCE)
                .constantKeySizeBySample(new UUID(0, 0))
                .entries(keys.size())
                .create()) {
            final LongValue value = Values.newHeapInstance(LongValue.class);
            for (int i = 0; i < keys.size(); i++) {
                value.setValue(i);
                map.put(keys.key(i), value);
            }
            return (double) map.offHeapMemoryUsed() / keys.size();
        }
    }

    private static void report(String what, double bytesPerEntry, double baseline) {
        System.out.printf(Locale.ROOT, "%-48s %7.1f bytes/entry  %5.2fx ConcurrentHashMap (grown)%n",
                what, bytesPerEntry, bytesPerEntry / baseline);
    }

    /** Heap in use after full collections, once the figure stops falling. */
    public static long usedHeap() {
        long used = Long.MAX_VALUE;
        // Several full collections until the figure stops falling: finalizable and soft garbage
        // can take more than one.
        for (int i = 0; i < 5; i++) {
            System.gc();
            final long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (now >= used) {
                break;
            }
            used = now;
        }
        return used;
    }
}
