package io.livestore.benchmarks.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.livestore.benchmarks.peers.Peers;
import io.livestore.benchmarks.peers.ScorePeer;
import io.livestore.benchmarks.report.BarPlot;
import io.livestore.benchmarks.table.LongEntryFootprint;
import io.livestore.benchmarks.table.LookupKeys;

/**
 * Issue 17, workload 7: how many bytes does one entry cost in the store, against
 * {@code ConcurrentHashMap}, Chronicle Map and Redis holding the same values? Not a JMH
 * benchmark: a size, measured once per peer (extends {@link StoreFootprint}, which compares the
 * store's growth and presizing with {@code ConcurrentHashMap} only).
 *
 * <p>Workload: {@code N} (default 1,000,000) random v4 keys, each with a {@link Score}, put into
 * each peer in turn, sized for {@code N} where the peer takes a size. Per entry: the heap the peer
 * adds (in use after full GCs, against before it was created) plus what it holds outside the heap
 * ({@link ScorePeer#nativeBytes()}: the store's {@code memoryUsed()}, Chronicle Map's
 * {@code offHeapMemoryUsed()}, the {@code used_memory} Redis's {@code INFO memory} reports minus
 * that of its empty server; Redis's process overhead and allocator fragmentation are not counted).
 * Measured twice: once filled, once after every entry was mutated once (add 1 to its points;
 * pipelined for Redis), the steady state of values that change.
 *
 * <p>Run: {@code java <livestore.jvm.flags> -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.store.PeersFootprint --out DIR [--quick] [--entries N]}; writes
 * {@code DIR/w7-footprint.md} (a fragment of the report) and {@code DIR/w7-footprint.png}.
 * {@code --quick} measures {@value #QUICK_ENTRIES} entries instead (about a quarter of the
 * time: the GCs and Redis's fills dominate); the fragment says how many.
 * Besides {@code livestore.jvm.flags}, Chronicle Map needs the two {@code jdk.compiler} flags of
 * {@link io.livestore.benchmarks.ForkFlags} to compile its values interface.
 */
public final class PeersFootprint {

    private static final String NAME = "w7-footprint";
    private static final List<String> PEERS = List.of(Peers.LIVE_STORE, Peers.CONCURRENT_HASH_MAP,
            Peers.CHRONICLE_MAP, Peers.REDIS_HASH, Peers.REDIS_STRING);
    private static final int MUTATION_BATCH = 1_000;
    private static final int QUICK_ENTRIES = 250_000;

    private PeersFootprint() {
    }

    /** Bytes per entry of one peer, filled and after one mutation of each entry. */
    private record Footprint(String peer, double filled, double mutated) {
    }

    /**
     * Measures every peer and writes the fragment.
     *
     * @param args {@code --out DIR [--quick] [--entries N]}
     * @throws IOException if the fragment cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = null;
        Integer entries = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--entries" -> entries = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                default -> throw new IllegalArgumentException("usage: PeersFootprint --out DIR [--quick] [--entries N]; "
                        + "unknown argument " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("usage: PeersFootprint --out DIR [--quick] [--entries N]");
        }
        if (entries == null) {
            entries = quick ? QUICK_ENTRIES : 1_000_000;
        }
        Files.createDirectories(out);
        final LookupKeys keys = new LookupKeys(entries, 2024);
        final List<Footprint> footprints = new ArrayList<>();
        for (String peer : PEERS) {
            final Footprint f = measure(peer, keys);
            System.out.printf(Locale.ROOT, "%-20s %7.1f bytes/entry filled, %7.1f after one mutation each%n",
                    f.peer(), f.filled(), f.mutated());
            footprints.add(f);
        }
        write(out, entries, footprints);
    }

    private static Footprint measure(String name, LookupKeys keys) {
        final long heapBefore = LongEntryFootprint.usedHeap();
        try (ScorePeer peer = Peers.create(name, keys.size())) {
            peer.fill(keys);
            Peers.check(peer, keys);
            final double filled = perEntry(peer, heapBefore, keys.size());
            for (int from = 0; from < keys.size(); from += MUTATION_BATCH) {
                peer.addPointsBatch(keys, from, Math.min(MUTATION_BATCH, keys.size() - from), 1);
            }
            return new Footprint(name, filled, perEntry(peer, heapBefore, keys.size()));
        }
    }

    private static double perEntry(ScorePeer peer, long heapBefore, int entries) {
        final long heap = Math.max(0, LongEntryFootprint.usedHeap() - heapBefore);
        return (double) (heap + peer.nativeBytes()) / entries;
    }

    private static void write(Path out, int entries, List<Footprint> footprints) throws IOException {
        final Footprint baseline = footprints.stream()
                .filter(f -> f.peer().equals(Peers.CONCURRENT_HASH_MAP)).findFirst().orElseThrow();
        final StringBuilder md = new StringBuilder();
        md.append("### Workload 7: memory per entry at ").append(String.format(Locale.ROOT, "%,d", entries))
                .append(" entries\n\n");
        md.append("Bytes per entry of a `Score` (16 bytes in the store's layout): heap added after full GCs plus "
                + "native bytes (the store's `memoryUsed()`, Chronicle Map's `offHeapMemoryUsed()`, Redis's "
                + "`INFO memory` `used_memory` minus the empty server's), filled and after every entry was "
                + "mutated once. Measured once on JDK " + Runtime.version() + ", not by JMH (`PeersFootprint`).\n\n");
        md.append("| peer | bytes/entry, filled | × ConcurrentHashMap | after one mutation of each | × ConcurrentHashMap |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        final Map<String, List<Double>> bars = new LinkedHashMap<>();
        for (Footprint f : footprints) {
            final boolean self = f == baseline;
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %.2f |%n",
                    self ? "**" + f.peer() + "**" : f.peer(), f.filled(), f.filled() / baseline.filled(),
                    f.mutated(), f.mutated() / baseline.mutated()));
            bars.put(f.peer(), Arrays.asList(f.filled(), f.mutated()));
        }
        md.append("\n![Workload 7: memory per entry](").append(NAME).append(".png)\n");
        Files.writeString(out.resolve(NAME + ".md"), md.toString());
        BarPlot.save("Workload 7: memory per entry, " + String.format(Locale.ROOT, "%,d", entries) + " entries",
                "bytes/entry (lower is better)", List.of("filled", "after one mutation of each"), bars,
                out.resolve(NAME + ".png"));
    }
}
