package io.livestore.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results of one workload, ordered by configuration then peer, each with its ratio against
 * {@code ConcurrentHashMap} in the same configuration of the same run; rendered as a markdown
 * table.
 */
final class WorkloadTable {

    /** The order peers are listed in; a peer not listed comes last. */
    static final List<String> PEER_ORDER = List.of("liveStore", "bareIndexAndArena", "concurrentHashMap",
            "rwLockHashMap", "stampedLockHashMap", "chronicleMap", "redisHash", "redisString");

    /** One row: a result, its configuration, and its ratio to the baseline ({@code NaN} if none). */
    record Row(String configuration, String peer, JmhResult result, double ratio) {
    }

    final Workload workload;
    final List<Row> rows;
    /** The configurations in table order, each with its rows. */
    final Map<String, List<Row>> byConfiguration;

    WorkloadTable(Workload workload, List<JmhResult> all) {
        this.workload = workload;
        final List<JmhResult> mine = new ArrayList<>();
        for (JmhResult r : all) {
            if (r.benchmarkClass().equals(workload.benchmarkClass())) {
                mine.add(r);
            }
        }
        mine.sort(Comparator.comparingLong((JmhResult r) -> entries(r))
                .thenComparingInt(r -> workload.methodRank(r.method()))
                .thenComparingInt(r -> peerRank(r.param("peer"))));
        final Map<String, JmhResult> baseline = new LinkedHashMap<>();
        for (JmhResult r : mine) {
            if (Workload.BASELINE.equals(r.param("peer"))) {
                baseline.put(workload.configuration(r), r);
            }
        }
        rows = new ArrayList<>();
        byConfiguration = new LinkedHashMap<>();
        for (JmhResult r : mine) {
            final String configuration = workload.configuration(r);
            final JmhResult base = baseline.get(configuration);
            final double ratio = base == null ? Double.NaN : r.score() / base.score();
            final Row row = new Row(configuration, r.param("peer"), r, ratio);
            rows.add(row);
            byConfiguration.computeIfAbsent(configuration, c -> new ArrayList<>()).add(row);
        }
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The unit of the scores ({@code ns/op}, {@code ops/s}). */
    String unit() {
        return rows.isEmpty() ? "" : rows.get(0).result().unit();
    }

    boolean higherIsBetter() {
        return unit().startsWith("ops/");
    }

    /** The markdown table, with a caption line saying which way is better. */
    String markdown() {
        final StringBuilder md = new StringBuilder();
        final String better = higherIsBetter() ? "higher is better" : "lower is better";
        md.append("| configuration | peer | ").append(unit()).append(" | ± (99.9 %) | B/op | × ConcurrentHashMap (")
                .append(better).append(") |\n");
        md.append("|---|---|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            final JmhResult r = row.result();
            final boolean self = Workload.BASELINE.equals(row.peer());
            md.append("| ").append(row.configuration())
                    .append(" | ").append(self ? "**" + row.peer() + "**" : row.peer())
                    .append(" | ").append(number(r.score()))
                    .append(" | ").append(Double.isNaN(r.error()) ? "–" : number(r.error()))
                    .append(" | ").append(Double.isNaN(r.bytesPerOp()) ? "–" : bytes(r.bytesPerOp()))
                    .append(" | ").append(Double.isNaN(row.ratio()) ? "–" : String.format(Locale.ROOT, "%.2f", row.ratio()))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static long entries(JmhResult r) {
        final String e = r.param("entries");
        return e.isEmpty() ? 0 : Long.parseLong(e);
    }

    private static int peerRank(String peer) {
        final int i = PEER_ORDER.indexOf(peer);
        return i < 0 ? PEER_ORDER.size() : i;
    }

    /** Three significant digits or so, thousands separated. */
    static String number(double v) {
        final double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Bytes per operation: below 0.5 B/op is JMH's own bookkeeping spread over operations. */
    static String bytes(double v) {
        if (v < 0.5) {
            return "≈ 0";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
