package io.livestore.benchmarks.gc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a G1 log written with {@code -Xlog:gc,gc+cpu:file=...} (unified logging,
 * default decorations {@code [uptime][level][tags]}), such as
 * <pre>
 * [12.345s][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 1234M-&gt;567M(6144M) 45.678ms
 * [20.001s][info][gc] GC(15) Pause Remark 2000M-&gt;2000M(6144M) 3.210ms
 * </pre>
 * Every {@code Pause} line is one pause (young, mixed, remark, cleanup, full); the concurrent
 * phases ({@code Concurrent Mark Cycle}) do not stop the application and are not counted.
 */
final class GcLog {

    /**
     * One pause.
     *
     * @param endSeconds the JVM's uptime when the pause ended (the line's decoration)
     * @param id the collection's id ({@code GC(n)})
     * @param kind what paused ({@code Young (Normal) (G1 Evacuation Pause)}, {@code Remark}...)
     * @param millis how long
     * @param cpuMillis the collector threads' CPU time in the pause (user + system, from the
     *     {@code gc+cpu} line of the same collection), or NaN if the log has none: a pause much
     *     longer than its CPU time spread over the machine's cores waited for the CPU
     */
    record Pause(double endSeconds, long id, String kind, double millis, double cpuMillis) {
    }

    private static final Pattern PAUSE = Pattern.compile(
            "^\\[(\\d+[.,]\\d+)s\\].*?\\bGC\\((\\d+)\\) Pause (.+?) \\d+[KMG]->\\d+[KMG]\\(\\d+[KMG]\\) (\\d+[.,]\\d+)ms\\s*$");

    /**
     * A safepoint line of {@code -Xlog:safepoint} (JDK 17 to 25): {@code [1.234s][info][safepoint]
     * Safepoint "G1CollectForAllocation", Time since last: 1000 ns, Reaching safepoint: 120 ns,
     * At safepoint: 500 ns, Total: 700 ns}; the fields between vary a little between versions,
     * and JDK 25 appends the thread counts after {@code Total}.
     */
    private static final Pattern SAFEPOINT = Pattern.compile(
            "^\\[(\\d+[.,]\\d+)s\\].*?\\bSafepoint \"([^\"]+)\".*?\\bTotal: (\\d+) ns.*$");

    /** {@code [12.345s][info][gc,cpu] GC(12) User=0.05s Sys=0.00s Real=0.03s}: one per collection. */
    private static final Pattern CPU = Pattern.compile(
            "^\\[[^]]*\\].*?\\bGC\\((\\d+)\\) User=(\\d+[.,]\\d+)s Sys=(\\d+[.,]\\d+)s Real=(\\d+[.,]\\d+)s\\s*$");

    private GcLog() {
    }

    /**
     * Reads every pause of a log.
     *
     * @param log the file
     * @return its pauses, in order
     * @throws IOException if the file cannot be read
     */
    static List<Pause> pauses(Path log) throws IOException {
        final List<Pause> pauses = new ArrayList<>();
        final List<String> lines = Files.readAllLines(log);
        for (int i = 0; i < lines.size(); i++) {
            final Matcher m = PAUSE.matcher(lines.get(i));
            if (m.matches()) {
                final long id = Long.parseLong(m.group(2));
                pauses.add(new Pause(number(m.group(1)), id, m.group(3), number(m.group(4)), cpuMillis(lines, i, id)));
            }
        }
        return pauses;
    }

    /**
     * Reads every safepoint of a {@code -Xlog:safepoint} log, as pauses (id 0, kind the VM
     * operation, millis its total: reaching the safepoint and the operation).
     *
     * @param log the file
     * @return its safepoints, in order
     * @throws IOException if the file cannot be read
     */
    static List<Pause> safepoints(Path log) throws IOException {
        final List<Pause> safepoints = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            final Matcher m = SAFEPOINT.matcher(line);
            if (m.matches()) {
                safepoints.add(new Pause(number(m.group(1)), 0, m.group(2), Long.parseLong(m.group(3)) / 1e6, Double.NaN));
            }
        }
        return safepoints;
    }

    /**
     * The CPU time of collection {@code id}: the {@code gc+cpu} line that follows its pause line
     * (before the next pause line). A concurrent cycle's {@code Remark} and {@code Cleanup} share
     * its id and each have their own line.
     */
    private static double cpuMillis(List<String> lines, int pauseLine, long id) {
        for (int i = pauseLine + 1; i < lines.size() && !PAUSE.matcher(lines.get(i)).matches(); i++) {
            final Matcher m = CPU.matcher(lines.get(i));
            if (m.matches() && Long.parseLong(m.group(1)) == id) {
                return (number(m.group(2)) + number(m.group(3))) * 1e3;
            }
        }
        return Double.NaN;
    }

    private static double number(String s) {
        return Double.parseDouble(s.replace(',', '.'));
    }
}
