package io.livestore.runtime.store;

import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The key has no entry in the store: the operation needed one and changed nothing. Distinct
 * from a mutation's own rejection, which is the checked exception its {@code apply} throws.
 */
public final class KeyNotFoundException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    private final transient UUID key;

    /**
     * @param key the missing key
     * @param operation what was attempted ("mutate", "watch"...)
     */
    public KeyNotFoundException(UUID key, String operation) {
        super(operation + "(" + key + "): no entry with this key; nothing changed");
        this.key = key;
    }

    /** @return the key that has no entry */
    public UUID key() {
        return key;
    }
}
