package io.livestore.benchmarks.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One workload of issue 17 as the report shows it: which benchmark class holds it, what it asks,
 * and how a result's method and parameters read as a configuration ("1M, 2 readers + writer").
 *
 * @param slug the plot's file name, without {@code .png}
 * @param title the section title
 * @param question what the workload measures, one or two sentences
 * @param benchmarkClass the JMH class's simple name
 * @param methodLabels how each method or group reads in a configuration, in the report's order
 */
public record Workload(String slug, String title, String question, String benchmarkClass,
                       Map<String, String> methodLabels) {

    /** The peer every ratio is taken against, measured in the same run. */
    public static final String BASELINE = "concurrentHashMap";

    /** Every workload of the report, in order. */
    public static final List<Workload> ALL = List.of(
            new Workload("w1-read", "Workload 1: read one field of a random entry",
                    "A reader's time to read `points` of a random entry by a key that arrives as two longs: the store "
                            + "through `reader().current().find(key, view)`; with 1 or 2 reader threads, with no "
                            + "writer or one writer mutating about once a microsecond. `bareIndexAndArena` is the "
                            + "limit (the store's table without its consistency).",
                    "PeersReadBenchmark",
                    labels("readers1", "1 reader", "readers2", "2 readers",
                            "readers1_writer", "1 reader + writer", "readers2_writer", "2 readers + writer")),
            new Workload("w2-mutate", "Workload 2: mutate throughput",
                    "Mutations a second (add to `points`; the store: `mutate(key, new AddPoints(1))`), small "
                            + "record, no watchers, from one writer thread and from two (the store's writer is "
                            + "single-threaded behind a lock: two writers take turns).",
                    "PeersMutateBenchmark",
                    labels("writers1", "1 writer", "writers2", "2 writers")),
            new Workload("w3-mix", "Workload 3: 95 % reads, 5 % mutations",
                    "Time per operation of a thread doing 19 reads and 1 mutation in 20, one thread and two.",
                    "PeersMixBenchmark",
                    labels("threads1", "1 thread", "threads2", "2 threads")),
            new Workload("w5-churn", "Workload 5: init and remove",
                    "Time to add an entry under a fresh random key (`init`, `UUID.randomUUID()` in every peer) "
                            + "and remove the oldest, at a steady size.",
                    "PeersChurnBenchmark",
                    labels("initAndRemove", "init + remove")),
            new Workload("w8-redis", "Workload 8: the same operations against Redis on loopback",
                    "One thread, Redis started by the trial on loopback (Lettuce client, the value as a hash or "
                            + "a packed string), against the store and ConcurrentHashMap: one round trip per "
                            + "operation, and pipelines of 100 (time per operation).",
                    "RedisLoopbackBenchmark",
                    labels("read", "read", "mutate", "mutate", "mix", "95/5 mix", "churn", "init + remove",
                            "readPipelined", "read, pipelined", "mutatePipelined", "mutate, pipelined")));

    /** How a result of this workload reads as a configuration: entries, then the method's label. */
    public String configuration(JmhResult result) {
        final String entries = result.param("entries");
        final String label = methodLabels.getOrDefault(result.method(), result.method());
        return entries.isEmpty() ? label : entries(Long.parseLong(entries)) + ", " + label;
    }

    /** The position of a result's method among this workload's, for a stable order. */
    public int methodRank(String method) {
        final List<String> order = List.copyOf(methodLabels.keySet());
        final int i = order.indexOf(method);
        return i < 0 ? order.size() : i;
    }

    /** Method names and their labels, in the order the report shows them. */
    private static Map<String, String> labels(String... methodThenLabel) {
        final Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < methodThenLabel.length; i += 2) {
            labels.put(methodThenLabel[i], methodThenLabel[i + 1]);
        }
        return Collections.unmodifiableMap(labels);
    }

    /** 1000 -> "1K", 1000000 -> "1M". */
    static String entries(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "K";
        }
        return String.format(Locale.ROOT, "%,d", n);
    }
}
