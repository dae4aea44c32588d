package io.livestore.benchmarks.store;

import java.lang.ref.Reference;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import io.livestore.benchmarks.table.LongEntryFootprint;
import io.livestore.benchmarks.table.LookupKeys;
import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.store.LiveStore;

/**
 * How many bytes does one entry of a whole store cost, against a {@code ConcurrentHashMap}
 * holding the same values? Not a JMH benchmark: a size, measured once.
 *
 * <p>Workload: {@code N} (default 1,000,000) random v4 keys, each with a value of 16, 56 or 200
 * bytes in its layout ({@link Score}, {@link Wide56}, {@link Wide200}). Measured, per size:
 * <ul>
 *   <li>the store ({@code LiveStore} over the value's generated layout, as every generated
 *       {@code XStore} is), presized ({@code expectedEntries(N)}) and grown from the default:
 *       {@code memoryUsed()} (every native byte: records, both index copies, the index log), plus
 *       the heap it adds (in use after full GCs, minus the same before filling); then the same
 *       after {@code maintain()} (which finishes a growth the last inserts started), and after
 *       every entry was overwritten once by a mutation-like write, the steady state of a store
 *       whose values change;
 *   <li>{@code ConcurrentHashMap<UUID, V>} of the same records, grown from empty: the heap it adds.
 * </ul>
 *
 * <p>Run: {@code java <livestore.jvm.flags> -Xmx12g -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.store.StoreFootprint [N [size ...]]}, sizes among 16, 56 and 200
 * (default: all three).
 */
public final class StoreFootprint {

    private StoreFootprint() {
    }

    /** A value type of the comparison: its layout and a value per seed. */
    private record Sized<V>(int bytes, String name, ValueLayout<V> layout, LongFunction<V> value) {
    }

    private static final Sized<?>[] SIZES = {
        new Sized<>(16, "Score", ScoreLayout.INSTANCE, seed -> new Score(seed, (int) seed)),
        new Sized<>(56, "Wide56", Wide56Layout.INSTANCE, Wide56::of),
        new Sized<>(200, "Wide200", Wide200Layout.INSTANCE, Wide200::of),
    };

    public static void main(String[] args) {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final LookupKeys keys = new LookupKeys(n, 2024);
        System.out.printf(Locale.ROOT, "entries: %,d; JVM: %s%n", n, Runtime.version());
        for (Sized<?> sized : SIZES) {
            if (args.length <= 1 || chosen(args, sized.bytes())) {
                compare(keys, sized);
            }
        }
    }

    private static boolean chosen(String[] args, int bytes) {
        for (int i = 1; i < args.length; i++) {
            if (Integer.parseInt(args[i]) == bytes) {
                return true;
            }
        }
        return false;
    }

    private static <V> void compare(LookupKeys keys, Sized<V> sized) {
        if (sized.layout().size() != sized.bytes()) {
            throw new AssertionError(sized.name() + " is " + sized.layout().size() + " bytes, not " + sized.bytes());
        }
        final String value = sized.name() + " (" + sized.bytes() + " B)";
        final double chm = concurrentHashMap(keys, sized);
        report("ConcurrentHashMap<UUID, " + value + ">, grown", chm, chm);
        store(keys, sized, true, chm);
        store(keys, sized, false, chm);
    }

    private static <V> double concurrentHashMap(LookupKeys keys, Sized<V> sized) {
        final long before = LongEntryFootprint.usedHeap();
        final ConcurrentHashMap<UUID, V> map = new ConcurrentHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.key(i), sized.value().apply(i));
        }
        final long after = LongEntryFootprint.usedHeap();
        Reference.reachabilityFence(map);
        return (double) (after - before) / keys.size();
    }

    private static <V> void store(LookupKeys keys, Sized<V> sized, boolean presized, double chm) {
        final long before = LongEntryFootprint.usedHeap();
        final var builder = LiveStore.builder(sized.layout());
        if (presized) {
            builder.expectedEntries(keys.size());
        }
        try (LiveStore<V, Object> store = builder.build()) {
            for (int i = 0; i < keys.size(); i++) {
                store.insert(keys.key(i), sized.value().apply(i));
            }
            final String how = sized.name() + " store, " + (presized ? "presized" : "grown");
            report(how, perEntry(store, before, keys.size()), chm);
            // A growth that the last inserts started is finished by maintenance, which runs on
            // its own every publishInterval; called here so that the figure does not depend on
            // whether it ran yet. Until then both slot arrays of each copy are allocated.
            store.maintain();
            report(how + ", after maintain()", perEntry(store, before, keys.size()), chm);
            for (int i = 0; i < keys.size(); i++) {
                store.insert(keys.key(i), sized.value().apply(-i));
            }
            report(how + ", every value overwritten", perEntry(store, before, keys.size()), chm);
        }
    }

    /** Bytes per entry: {@code memoryUsed()} (native) plus the heap the store added. */
    private static double perEntry(LiveStore<?, ?> store, long heapBefore, int entries) {
        final long heap = Math.max(0, LongEntryFootprint.usedHeap() - heapBefore);
        return (double) (store.memoryUsed() + heap) / entries;
    }

    private static void report(String what, double bytesPerEntry, double baseline) {
        System.out.printf(Locale.ROOT, "%-60s %7.1f bytes/entry  %5.2fx ConcurrentHashMap%n",
                what, bytesPerEntry, bytesPerEntry / baseline);
    }
}
