package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ChronicleJvmFlagsTest {

    @Test
    void missing_underSurefireFlags() {
        assertEquals(List.of(), ChronicleJvmFlags.missing(ChronicleJvmFlags.class.getModule()));
    }

    @Test
    void allFlags_matchTheBuildProperty() {
        final List<String> flags = ChronicleJvmFlags.allFlags();
        assertTrue(flags.contains("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"), flags.toString());
        assertTrue(flags.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), flags.toString());
        assertTrue(flags.contains("--enable-native-access=ALL-UNNAMED"), flags.toString());
        assertEquals(Runtime.version().feature() >= 23, flags.contains("--sun-misc-unsafe-memory-access=allow"));
    }

    @Test
    void surefireJvm_getsTheUnsafeAccessFlagExactlyFromJdk23() {
        // The root POM's profile for [23,) passes it; JDK 17 would refuse to start with it.
        final List<String> jvmArgs = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertEquals(Runtime.version().feature() >= 23, jvmArgs.contains("--sun-misc-unsafe-memory-access=allow"),
                jvmArgs.toString());
    }

    @Test
    void firstUse_withoutFlagsFailsListingThem() throws Exception {
        final String java = ProcessHandle.current().info().command().orElseThrow();
        final Process process = new ProcessBuilder(java, "-Xshare:auto", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), MissingFlagsProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        final boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }
        assertTrue(exited, "probe JVM did not exit");
        assertEquals(3, process.exitValue(), output);
        assertTrue(output.contains("was started without: --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"), output);
        assertTrue(output.contains("Add all of these to the java command line"), output);
        for (String flag : ChronicleJvmFlags.allFlags()) {
            assertTrue(output.contains(flag), flag + " missing from: " + output);
        }
        assertTrue(System.getProperty("java.class.path").contains(File.pathSeparator), "test class path looks wrong");
    }
}
