package io.livestore.benchmarks.table;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.livestore.benchmarks.table.EntryTableLookupBenchmark.LongRecord;
import io.livestore.runtime.table.EntryTable;
import io.livestore.runtime.table.EntryTableLayout;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.values.Values;

/**
 * How many bytes does one entry cost? Not a JMH benchmark: a size, measured once.
 *
 * <p>Workload: {@code N} (default 1,000,000) random v4 keys, each with a value of one
 * {@code long}, as in {@link EntryTableLookupBenchmark}. Measured:
 * <ul>
 *   <li>{@code ConcurrentHashMap<UUID, LongRecord>}, default-constructed and presized: heap in
 *       use after full GCs, minus the same before filling, divided by N (node, UUID key, value
 *       record and table share);
 *   <li>{@link EntryTable} with an 8-byte value, grown from empty and presized: its native slots
 *       (capacity times slot size) divided by N, plus the heap it adds (measured the same way);
 *   <li>Chronicle Map as configured in the lookup benchmark: {@code offHeapMemoryUsed()} / N.
 * </ul>
 *
 * <p>Run: {@code java <livestore.jvm.flags> <Chronicle Map flags> -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.table.EntryTableFootprint [N]}.
 */
public final class EntryTableFootprint {

    private EntryTableFootprint() {
    }

    public static void main(String[] args) throws Exception {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final LookupKeys keys = new LookupKeys(n, 2024);
        System.out.printf(Locale.ROOT, "entries: %,d; JVM: %s%n", n, Runtime.version());

        final double chmGrown = concurrentHashMap(keys, false);
        final double chmPresized = concurrentHashMap(keys, true);
        report("ConcurrentHashMap<UUID, LongRecord>, grown", chmGrown, chmGrown);
        report("ConcurrentHashMap<UUID, LongRecord>, presized", chmPresized, chmGrown);
        report("EntryTable, grown", entryTable(keys, false), chmGrown);
        report("EntryTable, presized", entryTable(keys, true), chmGrown);
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

    private static double entryTable(LookupKeys keys, boolean presized) {
        final long before = usedHeap();
        try (EntryTable table = EntryTable.create(Long.BYTES, presized ? keys.size() : 0)) {
            for (int i = 0; i < keys.size(); i++) {
                final long slot = table.put(keys.msb[i], keys.lsb[i], 1, 0, 0, Long.BYTES);
                table.bytes().writeLong(EntryTableLayout.valueOffset(slot), i);
            }
            final long heap = usedHeap() - before;
            final long nativeBytes = (long) table.capacity() * table.slotSize();
            System.out.printf(Locale.ROOT, "  (EntryTable %s: capacity %,d slots of %d bytes, load %.2f, heap %,d bytes)%n",
                    presized ? "presized" : "grown", table.capacity(), table.slotSize(),
                    (double) keys.size() / table.capacity(), heap);
            return (double) (nativeBytes + Math.max(0, heap)) / keys.size();
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
    static long usedHeap() {
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
