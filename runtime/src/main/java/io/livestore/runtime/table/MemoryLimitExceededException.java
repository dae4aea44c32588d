package io.livestore.runtime.table;

/**
 * A write needed native memory that would pass its store's {@code maxMemory}. The write was
 * refused before anything changed, as Redis refuses writes past {@code maxmemory}: the store is
 * as it was and keeps serving reads and writes that fit.
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
        super("maxMemory exceeded: " + purpose + " needs " + requested + " more bytes, " + used
                + " of the limit of " + limit + " bytes are in use; the write was refused and nothing changed"
                + " (raise maxMemory, or remove entries)");
        this.requested = requested;
        this.used = used;
        this.limit = limit;
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
