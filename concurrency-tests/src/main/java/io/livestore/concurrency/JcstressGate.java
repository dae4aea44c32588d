package io.livestore.concurrency;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs jcstress and fails the build when a test fails. jcstress's own {@code Main} exits with 0
 * whatever the outcomes, so this reads the summary it prints: every run must end with
 * "Failed tests: No matches." and "Error tests: No matches.".
 *
 * <p>Arguments are passed to jcstress unchanged, e.g. {@code -m sanity} or {@code -t HotRead}.
 */
public final class JcstressGate {

    private JcstressGate() {
    }

    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        try {
            org.openjdk.jcstress.Main.main(args);
        } finally {
            System.setOut(console);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        boolean ran = output.contains("RUN RESULTS:");
        boolean noFailures = output.contains("Failed tests: No matches.");
        boolean noErrors = output.contains("Error tests: No matches.");
        if (!ran || !noFailures || !noErrors) {
            System.err.println("jcstress: " + (!ran ? "no run summary was printed"
                    : "some tests failed or crashed; see the summary above and results/index.html"));
            System.exit(1);
        }
    }

    /** Writes to the console and to a buffer. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
