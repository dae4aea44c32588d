package io.livestore.concurrency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;

/**
 * Runs jcstress and fails the build unless every test ended the way it must: the real tests
 * PASSED, and the deliberately broken ones (package {@code io.livestore.concurrency.mutants})
 * FAILED, that is, the run observed their forbidden outcome. A mutant that passes means the run
 * is too weak to catch the bug it stands for, so it fails the build as surely as a real failure.
 *
 * <p>jcstress's own {@code Main} exits with 0 whatever the outcomes (its report throws an
 * {@code AssertionError} on failures, which we expect for the mutants), so the gate reads the
 * binary result file the run wrote and grades each test itself with jcstress's own grading.
 * Every test the selection matched must have a result; a test that crashed or timed out
 * ({@code Status} other than {@code NORMAL}) fails the build whichever group it is in.
 *
 * <p>Arguments are passed to jcstress unchanged, e.g. {@code -m quick} or {@code -t HotRead}.
 */
public final class JcstressGate {

    /** Tests under this prefix are mutants: each must FAIL. */
    static final String MUTANT_PREFIX = "io.livestore.concurrency.mutants.";

    private JcstressGate() {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        if (!options.parse()) {
            System.exit(1);
        }
        JCStress jcstress = new JCStress(options);
        SortedSet<String> selected = jcstress.getTests();
        try {
            jcstress.run();
        } catch (AssertionError expected) {
            // jcstress's summary throws when any test failed; the mutants must. Judged below.
        }

        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(options.getResultFile(), collector);
        try {
            reader.dump();
        } finally {
            reader.close();
        }
        Map<String, TestResult> byName = new TreeMap<>();
        for (TestResult result : ReportUtils.mergedByName(collector.getTestResults())) {
            byName.put(result.getName(), result);
        }

        List<String> problems = new ArrayList<>();
        System.out.println();
        System.out.println("jcstress gate: real tests must pass, mutants (" + MUTANT_PREFIX + "*) must fail");
        for (String test : selected) {
            boolean mutant = test.startsWith(MUTANT_PREFIX);
            String verdict = verdict(byName.get(test));
            boolean asRequired = mutant ? verdict.equals("FAILED") : verdict.equals("PASSED");
            System.out.printf("  %-8s %-6s (required: %s) %s%n", asRequired ? "ok" : "WRONG", verdict,
                    mutant ? "FAILED" : "PASSED", test);
            if (!asRequired) {
                problems.add(test + " " + verdict + (mutant
                        ? ": a broken handshake went undetected; the run is too short or too weak"
                        : ""));
            }
        }
        if (selected.isEmpty()) {
            problems.add("no test matched the selection");
        }
        if (!problems.isEmpty()) {
            System.err.println("jcstress gate: " + problems.size() + " test(s) did not end as required:");
            problems.forEach(p -> System.err.println("  " + p));
            System.err.println("see the summary above and results/index.html");
            System.exit(1);
        }
        System.out.println("jcstress gate: all " + selected.size() + " tests ended as required");
        System.exit(0);
    }

    /**
     * PASSED, FAILED (a forbidden outcome was seen), ERROR (crash, timeout), MISSING (no result)
     * or EMPTY (ran without a single sample: sanity mode does that to termination tests). Only
     * PASSED and FAILED can satisfy the gate: a test without samples has shown nothing.
     */
    private static String verdict(TestResult result) {
        if (result == null) {
            return "MISSING";
        }
        if (result.status() != Status.NORMAL) {
            return "ERROR";
        }
        if (result.isEmpty()) {
            return "EMPTY";
        }
        return result.grading().isPassed ? "PASSED" : "FAILED";
    }
}
