package io.livestore.benchmarks;

/**
 * JVM flags for the forks of the benchmarks that allocate off-heap memory, as compile-time constants because
 * {@code @Fork(jvmArgsAppend)} takes nothing else.
 *
 * <p>{@link #CHRONICLE_BYTES_1} to {@link #CHRONICLE_BYTES_8} mirror the root POM property
 * {@code livestore.jvm.flags}; if they drift, the table's first allocation fails in the fork
 * and lists the flags it wants. The {@code jdk.compiler} flags are Chronicle Map's: it compiles
 * value-interface classes at run time. JDK 23+'s {@code --sun-misc-unsafe-memory-access=allow}
 * cannot be listed here (JDK 17 refuses it): {@code io.livestore.benchmarks.BenchmarksMain}, the
 * jar's main class, adds it to every fork on JDK 23 and later.
 */
public final class ForkFlags {

    public static final String CHRONICLE_BYTES_1 = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    public static final String CHRONICLE_BYTES_2 = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String CHRONICLE_BYTES_3 = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    public static final String CHRONICLE_BYTES_4 = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    public static final String CHRONICLE_BYTES_5 = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    public static final String CHRONICLE_BYTES_6 = "--add-opens=java.base/java.io=ALL-UNNAMED";
    public static final String CHRONICLE_BYTES_7 = "--add-opens=java.base/java.util=ALL-UNNAMED";
    public static final String CHRONICLE_BYTES_8 = "--enable-native-access=ALL-UNNAMED";
    public static final String CHRONICLE_MAP_1 = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    public static final String CHRONICLE_MAP_2 = "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED";

    private ForkFlags() {
    }
}
