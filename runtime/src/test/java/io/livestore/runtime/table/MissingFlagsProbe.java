package io.livestore.runtime.table;

/**
 * Run in a JVM started without Chronicle's flags by {@link ChronicleJvmFlagsTest}: prints the
 * message of the first native allocation's failure and exits with 3, or exits with 0 if it worked.
 */
final class MissingFlagsProbe {

    private MissingFlagsProbe() {
    }

    public static void main(String[] args) {
        try (RecordArena arena = RecordArena.create(8, 10, MemoryBudget.unlimited())) {
            System.out.println("created " + arena);
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
