package io.livestore.benchmarks.store;

import java.lang.ref.Reference;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.livestore.benchmarks.table.LongEntryFootprint;
import io.livestore.benchmarks.table.LookupKeys;

/**
 * How many bytes does one entry of a whole store cost, against a {@code ConcurrentHashMap}
 * holding the same values? Not a JMH benchmark: a size, measured once.
 *
 * <p>Workload: {@code N} (default 1,000,000) random v4 keys, each with a {@link Score} (16 bytes
 * in its layout). Measured:
 * <ul>
 *   <li>{@code ScoreStore}, presized ({@code expectedEntries(N)}) and grown from the default:
 *       {@code memoryUsed()} (every native byte: records, both index copies, the index log), plus
 *       the heap it adds (in use after full GCs, minus the same before filling); then the same
 *       after every entry was overwritten once by a mutation-like write, the steady state of a
 *       store whose values change;
 *   <li>{@code ConcurrentHashMap<UUID, Score>}, grown from empty: the heap it adds.
 * </ul>
 *
 * <p>Run: {@code java <livestore.jvm.flags> -Xmx4g -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.store.StoreFootprint [N]}.
 */
public final class StoreFootprint {

    private StoreFootprint() {
    }

    public static void main(String[] args) {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final LookupKeys keys = new LookupKeys(n, 2024);
        System.out.printf(Locale.ROOT, "entries: %,d; JVM: %s%n", n, Runtime.version());
        final double chm = concurrentHashMap(keys);
        report("ConcurrentHashMap<UUID, Score>, grown", chm, chm);
        store(keys, true, chm);
        store(keys, false, chm);
    }

    private static double concurrentHashMap(LookupKeys keys) {
        final long before = LongEntryFootprint.usedHeap();
        final ConcurrentHashMap<UUID, Score> map = new ConcurrentHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.key(i), new Score(i, 1));
        }
        final long after = LongEntryFootprint.usedHeap();
        Reference.reachabilityFence(map);
        return (double) (after - before) / keys.size();
    }

    private static void store(LookupKeys keys, boolean presized, double chm) {
        final long before = LongEntryFootprint.usedHeap();
        final ScoreStore.Builder builder = ScoreStore.builder();
        if (presized) {
            builder.expectedEntries(keys.size());
        }
        try (ScoreStore store = builder.build()) {
            for (int i = 0; i < keys.size(); i++) {
                store.insert(keys.key(i), new Score(i, 1));
            }
            final String how = presized ? "presized" : "grown";
            report("ScoreStore, " + how, perEntry(store, before, keys.size()), chm);
            for (int i = 0; i < keys.size(); i++) {
                store.insert(keys.key(i), new Score(i, 2));
            }
            report("ScoreStore, " + how + ", every value overwritten", perEntry(store, before, keys.size()), chm);
        }
    }

    private static double perEntry(ScoreStore store, long heapBefore, int entries) {
        final long heap = Math.max(0, LongEntryFootprint.usedHeap() - heapBefore);
        return (double) (store.memoryUsed() + heap) / entries;
    }

    private static void report(String what, double bytesPerEntry, double baseline) {
        System.out.printf(Locale.ROOT, "%-52s %7.1f bytes/entry  %5.2fx ConcurrentHashMap%n",
                what, bytesPerEntry, bytesPerEntry / baseline);
    }
}
