package io.livestore.benchmarks.table;

import java.lang.ref.Reference;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.MemoryBudget;
import io.livestore.runtime.table.RecordArena;

/**
 * Bytes per entry of the candidate table designs, both copies counted, against
 * {@code ConcurrentHashMap<UUID, long[]>} holding values of the same size. Not a JMH benchmark:
 * a size, measured once per design and value size.
 *
 * <ul>
 *   <li><b>(a) compact slots</b>: two copies of {@link CompactSlotTable} (40-byte header, no
 *       padding) presized at load 0.75 and at 0.875, the highest load linear probing tolerates;
 *   <li><b>(b) index + arena</b>: two {@link KeyIndex} copies (8 bytes a slot) over one
 *       {@link RecordArena} (each value stored once with its key and header), grown from empty
 *       and presized;
 *   <li>{@code ConcurrentHashMap<UUID, long[]>} grown from empty, the value a {@code long[]}
 *       of the value size (its 16-byte header is what a record's header and padding cost):
 *       heap in use after full GCs, minus the same before filling.
 * </ul>
 * Native bytes are what the structures allocated, divided by the entry count; the heap of the
 * off-heap designs is a few objects whatever the count. Logs are not counted here: design (b)'s
 * log holds only the key and a record reference of each pending write.
 *
 * <p>Up to commit 6e98999, the last that has it, this program also measured the store's former
 * table, two copies of 64-byte slots ({@code EntryTable}); its figures stay in RESULTS.md.
 *
 * <p>Run: {@code java <livestore.jvm.flags> -Xmx12g -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.table.TableDesignFootprint [entries [valueSize...]]} (defaults:
 * 1,000,000 entries; 16, 56 and 200 bytes).
 */
public final class TableDesignFootprint {

    private TableDesignFootprint() {
    }

    public static void main(String[] args) {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        final int[] sizes = {16, 56, 200};
        final int[] valueSizes = args.length > 1 ? new int[args.length - 1] : sizes;
        for (int i = 1; i < args.length; i++) {
            valueSizes[i - 1] = Integer.parseInt(args[i]);
        }
        final LookupKeys keys = new LookupKeys(n, 2024);
        System.out.printf(Locale.ROOT, "entries: %,d; JVM: %s%n", n, Runtime.version());
        System.out.println("| value | ConcurrentHashMap | (a) load 0.75 | (a) load 0.875 | (b) presized | (b) grown |");
        System.out.println("|---|---|---|---|---|---|");
        for (int valueSize : valueSizes) {
            final double chm = concurrentHashMap(keys, valueSize);
            final StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %d B | %s", valueSize,
                    cell(chm, chm)));
            row.append(cell(compact(keys, valueSize, 75), chm));
            row.append(cell(compact(keys, valueSize, 87), chm));
            row.append(cell(indexAndArena(keys, valueSize, true), chm));
            row.append(cell(indexAndArena(keys, valueSize, false), chm));
            System.out.println(row);
        }
    }

    private static String cell(double bytesPerEntry, double baseline) {
        return String.format(Locale.ROOT, "%.1f B = **%.2f** | ", bytesPerEntry, bytesPerEntry / baseline);
    }

    private static double concurrentHashMap(LookupKeys keys, int valueSize) {
        final long before = LongEntryFootprint.usedHeap();
        final ConcurrentHashMap<UUID, long[]> map = new ConcurrentHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            final long[] value = new long[valueSize / Long.BYTES];
            value[0] = i;
            map.put(keys.key(i), value);
        }
        final long after = LongEntryFootprint.usedHeap();
        Reference.reachabilityFence(map);
        return (double) (after - before) / keys.size();
    }

    private static double compact(LookupKeys keys, int valueSize, int loadPercent) {
        try (CompactSlotTable table = new CompactSlotTable(valueSize, keys.size(), loadPercent)) {
            for (int i = 0; i < keys.size(); i++) {
                table.insert(keys.msb[i], keys.lsb[i]);
            }
            return 2.0 * table.nativeBytes() / keys.size();
        }
    }

    private static double indexAndArena(LookupKeys keys, int valueSize, boolean presized) {
        final MemoryBudget budget = MemoryBudget.unlimited();
        final int expected = presized ? keys.size() : 0;
        try (RecordArena arena = RecordArena.create(valueSize, expected, budget);
                KeyIndex index = KeyIndex.create(arena, expected, budget)) {
            for (int i = 0; i < keys.size(); i++) {
                final int ref = arena.allocate();
                arena.writeHeader(ref, keys.msb[i], keys.lsb[i], 1, 0, 0);
                index.put(keys.msb[i], keys.lsb[i], ref);
            }
            return (2.0 * index.nativeBytes() + arena.nativeBytes()) / keys.size();
        }
    }
}
