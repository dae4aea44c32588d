package io.livestore.runtime.table;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags that Chronicle Bytes needs on JDK 17+, and the check that they were given.
 *
 * <p>Chronicle Bytes reaches into JDK internals (Unsafe, {@code jdk.internal.ref.Cleaner},
 * {@code sun.nio.ch} for mapped files, reflection on {@code java.lang} and friends). Without the
 * flags it works only partly: it logs warnings, and some paths fail at a random later point.
 * LiveStore fails instead on the first off-heap allocation, with the exact flags to add.
 *
 * <p>The list is the root POM property {@code livestore.jvm.flags}, which surefire, JMH forks
 * and the sample launchers pass; keep the two in step. Exports and opens are checked through the
 * {@link Module} API, which sees every way of passing them ({@code JDK_JAVA_OPTIONS}, argument
 * files). {@code --enable-native-access} and, on JDK 23+, {@code --sun-misc-unsafe-memory-access}
 * only silence warnings and cannot be observed on JDK 17, so they are listed, not checked.
 *
 * <p>Switch: {@code -Dlivestore.table.checkJvmFlags=false} skips the check (for a launcher that
 * grants the access some other way, e.g. a named module with {@code requires}).
 */
final class ChronicleJvmFlags {

    /** System property that disables the check when set to {@code false}. */
    static final String CHECK_PROPERTY = "livestore.table.checkJvmFlags";

    private static final List<Access> CHECKED = List.of(
            Access.exports("java.base", "jdk.internal.ref"),
            Access.exports("java.base", "sun.nio.ch"),
            Access.exports("jdk.unsupported", "sun.misc"),
            Access.opens("java.base", "java.lang"),
            Access.opens("java.base", "java.lang.reflect"),
            Access.opens("java.base", "java.io"),
            Access.opens("java.base", "java.util"));

    private static final String NATIVE_ACCESS_FLAG = "--enable-native-access=ALL-UNNAMED";
    private static final String UNSAFE_ACCESS_FLAG = "--sun-misc-unsafe-memory-access=allow";
    /** JEP 471 added the flag in JDK 23; JDK 24 starts warning without it. */
    private static final int FIRST_JDK_WITH_UNSAFE_ACCESS_FLAG = 23;

    /** Written once by the first allocating thread; a racing second check is harmless. */
    private static volatile boolean verified;

    private ChronicleJvmFlags() {
    }

    /**
     * Throws unless the flags are present (checked once per JVM; later calls cost one volatile read).
     *
     * @throws IllegalStateException naming the missing flags and listing all of them
     */
    static void verify() {
        if (verified) {
            return;
        }
        if (!"false".equalsIgnoreCase(System.getProperty(CHECK_PROPERTY))) {
            final List<String> missing = missing(ChronicleJvmFlags.class.getModule());
            if (!missing.isEmpty()) {
                throw new IllegalStateException(missingFlagsMessage(missing));
            }
        }
        verified = true;
    }

    /**
     * Returns the flags whose access is not granted to {@code client}, in the order of
     * {@link #allFlags()}.
     */
    static List<String> missing(Module client) {
        final List<String> missing = new ArrayList<>();
        for (Access access : CHECKED) {
            if (!access.grantedTo(client)) {
                missing.add(access.flag());
            }
        }
        return missing;
    }

    /** Every flag to pass on this JDK, as one would type them. */
    static List<String> allFlags() {
        final List<String> flags = new ArrayList<>();
        for (Access access : CHECKED) {
            flags.add(access.flag());
        }
        flags.add(NATIVE_ACCESS_FLAG);
        if (Runtime.version().feature() >= FIRST_JDK_WITH_UNSAFE_ACCESS_FLAG) {
            flags.add(UNSAFE_ACCESS_FLAG);
        }
        return flags;
    }

    static String missingFlagsMessage(List<String> missing) {
        return "LiveStore's off-heap table uses Chronicle Bytes, which needs JVM flags that this JVM "
                + "(Java " + Runtime.version() + ") was started without: " + String.join(" ", missing)
                + ". Add all of these to the java command line (Maven: the livestore.jvm.flags "
                + "property): " + String.join(" ", allFlags())
                + " (or set -D" + CHECK_PROPERTY + "=false if access is granted another way)";
    }

    /** Message for a failure inside Chronicle Bytes that the flags may explain. */
    static String chronicleFailureMessage(String what) {
        return "Chronicle Bytes failed while " + what + "; on JDK 17+ it needs these JVM flags: "
                + String.join(" ", allFlags());
    }

    /** One {@code --add-exports} or {@code --add-opens} to the unnamed module. */
    private record Access(String module, String packageName, boolean open) {

        static Access exports(String module, String packageName) {
            return new Access(module, packageName, false);
        }

        static Access opens(String module, String packageName) {
            return new Access(module, packageName, true);
        }

        boolean grantedTo(Module client) {
            final Module target = ModuleLayer.boot().findModule(module).orElse(null);
            if (target == null) {
                // A jlinked runtime without the module: nothing to grant, Chronicle will not use it.
                return true;
            }
            return open ? target.isOpen(packageName, client) : target.isExported(packageName, client);
        }

        String flag() {
            return (open ? "--add-opens=" : "--add-exports=") + module + "/" + packageName + "=ALL-UNNAMED";
        }
    }
}
