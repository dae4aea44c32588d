package io.livestore.benchmarks.gc;

import java.awt.Color;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.livestore.benchmarks.ForkFlags;
import io.livestore.benchmarks.gc.GcLoad.Arm;
import io.livestore.benchmarks.gc.GcLog.Pause;
import io.livestore.benchmarks.measure.JsonWriter;
import io.livestore.benchmarks.measure.MainArguments;
import io.livestore.benchmarks.measure.Nanos;
import io.livestore.benchmarks.measure.RunEnvironment;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Workload 6: does the whole store keep G1's pauses short at 10M entries under a steady load,
 * where a {@code ConcurrentHashMap<UUID, record>} holding the same data pays for its objects?
 * Not a JMH benchmark: a pause is a property of a whole JVM over time.
 *
 * <p><b>Workload.</b> {@code N} entries (10M; 1M in quick mode), random v4 keys, a
 * {@link Balance} each (16 bytes in the store's layout; a 32-byte object on the heap). Each arm
 * runs in a JVM of its own, started by this main with the same {@code java}, so the arms never
 * share a heap: G1 with its defaults, {@code -Xmx6g} for both (room for the map at 10M), the
 * store's flags (the root POM's {@code livestore.jvm.flags}, plus
 * {@code --sun-misc-unsafe-memory-access=allow} on JDK 23+), and {@code -Xlog:gc,gc+cpu:file=...}. The
 * child fills its structure (the map presized, the store with {@code expectedEntries(N)}), runs
 * the load for a warm-up period, then for the measured period (30 s; 10 s in quick mode):
 * <ul>
 *   <li>one writer thread applies {@link Deposit}{@code (1)} to a random key at a fixed rate
 *       ({@code --writes-per-second}, default 100,000): {@code store.mutate(key, deposit)}
 *       against {@code map.compute(key, (k, v) -> deposit.apply(v))};
 *   <li>one reader thread reads one field of a random key at a fixed rate
 *       ({@code --reads-per-second}, default 200,000): a {@code StoreReader} and a generated
 *       {@code BalanceView} against {@code map.get(key).cents()}.
 * </ul>
 * Both arms get the same short-lived garbage per operation: the key arrives as a new
 * {@code UUID} from two longs (as from the wire), and each write allocates its {@code Deposit};
 * the map's write also allocates the new {@code Balance} it keeps, which is the difference
 * being measured. Two threads because the machine has two cores; each parks while it is ahead
 * of its schedule (see {@code GcLoad.Load}), so G1's concurrent threads get CPU between batches;
 * the store's reader calls {@code quiescent()} before it parks, as its documentation asks of an
 * idle reader.
 *
 * <p><b>Measured.</b> From the child's GC log, every stop-the-world pause ({@code Pause Young},
 * mixed, {@code Remark}, {@code Cleanup}, {@code Full}) that ended within the measured period
 * (the log's uptime against the child's {@code RuntimeMXBean} uptime; the two clocks start a few
 * milliseconds apart): count, total and longest. Read latency p50 to p99.99 with HdrHistogram,
 * from each read's scheduled start (so a pause counts against every read it delayed), and the
 * read's own duration. Heap in use right after the load, and live after two full GCs (taken
 * after the measured period), plus the store's native memory. Allocation per operation of each
 * thread ({@code ThreadMXBean}), to show the garbage is comparable. Two controls tell a stall of
 * the structure from one of the JVM or the machine: every safepoint of the period from
 * {@code -Xlog:safepoint} (GC or not, with the time to reach it), and a third thread that only
 * sleeps 1 ms at a time and records how late it wakes (as jHiccup does).
 *
 * <p><b>Usage.</b> {@code java <livestore.jvm.flags> -cp benchmarks/target/benchmarks.jar
 * io.livestore.benchmarks.gc.GcPauses --out DIR [--quick]} writes {@code gc.md} (a markdown
 * section), {@code gc.json} (every figure, and every pause of both logs) and {@code gc.png}
 * (each pause of the measured period over time, per arm) into {@code DIR}. Full mode takes
 * 2.5-3 minutes (filling the map with 10M entries is most of it), {@code --quick} about 40 s. Options:
 * {@code --entries N}, {@code --seconds S}, {@code --writes-per-second W},
 * {@code --reads-per-second R}, {@code --heap SIZE} (default 6g).
 * The GC logs are written to a temporary directory and deleted; {@code gc.json} keeps their
 * pauses.
 */
