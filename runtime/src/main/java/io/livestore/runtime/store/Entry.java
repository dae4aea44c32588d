package io.livestore.runtime.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of a store as it was at one version: the key, the value, and the metadata the store
 * keeps beside it. Times come from the store's clock ({@code LiveStore.Builder#clock}), in
 * milliseconds.
 *
 * @param key the entry's key
 * @param value the value at this version
 * @param version 1 when the entry was created, +1 for every accepted write since (mutation,
 *     overwrite); a key removed and created again starts at 1 again
 * @param createdAt when the entry was created
 * @param lastWriteAt when the entry was last written (created, overwritten or mutated)
 * @param expiresAt when the entry expires, or {@code null} if it never does
 * @param <V> the value type
 */
public record Entry<V>(UUID key, V value, long version, Instant createdAt, Instant lastWriteAt, Instant expiresAt) {

    /**
     * @throws NullPointerException if a component other than {@code expiresAt} is null
     */
    public Entry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastWriteAt, "lastWriteAt");
    }
}
