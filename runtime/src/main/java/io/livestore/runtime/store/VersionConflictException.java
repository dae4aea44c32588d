package io.livestore.runtime.store;

import java.util.UUID;

/**
 * {@code mutateIfVersion} found the entry at another version than expected: someone wrote it in
 * between. Nothing changed; re-read the entry and decide again.
 */
public final class VersionConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient UUID key;
    private final long expected;
    private final long actual;

    /**
     * @param key the entry's key
     * @param expected the version the caller expected
     * @param actual the entry's version
     */
    public VersionConflictException(UUID key, long expected, long actual) {
        super("mutateIfVersion(" + key + "): expected version " + expected + " but the entry is at version "
                + actual + "; nothing changed");
        this.key = key;
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the entry's key */
    public UUID key() {
        return key;
    }

    /** @return the version the caller expected */
    public long expected() {
        return expected;
    }

    /** @return the version the entry had */
    public long actual() {
        return actual;
    }
}