public final class GcPauses {

    /** The read latency percentiles reported. */
    static final double[] READ_PERCENTILES = {50, 99, 99.9, 99.99};

    private static final String USAGE = "GcPauses --out DIR [--quick] [--entries N] [--seconds S] "
            + "[--writes-per-second W] [--reads-per-second R] [--heap SIZE]";
    private static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access=allow";

    private GcPauses() {
    }

    /**
     * Runs both arms, each in its own JVM, and writes the report; with {@code --child} (as the
     * parent starts it), runs one arm.
     *
     * @param args {@code --out DIR [--quick]} and the options above
     * @throws Exception if a child fails, or the report cannot be written
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            GcLoad.main(args);
            return;
        }
        final MainArguments arguments = MainArguments.parse(args, USAGE);
        final RunEnvironment environment = RunEnvironment.current(GcPauses.class, arguments.raw());
        final Settings settings = new Settings(
                Integer.parseInt(arguments.option("--entries", arguments.quick() ? "1000000" : "10000000")),
                Integer.parseInt(arguments.option("--seconds", arguments.quick() ? "10" : "30")),
                arguments.quick() ? 3 : 5,
                Long.parseLong(arguments.option("--writes-per-second", "100000")),
                Long.parseLong(arguments.option("--reads-per-second", "200000")),
                arguments.option("--heap", "6g"), arguments.quick());
        System.out.printf(Locale.ROOT, "GcPauses (%s mode): %,d entries, %d s of load after %d s of warm-up, on %s%n",
                settings.quick() ? "quick" : "full", settings.entries(), settings.seconds(), settings.warmupSeconds(),
                environment.jdk());
        final Path logs = Files.createTempDirectory("livestore-gc-logs");
        final List<ArmResult> results = new ArrayList<>();
        try {
            for (Arm arm : Arm.values()) {
                results.add(runChild(arm, settings, logs));
            }
        } finally {
            try (var files = Files.list(logs)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(logs);
        }
        Files.createDirectories(arguments.out());
        Files.writeString(arguments.out().resolve("gc.md"), markdown(environment, settings, results));
        Files.writeString(arguments.out().resolve("gc.json"), json(environment, settings, results));
        BitmapEncoder.saveBitmap(chart(results, settings), arguments.out().resolve("gc.png").toString(),
                BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote gc.md, gc.json and gc.png into " + arguments.out().toAbsolutePath());
    }

    /**
     * The run's parameters.
     *
     * @param entries keys in each structure
     * @param seconds the measured period
     * @param warmupSeconds the load before it, not measured
     * @param writesPerSecond the writer's rate
     * @param readsPerSecond the reader's rate
     * @param heap the children's {@code -Xmx}
     * @param quick whether this is quick mode
     */
    record Settings(int entries, int seconds, int warmupSeconds, long writesPerSecond, long readsPerSecond,
            String heap, boolean quick) {
    }

    /**
     * One arm's figures.
     *
     * @param arm the arm
     * @param childCommand the child JVM's command line
     * @param child what the child reported
     * @param pauses every pause of the child's log
     * @param inLoad the pauses that ended within the measured period
     * @param inFill the pauses that ended while the structure was filled
     * @param safepointsInLoad every safepoint of the measured period ({@code -Xlog:safepoint}),
     *     GC or not, each with the time to reach it: all the time the JVM stopped the threads
     */
    record ArmResult(Arm arm, List<String> childCommand, Properties child, List<Pause> pauses, List<Pause> inLoad,
            List<Pause> inFill, List<Pause> safepointsInLoad) {

        double totalMillis(List<Pause> which) {
            return which.stream().mapToDouble(Pause::millis).sum();
        }

        double cpuMillis(List<Pause> which) {
            return which.stream().mapToDouble(Pause::cpuMillis).filter(Double::isFinite).sum();
        }

        double longestMillis(List<Pause> which) {
            return which.stream().mapToDouble(Pause::millis).max().orElse(0);
        }

        double number(String name) {
            final String v = child.getProperty(name);
            return v == null ? Double.NaN : Double.parseDouble(v);
        }
    }

