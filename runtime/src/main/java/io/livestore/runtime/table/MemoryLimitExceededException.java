package io.livestore.runtime.table;

/**
 * A write needed native memory that would pass its store's {@code maxMemory}, or the process-wide
 * limit on native memory ({@code -Dlivestore.maxNativeMemory}). The write was refused before
 * anything changed, as Redis refuses writes past {@code maxmemory}: the store is as it was and
 * keeps serving reads and writes that fit.
 */
public final class MemoryLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long requested;
    private final long used;
    private final long limit;

    /**
     * @param requested the bytes the write needed
     * @param purpose what they were for
     * @param used the bytes already in use
     * @param limit the limit
     */
    public MemoryLimitExceededException(long requested, String purpose, long used, long limit) {
        this("maxMemory exceeded: " + purpose + " needs " + requested + " more bytes, " + used
                + " of the limit of " + limit + " bytes are in use; the write was refused and nothing changed"
                + " (raise maxMemory, or remove entries)", requested, used, limit);
    }

    private MemoryLimitExceededException(String message, long requested, long used, long limit) {
        super(message);
        this.requested = requested;
        this.used = used;
        this.limit = limit;
    }

    /** The process-wide limit on native memory refused an allocation (see {@code OffHeapMemory}). */
    static MemoryLimitExceededException processWide(long requested, String purpose, long used, long limit) {
        return new MemoryLimitExceededException("native memory limit of the process exceeded: " + purpose
                + " needs " + requested + " more bytes, " + used + " of the limit of " + limit
                + " bytes are held by LiveStore; nothing was allocated (raise -D"
                + OffHeapMemory.MAX_NATIVE_MEMORY_PROPERTY + ", or free tables and stores)", requested, used, limit);
    }

    /** @return the bytes the refused write needed */
    public long requested() {
        return requested;
    }

    /** @return the bytes in use when it was refused */
    public long used() {
        return used;
    }

    /** @return the store's limit */
    public long limit() {
        return limit;
    }
}
