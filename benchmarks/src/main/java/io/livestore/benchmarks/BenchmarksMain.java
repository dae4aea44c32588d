package io.livestore.benchmarks;

import java.util.Arrays;

/**
 * The main class of {@code benchmarks.jar}: JMH's own, plus
 * {@value #UNSAFE_FLAG} for the forks on JDK 23 and later.
 *
 * <p>Why here: {@code @Fork(jvmArgsAppend)} takes only constants, and JDK 17 refuses the flag
 * while JDK 24+ prints {@code sun.misc.Unsafe} warnings without it (Chronicle Bytes uses Unsafe).
 * The forks run the same {@code java} as this JVM unless {@code -jvm} names another, so this
 * JVM's version decides; with {@code -jvm}, or a {@code -jvmArgsPrepend} of your own, nothing is
 * added. {@code -jvmArgsPrepend} is used because no benchmark sets it in its annotation, so it
 * overrides nothing there.
 */
public final class BenchmarksMain {

    /** Allows Chronicle's sun.misc.Unsafe memory access without warnings (JEP 471, JDK 23+). */
    static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access=allow";

    private BenchmarksMain() {
    }

    /**
     * Runs JMH with {@code args}, adding the flag for the forks when this JDK takes it.
     *
     * @param args JMH's command line
     * @throws Exception as JMH's main does
     */
    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(withUnsafeFlag(args, Runtime.version().feature()));
    }

    /** The arguments, with {@code -jvmArgsPrepend UNSAFE_FLAG} first on JDK 23+. */
    static String[] withUnsafeFlag(String[] args, int jdkFeature) {
        final boolean ownChoice = Arrays.asList(args).contains("-jvm") || Arrays.asList(args).contains("-jvmArgsPrepend");
        if (jdkFeature < 23 || ownChoice) {
            return args;
        }
        final String[] withFlag = new String[args.length + 2];
        withFlag[0] = "-jvmArgsPrepend";
        withFlag[1] = UNSAFE_FLAG;
        System.arraycopy(args, 0, withFlag, 2, args.length);
        return withFlag;
    }
}
