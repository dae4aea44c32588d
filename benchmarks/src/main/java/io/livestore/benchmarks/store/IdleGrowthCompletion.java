package io.livestore.benchmarks.store;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import io.livestore.runtime.store.LiveStore;

/**
 * How long does an idle store take to finish an index growth that its last writes left under
 * way, and what does it hold until then? Not a JMH benchmark: one fill, then timed passes.
 *
 * <p>Workload: a store grown from empty by {@code N} (default 10,000,000) inserts of a
 * {@link Score} under random keys, with automatic maintenance off ({@code publishInterval} of a
 * day); then {@code maintain()} in a loop, each pass timed, until {@code memoryUsed()} has fallen
 * and then stayed put for 20,000 passes (the old slots of the growth are freed at its end; the
 * index log ring, grown meanwhile, goes back to its first size at an append once both copies
 * caught up), at most 200,000 passes; then three writes,
 * each followed by {@code maintain()}. Printed: bytes per entry after the fill and at each pass
 * that changed it, the number of passes and their mean and longest time, and bytes per entry
 * after each write. At the default {@code publishInterval}
 * (5 ms) a store takes one pass each interval.
 *
 * <p>Run: {@code java <livestore.jvm.flags> -Xmx8g -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.store.IdleGrowthCompletion [N]}.
 */
public final class IdleGrowthCompletion {

    private static final int MAX_PASSES = 200_000;
    /** Passes without a change after which the memory is taken as settled. */
    private static final int QUIET_PASSES = 20_000;

    private IdleGrowthCompletion() {
    }

    public static void main(String[] args) {
        final int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        try (LiveStore<Score, Object> store = LiveStore.builder(ScoreLayout.INSTANCE)
                .publishInterval(Duration.ofDays(1)).build()) {
            for (int i = 0; i < n; i++) {
                store.insert(UUID.randomUUID(), new Score(i, 1));
            }
            final long filled = store.memoryUsed();
            print("after the fill", filled, n);
            long longest = 0;
            long total = 0;
            int passes = 0;
            int sinceLastFall = 0;
            long used = filled;
            while (passes < MAX_PASSES && (used == filled || sinceLastFall < QUIET_PASSES)) {
                final long start = System.nanoTime();
                store.maintain();
                final long took = System.nanoTime() - start;
                longest = Math.max(longest, took);
                total += took;
                passes++;
                sinceLastFall++;
                final long now = store.memoryUsed();
                if (now != used) {
                    System.out.printf(Locale.ROOT, "pass %,d: %.1f bytes/entry%n", passes, (double) now / n);
                    used = now;
                    sinceLastFall = 0;
                }
            }
            System.out.printf(Locale.ROOT, "maintain() passes: %,d%s, mean %.3f ms, longest %.3f ms%n",
                    passes, passes == MAX_PASSES ? " (gave up)" : "", total / 1e6 / Math.max(1, passes), longest / 1e6);
            print("after them", store.memoryUsed(), n);
            final UUID key = UUID.randomUUID();
            for (int i = 1; i <= 3; i++) {
                store.insert(key, new Score(i, 1));
                store.maintain();
                print("after write " + i, store.memoryUsed(), n);
            }
        }
    }

    private static void print(String when, long bytes, int entries) {
        System.out.printf(Locale.ROOT, "%-20s %7.1f bytes/entry (native)%n", when, (double) bytes / entries);
    }
}
