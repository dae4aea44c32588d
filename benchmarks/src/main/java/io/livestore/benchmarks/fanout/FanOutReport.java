package io.livestore.benchmarks.fanout;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.livestore.benchmarks.fanout.FanOutLatency.Arm;
import io.livestore.benchmarks.fanout.FanOutLatency.Plan;
import io.livestore.benchmarks.fanout.FanOutLatency.Result;
import io.livestore.benchmarks.measure.JsonWriter;
import io.livestore.benchmarks.measure.Nanos;
import io.livestore.benchmarks.measure.RunEnvironment;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes {@link FanOutLatency}'s figures as {@code fanout.md}, {@code fanout.json} and {@code fanout.png}. */
final class FanOutReport {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final Color[] COLORS = {
        new Color(0xD6, 0x27, 0x28), new Color(0x94, 0x67, 0xBD), new Color(0x1F, 0x77, 0xB4),
        new Color(0x7F, 0x7F, 0x7F), new Color(0x2C, 0xA0, 0x2C)};

    private FanOutReport() {
    }

    static void write(Path dir, RunEnvironment environment, Plan plan, boolean quick, List<Result> results)
            throws IOException {
        Files.writeString(dir.resolve("fanout.md"), markdown(environment, plan, quick, results));
        Files.writeString(dir.resolve("fanout.json"), json(environment, plan, quick, results));
        BitmapEncoder.saveBitmap(chart(results), dir.resolve("fanout.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static String markdown(RunEnvironment environment, Plan plan, boolean quick, List<Result> results) {
        final StringBuilder md = new StringBuilder();
        md.append("### Fan-out: one mutation delivered to 1, 100 and 10,000 watchers of one key\n\n");
        md.append("**Question.** How long does one mutation take to reach every watcher of its key, and does the "
                + "writer's cost per mutation stay flat as watchers are added (the design's promise)? Against "
                + "what a user writes by hand: a `ConcurrentHashMap` whose writer calls a `CopyOnWriteArrayList` "
                + "of the key's listeners itself.\n\n");
        md.append("**Workload.** One key; one writer thread applies a mutation carrying `System.nanoTime()` "
                + "taken just before the `mutate` call; each watcher takes the time when it sees the update. "
                + "Each round waits until every watcher saw its mutation (idle watchers, one change pushed to "
                + "all: a websocket server's broadcast). Warm-up rounds first, not recorded. Arms:\n\n"
                + "- *onUpdate, default executor*: the store runs each callback as a long task blocked in "
                + "`Subscription.next()`, by default on a platform thread of its own: 10,000 watchers are "
                + "10,000 threads (the API's behaviour, not this benchmark's choice).\n"
                + "- *onUpdate, virtual threads*: the same with `callbackExecutor(newVirtualThreadPerTaskExecutor())` "
                + "(JDK 21+ only).\n"
                + "- *watch() drained by 1 thread*: one consumer thread sweeps every subscription with `tryNext()` "
                + "and spins when a sweep finds nothing, as an event loop serving many connections would (the "
                + "machine has 2 cores; the writer has the other).\n"
                + "- *peer*: `ConcurrentHashMap.compute`, then the writer invokes each listener in turn.\n\n");
        md.append(String.format(Locale.ROOT, "Rounds per arm (1 / 100 / 10,000 watchers): %s measured after %s "
                + "warm-up; writer burst: %d ms of back-to-back mutations with the watchers attached.%s\n\n",
                join(plan.rounds()), join(plan.warmupRounds()), plan.burstMillis(),
                quick ? " **Quick mode**: a quarter of the rounds and a shorter burst; figures are noisier." : ""));
        md.append("**Command.**\n\n```\n").append(environment.command()).append("\n```\n\n");
        md.append("**Machine.** ").append(environment.markdownMachine()).append("\n\n");

        md.append("#### Delivery latency: from just before the writer's call to the watcher seeing the update\n\n");
        md.append("| watchers | arm | samples | p50 | p99 | p99.9 | max | p50 vs peer | p99.9 vs peer |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            if (r.watchers() == 0) {
                continue;
            }
            final Result peer = peerOf(results, r.watchers());
            if (r.latency() == null || r.latency().getTotalCount() == 0) {
                md.append(String.format(Locale.ROOT, "| %,d | %s | – | – | – | – | – | – | – |\n", r.watchers(),
                        r.arm().title + note(r)));
                continue;
            }
            final Histogram h = r.latency();
            md.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %s | %s | %s | %s | %s | %s |\n",
                    r.watchers(), (r.arm().isPeer() ? "**peer:** " : "") + r.arm().title + note(r), h.getTotalCount(),
                    Nanos.format(h.getValueAtPercentile(50)), Nanos.format(h.getValueAtPercentile(99)),
                    Nanos.format(h.getValueAtPercentile(99.9)), Nanos.format(h.getMaxValue()),
                    ratio(h, peer, 50), ratio(h, peer, 99.9)));
        }
        md.append("\n#### Writer cost per mutation, with the watchers attached\n\n");
        md.append("*Idle* is the `mutate` call's median in the latency rounds (every watcher idle; the store's "
                + "blocking watchers asleep, so the writer wakes one), and the writer "
                + "thread's CPU time over the same call: where the two differ, the writer was preempted, on two "
                + "cores, by the threads it woke (reading the CPU time costs "
                + "about 1.5 µs itself: the 0-watcher rows show that floor). *Burst*: back-to-back mutations "
                + "while the watchers "
                + "consume, timed in batches of 64; the batches' median is robust to the writer being preempted "
                + "(the mean is not): the store's watchers fall behind and are told they "
                + "lagged (the writer never waits for them); the peer's writer runs every listener for every "
                + "mutation.\n\n");
        md.append("| watchers | arm | idle, p50 | writer's CPU time, p50 | vs peer "
                + "| burst, median of 64-mutation batches | vs peer | burst, "
                + "mean | burst mutations | updates seen by watchers in and after the burst | `Lagged` received |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            final Result peer = peerOf(results, r.watchers());
            if (r.writer() == null || r.writer().getTotalCount() == 0) {
                md.append(String.format(Locale.ROOT, "| %,d | %s | – | – | – | – | – | – | – | – | – |\n",
                        r.watchers(),
                        r.arm().title + note(r)));
                continue;
            }
            final double batch = r.burstBatches().getTotalCount() == 0 ? Double.NaN : r.burstBatches().getValueAtPercentile(50);
            final double peerBatch = peer == null || peer.burstBatches() == null || peer.burstBatches().getTotalCount() == 0
                    ? Double.NaN : peer.burstBatches().getValueAtPercentile(50);
            final double idle = r.writer().getValueAtPercentile(50);
            final double peerIdle = peer == null || peer.writer() == null ? Double.NaN : peer.writer().getValueAtPercentile(50);
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s | %s | %,d | %,d | %,d |\n",
                    r.watchers(), (r.arm().isPeer() ? "**peer:** " : "") + r.arm().title + note(r),
                    Nanos.format(idle), Nanos.format(r.writerCpu().getValueAtPercentile(50)), Nanos.ratio(idle / peerIdle),
                    Nanos.format(batch), Nanos.ratio(batch / peerBatch),
                    Nanos.format(r.burstNanosPerMutation()), r.burstMutations(), r.burstDelivered(), r.lagged()));
        }
        final List<String> faults = new ArrayList<>();
        for (Result r : results) {
            if (r.unexpected() > 0) {
                faults.add(String.format(Locale.ROOT,
                        "%s, %,d watchers: %,d updates of a wrong sequence or Lagged in latency rounds",
                        r.arm().title, r.watchers(), r.unexpected()));
            }
            if (r.error() != null && r.arm().available) {
                faults.add(String.format(Locale.ROOT, "%s, %,d watchers: %s", r.arm().title, r.watchers(), r.error()));
            }
        }
        md.append("\nSetup (attaching the watchers) and teardown (closing until every watcher saw `Removed`), ms: ");
        final List<String> times = new ArrayList<>();
        for (Result r : results) {
            if (r.watchers() > 0 && r.arm().available && !r.arm().isPeer()) {
                times.add(String.format(Locale.ROOT, "%s at %,d: %,d / %,d", r.arm().id, r.watchers(),
                        r.setupMillis(), r.teardownMillis()));
            }
        }
        md.append(String.join("; ", times)).append(".\n");
        if (!faults.isEmpty()) {
            md.append("\n**Faults seen:**\n\n");
            for (String f : faults) {
                md.append("- ").append(f).append('\n');
            }
        }
        md.append("\nPlot: `fanout.png` (p50 and p99.9 per watcher count, log scales). Raw figures: `fanout.json`.\n");
        return md.toString();
    }

    private static String note(Result r) {
        return r.error() == null ? "" : " (" + r.error() + ")";
    }

    private static Result peerOf(List<Result> results, int watchers) {
        for (Result r : results) {
            if (r.arm().isPeer() && r.watchers() == watchers) {
                return r;
            }
        }
        return null;
    }

    private static String ratio(Histogram h, Result peer, double percentile) {
        if (peer == null || peer.latency() == null || peer.latency().getTotalCount() == 0) {
            return "n/a";
        }
        return Nanos.ratio((double) h.getValueAtPercentile(percentile) / peer.latency().getValueAtPercentile(percentile));
    }

    private static String join(int[] values) {
        final List<String> s = new ArrayList<>();
        for (int v : values) {
            s.add(String.format(Locale.ROOT, "%,d", v));
        }
        return String.join(" / ", s);
    }

    private static String json(RunEnvironment environment, Plan plan, boolean quick, List<Result> results) {
        final JsonWriter json = new JsonWriter().beginObject()
                .field("name", "fanout")
                .field("mode", quick ? "quick" : "full");
        environment.writeJson(json);
        json.name("plan").beginObject().field("burstMillis", plan.burstMillis()).name("watchers").beginArray();
        for (int w : new int[] {1, 100, 10_000}) {
            json.value(w);
        }
        json.endArray().name("warmupRounds").beginArray();
        for (int w : plan.warmupRounds()) {
            json.value(w);
        }
        json.endArray().name("measuredRounds").beginArray();
        for (int w : plan.rounds()) {
            json.value(w);
        }
        json.endArray().endObject();
        json.name("results").beginArray();
        for (Result r : results) {
            json.beginObject().field("arm", r.arm().id).field("title", r.arm().title).field("watchers", r.watchers())
                    .field("peer", r.arm().isPeer()).field("error", r.error());
            histogram(json, "latencyNanos", r.latency());
            histogram(json, "writerNanosIdle", r.writer());
            histogram(json, "writerCpuNanosIdle", r.writerCpu());
            histogram(json, "writerNanosBurstBatches", r.burstBatches());
            json.field("writerNanosBurstMean", r.burstNanosPerMutation()).field("burstMutations", r.burstMutations())
                    .field("burstDelivered", r.burstDelivered()).field("lagged", r.lagged())
                    .field("unexpected", r.unexpected()).field("setupMillis", r.setupMillis())
                    .field("teardownMillis", r.teardownMillis()).endObject();
        }
        return json.endArray().endObject().toString();
    }

    private static void histogram(JsonWriter json, String name, Histogram h) {
        if (h == null || h.getTotalCount() == 0) {
            json.name(name).value((String) null);
            return;
        }
        json.name(name).beginObject().field("count", h.getTotalCount()).field("min", h.getMinValue())
                .field("mean", h.getMean());
        for (double p : PERCENTILES) {
            json.field("p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p).replace('.', '_')),
                    h.getValueAtPercentile(p));
        }
        json.field("max", h.getMaxValue()).endObject();
    }

    private static XYChart chart(List<Result> results) {
        final XYChart chart = new XYChartBuilder().width(1000).height(760)
                .title("One mutation to N watchers of one key: delivery latency (solid p50, dashed p99.9)")
                .xAxisTitle("watchers").yAxisTitle("latency (µs)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        int colour = 0;
        for (Arm arm : Arm.values()) {
            final List<Double> x = new ArrayList<>();
            final List<Double> p50 = new ArrayList<>();
            final List<Double> p999 = new ArrayList<>();
            for (Result r : results) {
                if (r.arm() == arm && r.latency() != null && r.latency().getTotalCount() > 0) {
                    x.add((double) r.watchers());
                    p50.add(Math.max(0.01, r.latency().getValueAtPercentile(50) / 1e3));
                    p999.add(Math.max(0.01, r.latency().getValueAtPercentile(99.9) / 1e3));
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            final Color c = COLORS[colour++ % COLORS.length];
            final XYSeries median = chart.addSeries(arm.title + " p50", x, p50);
            median.setMarkerColor(c);
            median.setLineColor(c);
            median.setMarker(SeriesMarkers.CIRCLE);
            final XYSeries tail = chart.addSeries(arm.title + " p99.9", x, p999);
            tail.setMarkerColor(c);
            tail.setLineColor(c);
            tail.setMarker(SeriesMarkers.DIAMOND);
            tail.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_BEVEL, 10f, new float[] {6f, 4f}, 0f));
        }
        return chart;
    }
}
