package io.livestore.benchmarks.gc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses in a G1 log written with {@code -Xlog:gc:file=...} (unified logging,
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
     */
    record Pause(double endSeconds, long id, String kind, double millis) {
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
        for (String line : Files.readAllLines(log)) {
            final Matcher m = PAUSE.matcher(line);
            if (m.matches()) {
                pauses.add(new Pause(number(m.group(1)), Long.parseLong(m.group(2)), m.group(3), number(m.group(4))));
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
                safepoints.add(new Pause(number(m.group(1)), 0, m.group(2), Long.parseLong(m.group(3)) / 1e6));
            }
        }
        return safepoints;
    }

    private static double number(String s) {
        return Double.parseDouble(s.replace(',', '.'));
    }
}
