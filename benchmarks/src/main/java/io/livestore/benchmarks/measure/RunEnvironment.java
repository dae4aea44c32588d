package io.livestore.benchmarks.measure;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where and how a measurement ran: the machine, the JVM, its flags and the command that
 * reproduces the run, for the report's header and its JSON.
 *
 * @param cpu the CPU model ({@code /proc/cpuinfo}), or "unknown"
 * @param cores the processors this JVM may use
 * @param memoryGiB the machine's physical memory
 * @param os the operating system's name, version and architecture
 * @param jdk the JVM's vendor, name and full version
 * @param garbageCollectors the collectors' MXBean names
 * @param command the command line that reproduces the run ({@code java <flags> -cp ...})
 * @param date when the run started (UTC, to the second)
 * @param loadAverage the machine's load average over 1, 5 and 15 minutes when the run started
 *     ({@code /proc/loadavg}): the machine may be shared, and a load above the core count means
 *     other work competed for the CPU
 */
public record RunEnvironment(String cpu, int cores, double memoryGiB, String os, String jdk,
        List<String> garbageCollectors, String command, Instant date, String loadAverage) {

    /** The jar every measurement main is run from, as the reproducing command names it. */
    public static final String JAR = "benchmarks/target/benchmarks.jar";

    /**
     * Describes this JVM, run as {@code mainClass} with {@code args}.
     *
     * @param mainClass the main's class
     * @param args its arguments
     * @return the description
     */
    public static RunEnvironment current(Class<?> mainClass, List<String> args) {
        final List<String> command = new ArrayList<>();
        command.add("java");
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            command.add(flag);
        }
        command.add("-cp");
        command.add(JAR);
        command.add(mainClass.getName());
        command.addAll(args);
        final List<String> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectors.add(gc.getName());
        }
        return new RunEnvironment(cpuModel(), Runtime.getRuntime().availableProcessors(), physicalMemoryGiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + Runtime.version(),
                List.copyOf(collectors), String.join(" ", command), Instant.now().truncatedTo(ChronoUnit.SECONDS),
                loadAverageNow());
    }

    /** @return one markdown line: machine, JDK and date */
    public String markdownMachine() {
        return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB; %s; %s; %s; load average at start %s",
                cpu, cores, memoryGiB, os, jdk, date, loadAverage);
    }

    /**
     * Writes this description as the fields of a JSON object.
     *
     * @param json the writer, inside an object
     */
    public void writeJson(JsonWriter json) {
        json.name("environment").beginObject()
                .field("cpu", cpu).field("cores", cores).field("memoryGiB", memoryGiB)
                .field("os", os).field("jdk", jdk).field("command", command).field("date", date.toString())
                .field("loadAverage", loadAverage)
                .name("garbageCollectors").beginArray();
        for (String gc : garbageCollectors) {
            json.value(gc);
        }
        json.endArray().endObject();
    }

    private static String cpuModel() {
        final Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown CPU";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU (" + e.getMessage() + ")";
        }
    }

    /** The machine's load average now, the first three fields of {@code /proc/loadavg}, or "unknown". */
    public static String loadAverageNow() {
        try {
            final String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static double physicalMemoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (double) (1L << 30);
        }
        return Double.NaN;
    }
}