    private static ArmResult runChild(Arm arm, Settings settings, Path logs) throws IOException, InterruptedException {
        final Path log = logs.resolve("gc-" + arm.id() + ".log");
        final Path result = logs.resolve("result-" + arm.id() + ".properties");
        final Path safepointLog = logs.resolve("safepoint-" + arm.id() + ".log");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(storeFlags());
        command.add("-XX:+UseG1GC");
        command.add("-Xmx" + settings.heap());
        command.add("-Xlog:gc,gc+cpu:file=" + log);
        command.add("-Xlog:safepoint:file=" + safepointLog);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(GcPauses.class.getName());
        command.addAll(List.of("--child", arm.id(), "--entries", Integer.toString(settings.entries()),
                "--warmup", Integer.toString(settings.warmupSeconds()), "--seconds", Integer.toString(settings.seconds()),
                "--writes-per-second", Long.toString(settings.writesPerSecond()),
                "--reads-per-second", Long.toString(settings.readsPerSecond()), "--result", result.toString()));
        System.out.println(" " + arm.title + ": in a JVM of its own");
        final Process process = new ProcessBuilder(command).inheritIO().start();
        final long limitSeconds = settings.seconds() + settings.warmupSeconds() + 240;
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(arm.title + ": the child JVM did not finish within " + limitSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(arm.title + ": the child JVM exited with " + process.exitValue()
                    + "; its output is above. Command: " + String.join(" ", command));
        }
        final Properties child = new Properties();
        try (Reader reader = Files.newBufferedReader(result)) {
            child.load(reader);
        }
        final List<Pause> pauses = GcLog.pauses(log);
        final double loadStart = Double.parseDouble(child.getProperty("loadStartSeconds"));
        final double loadEnd = Double.parseDouble(child.getProperty("loadEndSeconds"));
        final double fillStart = Double.parseDouble(child.getProperty("fillStartSeconds"));
        final double fillEnd = Double.parseDouble(child.getProperty("fillEndSeconds"));
        final List<Pause> inLoad = within(pauses, loadStart, loadEnd);
        final List<Pause> inFill = within(pauses, fillStart, fillEnd);
        final List<Pause> safepointsInLoad = within(GcLog.safepoints(safepointLog), loadStart, loadEnd);
        final List<String> shown = new ArrayList<>(command);
        shown.set(0, "java");
        return new ArmResult(arm, shown, child, pauses, inLoad, inFill, safepointsInLoad);
    }

    /** The pauses that ended within {@code [from, to]} (uptime in seconds). */
    private static List<Pause> within(List<Pause> pauses, double from, double to) {
        return pauses.stream().filter(p -> p.endSeconds() >= from && p.endSeconds() <= to).toList();
    }

    /**
     * The flags the store needs: the root POM's {@code livestore.jvm.flags} (mirrored by
     * {@link ForkFlags}), and JDK 23+'s flag for Chronicle's {@code sun.misc.Unsafe}, which
     * JDK 17 refuses: this JVM's version decides, as the child runs the same {@code java}.
     */
    static List<String> storeFlags() {
        final List<String> flags = new ArrayList<>(List.of(ForkFlags.CHRONICLE_BYTES_1, ForkFlags.CHRONICLE_BYTES_2,
                ForkFlags.CHRONICLE_BYTES_3, ForkFlags.CHRONICLE_BYTES_4, ForkFlags.CHRONICLE_BYTES_5,
                ForkFlags.CHRONICLE_BYTES_6, ForkFlags.CHRONICLE_BYTES_7, ForkFlags.CHRONICLE_BYTES_8));
        if (Runtime.version().feature() >= 23) {
            flags.add(UNSAFE_FLAG);
        }
        return flags;
    }

