package io.livestore.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 17's targets, each set against the figures of the same run: figures, not tests. A target
 * whose results the run did not produce (a quick run, a workload left out) is listed as not
 * measured; targets that other programs measure (fan-out, GC) point to their sections.
 */
final class Targets {

    private static final String READ = "PeersReadBenchmark";
    private static final String MUTATE = "PeersMutateBenchmark";
    private static final String REDIS = "RedisLoopbackBenchmark";
    private static final String STORE = "liveStore";
    private static final String BARE = "bareIndexAndArena";
    private static final String CHM = "concurrentHashMap";
    private static final List<String> REDIS_PEERS = List.of("redisHash", "redisString");
    /** Redis workload operations that take one round trip each. */
    private static final List<String> ROUND_TRIP_OPERATIONS = List.of("read", "mutate", "mix", "churn");

    private final List<JmhResult> results;
    private final List<String> rows = new ArrayList<>();

    private Targets(List<JmhResult> results) {
        this.results = results;
    }

    /**
     * @param results every result of the run
     * @return the targets table in markdown, with a heading
     */
    static String markdown(List<JmhResult> results) {
        return new Targets(results).render();
    }

    private String render() {
        readTargets();
        mutateTargets();
        redisTarget();
        row("`current()` without a new generation ≤ 2 ns", "not in this run: `HotReadGetBenchmark`, section "
                + "\"HotRead: `current()` plus one read\" above", null);
        row("fan-out to 10,000 watchers: the writer's cost per mutation independent of the watcher count",
                "see \"Fan-out\" below (writer cost per mutation, by watcher count)", null);
        row("GC at 10M entries: longest pause ≤ 1/10 of `ConcurrentHashMap`'s", "see \"GC pauses\" below", null);
        final StringBuilder md = new StringBuilder("### Targets\n\n");
        md.append("Issue 17's targets against this run's figures (the ratios of the tables below).\n\n");
        md.append("| target | this run | met |\n|---|---|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        return md.append('\n').toString();
    }

    private void readTargets() {
        final Optional<JmhResult> store1m = find(READ, "readers1", "1000000", STORE);
        final Optional<JmhResult> bare1m = find(READ, "readers1", "1000000", BARE);
        final Optional<JmhResult> chm1m = find(READ, "readers1", "1000000", CHM);
        if (store1m.isPresent() && bare1m.isPresent()) {
            final double ratio = store1m.get().score() / bare1m.get().score();
            row("1M entries, 1 reader: a read within 1.1× of the bare table", format("%.2f× the bare table's time", ratio),
                    ratio <= 1.1);
        } else {
            notMeasured("1M entries, 1 reader: a read within 1.1× of the bare table");
        }
        if (store1m.isPresent() && chm1m.isPresent()) {
            final double faster = chm1m.get().score() / store1m.get().score();
            row("1M entries, 1 reader: a read at least 1.3× faster than `ConcurrentHashMap`",
                    format("%.2f× as fast", faster), faster >= 1.3);
            final double bytes = store1m.get().bytesPerOp();
            row("1M entries, 1 reader: 0 B/op", Double.isNaN(bytes) ? "no `-prof gc`" : format("%.3f B/op", bytes),
                    Double.isNaN(bytes) ? null : bytes < 0.5);
        } else {
            notMeasured("1M entries, 1 reader: a read at least 1.3× faster than `ConcurrentHashMap`, 0 B/op");
        }
        final Optional<JmhResult> store1k = find(READ, "readers1", "1000", STORE);
        final Optional<JmhResult> chm1k = find(READ, "readers1", "1000", CHM);
        if (store1k.isPresent() && chm1k.isPresent()) {
            final double ratio = store1k.get().score() / chm1k.get().score();
            row("1K entries, 1 reader: a read no slower than `ConcurrentHashMap`",
                    format("%.2f× its time", ratio), ratio <= 1.0);
        } else {
            notMeasured("1K entries, 1 reader: a read no slower than `ConcurrentHashMap`");
        }
    }

    private void mutateTargets() {
        final Optional<JmhResult> store = find(MUTATE, "writers1", "1000000", STORE);
        final Optional<JmhResult> chm = find(MUTATE, "writers1", "1000000", CHM);
        if (store.isEmpty()) {
            notMeasured("mutate ≥ 5 M/s on one writer, and ≥ `ConcurrentHashMap.compute`");
            return;
        }
        final double perSecond = opsPerSecond(store.get());
        row("mutate ≥ 5 M/s on one writer (1M entries)", format("%.2f M/s", perSecond / 1e6), perSecond >= 5e6);
        if (chm.isPresent()) {
            final double ratio = perSecond / opsPerSecond(chm.get());
            row("mutate ≥ `ConcurrentHashMap.compute` on one writer", format("%.2f× its throughput", ratio),
                    ratio >= 1.0);
        }
    }

    /** The smallest ratio, over the one-round-trip operations, of Redis's faster form's time to the store's. */
    private void redisTarget() {
        double worst = Double.POSITIVE_INFINITY;
        String worstOperation = null;
        for (String operation : ROUND_TRIP_OPERATIONS) {
            final Optional<JmhResult> store = results.stream()
                    .filter(r -> r.benchmarkClass().equals(REDIS) && r.method().equals(operation)
                            && STORE.equals(r.param("peer"))).findFirst();
            final Optional<JmhResult> redis = results.stream()
                    .filter(r -> r.benchmarkClass().equals(REDIS) && r.method().equals(operation)
                            && REDIS_PEERS.contains(r.param("peer")))
                    .min((a, b) -> Double.compare(a.score(), b.score()));
            if (store.isPresent() && redis.isPresent()) {
                final double ratio = redis.get().score() / store.get().score();
                if (ratio < worst) {
                    worst = ratio;
                    worstOperation = operation;
                }
            }
        }
        if (worstOperation == null) {
            notMeasured("≥ 100× Redis's throughput per core for the same operation");
            return;
        }
        row("≥ 100× Redis's throughput per core for the same operation (one round trip)",
                format("%.0f× at the least (%s; Redis's server core not counted)", worst, worstOperation), worst >= 100);
    }

    private Optional<JmhResult> find(String benchmarkClass, String method, String entries, String peer) {
        return results.stream().filter(r -> r.benchmarkClass().equals(benchmarkClass) && r.method().equals(method)
                && entries.equals(r.param("entries")) && peer.equals(r.param("peer"))).findFirst();
    }

    private static double opsPerSecond(JmhResult r) {
        return switch (r.unit()) {
            case "ops/s" -> r.score();
            case "ops/ms" -> r.score() * 1e3;
            case "ops/us" -> r.score() * 1e6;
            default -> throw new IllegalStateException("a throughput in " + r.unit() + ": " + r);
        };
    }

    private void notMeasured(String target) {
        row(target, "not measured in this run", null);
    }

    private void row(String target, String measured, Boolean met) {
        rows.add("| " + target + " | " + measured + " | " + (met == null ? "" : met ? "yes" : "**no**") + " |");
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
