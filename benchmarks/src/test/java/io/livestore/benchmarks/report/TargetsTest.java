package io.livestore.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The targets table: each target computed from the right results, met or not, and gaps named. */
class TargetsTest {

    private static JmhResult result(String benchmarkClass, String method, String entries, String peer, double score,
                                    String unit, double bytesPerOp) {
        return new JmhResult(benchmarkClass, method, Map.of("entries", entries, "peer", peer), score, 0, unit,
                bytesPerOp, "17");
    }

    private static String row(String markdown, String target) {
        return markdown.lines().filter(l -> l.startsWith("| " + target)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + target + " in\n" + markdown));
    }

    @Test
    void readTargets_areRatiosOfTheSameRun_andSayWhetherMet() {
        final String md = Targets.markdown(List.of(
                result("PeersReadBenchmark", "readers1", "1000000", "liveStore", 105, "ns/op", 0.001),
                result("PeersReadBenchmark", "readers1", "1000000", "bareIndexAndArena", 100, "ns/op", 0),
                result("PeersReadBenchmark", "readers1", "1000000", "concurrentHashMap", 150, "ns/op", 0),
                result("PeersReadBenchmark", "readers1", "1000", "liveStore", 12, "ns/op", 0),
                result("PeersReadBenchmark", "readers1", "1000", "concurrentHashMap", 6, "ns/op", 0),
                // Other configurations must not be taken for these.
                result("PeersReadBenchmark", "readers2", "1000000", "liveStore", 1, "ns/op", 0)));
        assertEquals("| 1M entries, 1 reader: a read within 1.1× of the bare table | 1.05× the bare table's time | yes |",
                row(md, "1M entries, 1 reader: a read within"));
        assertEquals("| 1M entries, 1 reader: a read at least 1.3× faster than `ConcurrentHashMap` | 1.43× as fast | yes |",
                row(md, "1M entries, 1 reader: a read at least"));
        assertEquals("| 1M entries, 1 reader: 0 B/op | 0.001 B/op | yes |", row(md, "1M entries, 1 reader: 0 B/op"));
        assertEquals("| 1K entries, 1 reader: a read no slower than `ConcurrentHashMap` | 2.00× its time | **no** |",
                row(md, "1K entries"));
        assertTrue(row(md, "mutate").contains("not measured in this run"), md);
    }

    @Test
    void mutateTargets_convertThroughputUnits() {
        final String md = Targets.markdown(List.of(
                result("PeersMutateBenchmark", "writers1", "1000000", "liveStore", 6_000, "ops/ms", Double.NaN),
                result("PeersMutateBenchmark", "writers1", "1000000", "concurrentHashMap", 8_000_000, "ops/s",
                        Double.NaN)));
        assertEquals("| mutate ≥ 5 M/s on one writer (1M entries) | 6.00 M/s | yes |", row(md, "mutate ≥ 5 M/s"));
        assertEquals("| mutate ≥ `ConcurrentHashMap.compute` on one writer | 0.75× its throughput | **no** |",
                row(md, "mutate ≥ `ConcurrentHashMap"));
    }

    @Test
    void redisTarget_takesTheFasterRedisForm_andTheWorstOperation() {
        final String md = Targets.markdown(List.of(
                result("RedisLoopbackBenchmark", "read", "100000", "liveStore", 100, "ns/op", 0),
                result("RedisLoopbackBenchmark", "read", "100000", "redisHash", 30_000, "ns/op", 0),
                result("RedisLoopbackBenchmark", "read", "100000", "redisString", 20_000, "ns/op", 0),
                result("RedisLoopbackBenchmark", "mutate", "100000", "liveStore", 1_000, "ns/op", 0),
                result("RedisLoopbackBenchmark", "mutate", "100000", "redisHash", 50_000, "ns/op", 0),
                // Pipelined forms are not one round trip each: left out.
                result("RedisLoopbackBenchmark", "readPipelined", "100000", "redisHash", 10, "ns/op", 0)));
        assertEquals("| ≥ 100× Redis's throughput per core for the same operation (one round trip) "
                + "| 50× at the least (mutate; Redis's server core not counted) | **no** |", row(md, "≥ 100× Redis"));
    }
}