    private static String markdown(RunEnvironment environment, Settings s, List<ArmResult> results) {
        final ArmResult chm = results.get(0);
        final ArmResult store = results.get(1);
        final StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### GC pauses: the whole store against ConcurrentHashMap at %s entries\n\n",
                millionsOrCount(s.entries())));
        md.append("**Question.** Keeping values off-heap should keep G1's pauses short however many entries the "
                + "store holds, where an on-heap map pays for its objects. Does the whole store, with its "
                + "writer, readers and index log, keep that under a steady mutate-and-read load?\n\n");
        md.append(String.format(Locale.ROOT, "**Workload.** %,d random v4 keys, a 16-byte `Balance(long cents, long changes)` "
                + "each; each arm in its own JVM (G1 defaults, `-Xmx%s`, `-Xlog:gc,gc+cpu`). After filling (map presized, "
                + "store with `expectedEntries`) and %d s of the same load as warm-up, %d s measured: one writer thread "
                + "applying `Deposit(1)` to a random key at %,d/s (`store.mutate` / `map.compute`) and one reader thread "
                + "reading one field of a random key at %,d/s (`StoreReader` + generated view / `map.get`). Every key "
                + "arrives as a new `UUID` from two longs and every write allocates its `Deposit`, in both arms; "
                + "each thread parks while ahead of its schedule (so operations run in small batches and G1's own threads "
                + "get the CPU between them; the store's reader calls `quiescent()` before parking). "
                + "Pauses are every `Pause` line of the "
                + "log that ended in the measured period, with the collector's CPU time in them (`gc+cpu`): on this "
                + "shared machine a pause far longer than its CPU time divided by the cores waited for the CPU. "
                + "Read latency is taken from each read's scheduled start, so "
                + "a pause counts against every read it delayed; it includes the pacing's own lateness (`parkNanos` wakes "
                + "some 50-60 µs late), alike in both arms. Controls: every safepoint of the period (`-Xlog:safepoint`, GC "
                + "or not) and a third thread that only sleeps 1 ms at a time and records how late it wakes: a stall "
                + "it sees as well came from the JVM or the machine (shared: see its load average), not the "
                + "structure.%s\n\n",
                s.entries(), s.heap(), s.warmupSeconds(), s.seconds(), s.writesPerSecond(), s.readsPerSecond(),
                s.quick() ? " **Quick mode**: fewer entries and a shorter period than the full run (10M, 30 s)." : ""));
        md.append("**Command.**\n\n```\n").append(environment.command()).append("\n```\n\n");
        md.append("Each child JVM (the arm's name after `--child`):\n\n```\n")
                .append(String.join(" ", store.childCommand())
                        .replace(System.getProperty("java.class.path"), RunEnvironment.JAR)
                        .replaceAll("-Xlog:gc,gc\\+cpu:file=\\S+", "-Xlog:gc,gc+cpu:file=<tmp>/gc-livestore.log")
                        .replaceAll("--result \\S+", "--result <tmp>/result-livestore.properties"))
                .append("\n```\n\n");
        md.append("**Machine.** ").append(environment.markdownMachine()).append("\n\n");
        md.append("| measured period | ConcurrentHashMap (peer) | LiveStore | LiveStore vs peer |\n");
        md.append("|---|---:|---:|---:|\n");
        row(md, "GC pauses (count)", chm.inLoad().size(), store.inLoad().size(), "%,.0f");
        rowMillis(md, "total pause", chm.totalMillis(chm.inLoad()), store.totalMillis(store.inLoad()));
        rowMillis(md, "longest pause", chm.longestMillis(chm.inLoad()), store.longestMillis(store.inLoad()));
        rowMillis(md, "collector CPU time in those pauses (user + sys, all GC threads)", chm.cpuMillis(chm.inLoad()),
                store.cpuMillis(store.inLoad()));
        row(md, "safepoints, GC or not (count)", chm.safepointsInLoad().size(), store.safepointsInLoad().size(), "%,.0f");
        rowMillis(md, "total time stopped at safepoints (reaching + at)", chm.totalMillis(chm.safepointsInLoad()),
                store.totalMillis(store.safepointsInLoad()));
        rowMillis(md, "longest safepoint", chm.longestMillis(chm.safepointsInLoad()),
                store.longestMillis(store.safepointsInLoad()));
        rowNanos(md, "control thread's longest wake-up delay (1 ms sleeps)", chm.number("hiccup.max"),
                store.number("hiccup.max"));
        rowNanos(md, "control thread's wake-up delay p99.9", chm.number("hiccup.p99.9"), store.number("hiccup.p99.9"));
        for (double p : READ_PERCENTILES) {
            rowNanos(md, "read latency p" + trim(p) + " (from its scheduled start)", chm.number("response.p" + p),
                    store.number("response.p" + p));
        }
        rowNanos(md, "read latency max", chm.number("response.max"), store.number("response.max"));
        for (double p : new double[] {99.9, 99.99}) {
            rowNanos(md, "read's own duration p" + trim(p), chm.number("service.p" + p), store.number("service.p" + p));
        }
        rowMib(md, "heap in use right after the load", chm.number("heapUsedAfterLoad"), store.number("heapUsedAfterLoad"));
        rowMib(md, "heap live after two full GCs", chm.number("heapLiveAfterFullGc"), store.number("heapLiveAfterFullGc"));
        rowMib(md, "native memory (`memoryUsed()`)", chm.number("nativeBytes"), store.number("nativeBytes"));
        row(md, "writes done", chm.number("writes"), store.number("writes"), "%,.0f");
        row(md, "reads done", chm.number("reads"), store.number("reads"), "%,.0f");
        rowNanos(md, "write call p99.99 (`mutate` / `compute`)", chm.number("write.p99.99"), store.number("write.p99.99"));
        rowNanos(md, "longest write call", chm.number("write.max"), store.number("write.max"));
        rowNanos(md, "writer's largest lag behind its schedule", chm.number("writerMaxBehindNanos"),
                store.number("writerMaxBehindNanos"));
        row(md, "allocated per write (B, writer thread)", chm.number("writerBytesPerWrite"),
                store.number("writerBytesPerWrite"), "%,.0f");
        row(md, "allocated per read (B, reader thread)", chm.number("readerBytesPerRead"),
                store.number("readerBytesPerRead"), "%,.0f");
        md.append("\n| filling the structure (not measured above) | ConcurrentHashMap | LiveStore | |\n|---|---:|---:|---:|\n");
        row(md, "time to fill (s)", chm.number("fillEndSeconds") - chm.number("fillStartSeconds"),
                store.number("fillEndSeconds") - store.number("fillStartSeconds"), "%,.1f");
        rowMillis(md, "total pause while filling", chm.totalMillis(chm.inFill()), store.totalMillis(store.inFill()));
        rowMillis(md, "longest pause while filling", chm.longestMillis(chm.inFill()), store.longestMillis(store.inFill()));
        md.append("\nPauses of the measured period by kind: ");
        final List<String> kinds = new ArrayList<>();
        for (ArmResult r : results) {
            kinds.add(r.arm().id() + ": " + byKind(r.inLoad()));
        }
        md.append(String.join("; ", kinds)).append(".\n\n");
        md.append("Plot: `gc.png` (every pause of the measured period over time, per arm). Raw figures and every "
                + "pause of both logs: `gc.json`.\n");
        return md.toString();
    }

    private static String byKind(List<Pause> pauses) {
        if (pauses.isEmpty()) {
            return "none";
        }
        final java.util.Map<String, double[]> kinds = new java.util.TreeMap<>();
        for (Pause p : pauses) {
            final double[] k = kinds.computeIfAbsent(p.kind(), x -> new double[2]);
            k[0]++;
            k[1] += p.millis();
        }
        final List<String> s = new ArrayList<>();
        kinds.forEach((kind, k) -> s.add(String.format(Locale.ROOT, "%.0f × %s (%.1f ms)", k[0], kind, k[1])));
        return String.join(", ", s);
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    private static String millionsOrCount(int entries) {
        return entries % 1_000_000 == 0 ? (entries / 1_000_000) + "M" : String.format(Locale.ROOT, "%,d", entries);
    }

    private static void row(StringBuilder md, String what, double chm, double store, String format) {
        md.append(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %s |\n", what, chm, store,
                Nanos.ratio(store / chm)));
    }

    private static void rowMillis(StringBuilder md, String what, double chm, double store) {
        md.append(String.format(Locale.ROOT, "| %s | %,.1f ms | %,.1f ms | %s |\n", what, chm, store,
                Nanos.ratio(store / chm)));
    }

    private static void rowNanos(StringBuilder md, String what, double chm, double store) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |\n", what, Nanos.format(chm), Nanos.format(store),
                Nanos.ratio(store / chm)));
    }

    private static void rowMib(StringBuilder md, String what, double chm, double store) {
        md.append(String.format(Locale.ROOT, "| %s | %,.0f MiB | %,.0f MiB | %s |\n", what, chm / (1 << 20),
                store / (1 << 20), chm == 0 ? "n/a" : Nanos.ratio(store / chm)));
    }

    private static String json(RunEnvironment environment, Settings s, List<ArmResult> results) {
        final JsonWriter json = new JsonWriter().beginObject().field("name", "gc").field("mode", s.quick() ? "quick" : "full");
        environment.writeJson(json);
        json.name("settings").beginObject().field("entries", s.entries()).field("seconds", s.seconds())
                .field("warmupSeconds", s.warmupSeconds()).field("writesPerSecond", s.writesPerSecond())
                .field("readsPerSecond", s.readsPerSecond()).field("heap", s.heap()).endObject();
        json.name("arms").beginArray();
        for (ArmResult r : results) {
            json.beginObject().field("arm", r.arm().id()).field("title", r.arm().title)
                    .field("peer", r.arm() == Arm.CHM)
                    .field("childCommand", String.join(" ", r.childCommand()))
                    .field("pausesInLoad", r.inLoad().size())
                    .field("totalPauseMillisInLoad", r.totalMillis(r.inLoad()))
                    .field("longestPauseMillisInLoad", r.longestMillis(r.inLoad()))
                    .field("totalPauseMillisInFill", r.totalMillis(r.inFill()))
                    .field("longestPauseMillisInFill", r.longestMillis(r.inFill()))
                    .field("safepointsInLoad", r.safepointsInLoad().size())
                    .field("safepointTotalMillisInLoad", r.totalMillis(r.safepointsInLoad()))
                    .field("safepointLongestMillisInLoad", r.longestMillis(r.safepointsInLoad()));
            json.name("child").beginObject();
            for (String name : new java.util.TreeSet<>(r.child().stringPropertyNames())) {
                final String v = r.child().getProperty(name);
                try {
                    json.field(name, Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    json.field(name, v);
                }
            }
            json.endObject();
            json.name("pauses").beginArray();
            for (Pause p : r.pauses()) {
                json.beginObject().field("endSeconds", p.endSeconds()).field("gc", p.id()).field("kind", p.kind())
                        .field("millis", p.millis()).field("cpuMillis", p.cpuMillis()).endObject();
            }
            json.endArray().endObject();
        }
        return json.endArray().endObject().toString();
    }

    private static XYChart chart(List<ArmResult> results, Settings settings) {
        final XYChart chart = new XYChartBuilder().width(1000).height(600)
                .title("GC pauses during the measured load, per arm (each point one stop-the-world pause)")
                .xAxisTitle("seconds into the measured period").yAxisTitle("pause (ms)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) settings.seconds());
        chart.getStyler().setYAxisMin(0.1);
        double longest = 1;
        for (ArmResult r : results) {
            longest = Math.max(longest, r.longestMillis(r.inLoad()));
        }
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(longest))));
        final Color[] colours = {new Color(0x1F, 0x77, 0xB4), new Color(0xD6, 0x27, 0x28)};
        int i = 0;
        for (ArmResult r : results.stream().sorted(Comparator.comparing(ArmResult::arm)).toList()) {
            final List<Double> x = new ArrayList<>();
            final List<Double> y = new ArrayList<>();
            final double start = r.number("loadStartSeconds");
            for (Pause p : r.inLoad()) {
                x.add(p.endSeconds() - start);
                y.add(Math.max(0.01, p.millis()));
            }
            final String name = String.format(Locale.ROOT, "%s: %d pauses, total %.1f ms, longest %.1f ms", r.arm().title,
                    r.inLoad().size(), r.totalMillis(r.inLoad()), r.longestMillis(r.inLoad()));
            if (x.isEmpty()) {
                x.add(0.0);
                y.add(0.01);
            }
            final XYSeries series = chart.addSeries(name, x, y);
            series.setMarkerColor(colours[i % colours.length]);
            series.setMarker(i == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
            i++;
        }
        return chart;
    }
}
