package io.livestore.benchmarks.table;

import java.util.Locale;

import io.livestore.benchmarks.LongestCalls;
import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.MemoryBudget;
import io.livestore.runtime.table.RecordArena;

/**
 * The longest single insert while a table grows from empty to {@code N} entries (default 10M):
 * the writer's stall when the table rehashes. Not a JMH benchmark: each insert is timed with
 * {@code System.nanoTime()} (about 20 ns of overhead per insert, irrelevant beside a rehash), and
 * the three longest are reported with the entry count at which they happened.
 *
 * <p>What the store runs on: a {@link KeyIndex} over a {@link RecordArena}. Growth multiplies the
 * 8-byte slots by 3/2, incrementally: each write zeroes a page of the new slots, then each moves
 * the entries of eight old slots from their stored tags, never reading a record (until commit
 * adde3de it rehashed every entry in the insert that made the growth due); the arena adds a
 * chunk without copying. (Up to commit 6e98999, the last that has it, this program
 * also grew the store's former table of 64-byte slots, which doubled and rehashed every key; its
 * figure stays in RESULTS.md.) One copy: the store replays a growth into both copies, the second
 * one while readers read the first, so each copy's growth is one stall of the writer.
 *
 * <p>Run: {@code java <livestore.jvm.flags> -Xmx4g -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.table.GrowthStall [N]}.
 */
public final class GrowthStall {

    private static final int VALUE_SIZE = 16;

    private GrowthStall() {
    }

    public static void main(String[] args) {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        final LookupKeys keys = new LookupKeys(n, 2024);
        System.out.printf(Locale.ROOT, "entries: %,d; JVM: %s%n", n, Runtime.version());
        for (int round = 0; round < 2; round++) {
            // The first round warms the JIT up; the second is reported.
            final LongestCalls designB = new LongestCalls();
            final MemoryBudget budget = MemoryBudget.unlimited();
            try (RecordArena arena = RecordArena.create(VALUE_SIZE, 0, budget);
                    KeyIndex index = KeyIndex.create(arena, 0, budget)) {
                for (int i = 0; i < n; i++) {
                    final long start = System.nanoTime();
                    final int ref = arena.allocate();
                    arena.writeHeader(ref, keys.msb[i], keys.lsb[i], 1, 0, 0);
                    index.put(keys.msb[i], keys.lsb[i], ref);
                    designB.offer(System.nanoTime() - start, i);
                }
            }
            if (round == 1) {
                System.out.println("KeyIndex + RecordArena:  " + designB);
            }
        }
    }
}
