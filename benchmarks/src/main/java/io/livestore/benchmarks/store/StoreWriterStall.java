package io.livestore.benchmarks.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import io.livestore.benchmarks.LongestCalls;
import io.livestore.benchmarks.table.LookupKeys;
import io.livestore.runtime.store.StoreReader;

/**
 * How long can one write of a whole store take, at {@code N} entries (default 10M)? Two causes of
 * a long write, each measured by timing every write with {@code System.nanoTime()} (about 20 ns
 * of overhead, irrelevant beside a stall). Not a JMH benchmark: the question is the worst single
 * call, not an average.
 *
 * <ol>
 *   <li><b>Growth.</b> A {@link ScoreStore} built with no expected size takes {@code N} inserts;
 *       the index copies grow by 3/2 when full, each copy during its own replay, so a growth
 *       stalls two writes, one per copy. Reported: the three longest inserts, with the entry
 *       count at which they happened.
 *   <li><b>Catch-up after a slow reader.</b> A reader holds its snapshot while {@code N/5} values
 *       are overwritten; then it lets go, and this thread goes on writing (one {@code assign} at
 *       a time) while the store catches its index copies up, in steps of at most 4,096 writes,
 *       helped by each write and by its maintenance thread. Reported: the longest write while it
 *       catches up, the time until the reader sees the whole burst, and, for comparison, how long
 *       the same catch-up takes with no writes meanwhile ({@code maintain()} until nothing is
 *       unpublished): the single stall it was before it was cut into steps.
 * </ol>
 *
 * <p>Run: {@code java <livestore.jvm.flags> -Xmx3g -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.store.StoreWriterStall [N]}.
 */
public final class StoreWriterStall {

    private StoreWriterStall() {
    }

    public static void main(String[] args) {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        final LookupKeys keys = new LookupKeys(n, 2024);
        System.out.printf(Locale.ROOT, "entries: %,d; JVM: %s%n", n, Runtime.version());
        for (int round = 0; round < 2; round++) {
            // The first round warms the JIT up; the second is reported.
            final boolean report = round == 1;
            try (ScoreStore store = ScoreStore.builder().expectedEntries(0).build()) {
                final LongestCalls growth = new LongestCalls();
                for (int i = 0; i < n; i++) {
                    final long start = System.nanoTime();
                    store.insert(keys.key(i), new Score(i, 1));
                    growth.offer(System.nanoTime() - start, i);
                }
                if (report) {
                    System.out.println("growth to " + String.format(Locale.ROOT, "%,d", n) + " entries, longest inserts: "
                            + growth);
                }
                catchUp(store, keys, n / 5, report, false);
                catchUp(store, keys, n / 5, report, true);
            }
        }
    }

    /**
     * Holds a reader through {@code burst} overwrites, lets go, then either keeps writing until the
     * reader sees the burst (stepped catch-up) or calls {@code maintain()} once (all steps).
     */
    private static void catchUp(ScoreStore store, LookupKeys keys, int burst, boolean report, boolean oneCall) {
        final int n = keys.size();
        try (StoreReader<Score> reader = store.reader()) {
            reader.current();
            final long tag = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                store.assign(keys.key(i % n), new Score(tag, i));
            }
            final UUID last = keys.key((burst - 1) % n);
            reader.quiescent();
            final long start = System.nanoTime();
            if (oneCall) {
                // No writes: maintain() takes steps until nothing is unpublished (the maintenance
                // thread may take some of them): the work the catch-up was, in one piece, before
                // it was cut into steps.
                while (store.maintain() > 0) {
                    Thread.onSpinWait();
                }
                final long elapsed = System.nanoTime() - start;
                if (report) {
                    System.out.printf(Locale.ROOT, "catch-up of %,d held writes with no writes meanwhile: %.1f ms%n",
                            burst, elapsed / 1e6);
                }
                return;
            }
            final long[] writes = new long[1 << 22];
            int count = 0;
            int next = burst;
            while (true) {
                final long writeStart = System.nanoTime();
                store.assign(keys.key(next % n), new Score(tag + 1, next));
                writes[count++ & (writes.length - 1)] = System.nanoTime() - writeStart;
                next++;
                if ((count & 255) == 0) {
                    final Score seen = reader.current().get(last);
                    if (seen != null && seen.points() == tag) {
                        break;
                    }
                }
                reader.quiescent();
            }
            final long caughtUp = System.nanoTime() - start;
            if (report) {
                final long[] sorted = Arrays.copyOf(writes, Math.min(count, writes.length));
                Arrays.sort(sorted);
                System.out.printf(Locale.ROOT, "catch-up of %,d held writes in steps: readers saw them after %.1f ms; "
                                + "%,d writes meanwhile, longest %.2f ms, p99.9 %.3f ms, median %.4f ms%n",
                        burst, caughtUp / 1e6, count, sorted[sorted.length - 1] / 1e6,
                        sorted[(int) (sorted.length * 0.999)] / 1e6, sorted[sorted.length / 2] / 1e6);
            }
        }
    }
}
