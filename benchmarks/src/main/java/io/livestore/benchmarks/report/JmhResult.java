package io.livestore.benchmarks.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One result of a JMH JSON file ({@code -rf json}), reduced to what the report shows.
 *
 * @param benchmarkClass the benchmark's simple class name ({@code PeersReadBenchmark})
 * @param method the method, or the group for an asymmetric benchmark ({@code readers1_writer})
 * @param params the parameters, by name
 * @param score the score: the group's {@code <group>_read} method if it has one (a reader's
 *        cost beside a writer), else the primary metric
 * @param error the score's error (99.9 %), {@code NaN} when JMH could not compute one
 * @param unit the score's unit ({@code ns/op}, {@code ops/s})
 * @param bytesPerOp {@code gc.alloc.rate.norm} (B/op, per operation of the whole group), or
 *        {@code NaN} when the run had no {@code -prof gc}
 * @param jdk the forked JVM's version
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params, double score,
                        double error, String unit, double bytesPerOp, String jdk) {

    /** The metric of an asymmetric benchmark's reader methods, which the report prefers. */
    private static final String READ_SUFFIX = "_read";
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    /**
     * Reads every result of a JMH JSON file.
     *
     * @param file the file
     * @return its results, in file order
     * @throws IOException if it cannot be read
     * @throws IllegalStateException if it is not JMH's JSON
     */
    public static List<JmhResult> read(Path file) throws IOException {
        final JsonElement root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = JsonParser.parseReader(in);
        }
        if (!root.isJsonArray()) {
            throw new IllegalStateException(file + " is not a JMH JSON result file (no top-level array)");
        }
        final List<JmhResult> results = new ArrayList<>();
        for (JsonElement element : root.getAsJsonArray()) {
            results.add(of(element.getAsJsonObject()));
        }
        return results;
    }

    /** The parameter's value, or {@code ""} if this result has no such parameter. */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    private static JmhResult of(JsonObject json) {
        final String benchmark = json.get("benchmark").getAsString();
        final int lastDot = benchmark.lastIndexOf('.');
        final String qualifiedClass = benchmark.substring(0, lastDot);
        final String method = benchmark.substring(lastDot + 1);
        final Map<String, String> params = new TreeMap<>();
        if (json.has("params")) {
            for (Map.Entry<String, JsonElement> p : json.getAsJsonObject("params").entrySet()) {
                params.put(p.getKey(), p.getValue().getAsString());
            }
        }
        JsonObject metric = json.getAsJsonObject("primaryMetric");
        double bytesPerOp = Double.NaN;
        if (json.has("secondaryMetrics")) {
            for (Map.Entry<String, JsonElement> s : json.getAsJsonObject("secondaryMetrics").entrySet()) {
                if (s.getKey().equals(method + READ_SUFFIX)) {
                    metric = s.getValue().getAsJsonObject();
                } else if (s.getKey().endsWith(ALLOCATION)) {
                    bytesPerOp = number(s.getValue().getAsJsonObject().get("score"));
                }
            }
        }
        final String jdk = json.has("jdkVersion") ? json.get("jdkVersion").getAsString() : "";
        return new JmhResult(qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1), method, params,
                number(metric.get("score")), number(metric.get("scoreError")),
                metric.get("scoreUnit").getAsString(), bytesPerOp, jdk);
    }

    /** JMH writes {@code "NaN"} as a string where it has no number. */
    private static double number(JsonElement element) {
        if (element == null || element.isJsonNull() || element instanceof JsonArray) {
            return Double.NaN;
        }
        return Double.parseDouble(element.getAsString());
    }
}
