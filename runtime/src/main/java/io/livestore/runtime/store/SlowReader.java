package io.livestore.runtime.store;

import java.time.Duration;

/**
 * A reader that has held one snapshot long enough to hold back publication: what the store
 * reports to {@code LiveStore.Builder#onSlowReader} so that a user can find it.
 *
 * @param storeName the store's name
 * @param thread the name of the thread that owns the reader
 * @param threadAlive whether that thread is still alive (if not, the reader was dropped without
 *     {@code close()} and blocks the writer until the garbage collector finds it)
 * @param heldFor how long it has held its snapshot
 * @param pendingWrites how many writes readers cannot see yet because of it (and any others)
 */
public record SlowReader(String storeName, String thread, boolean threadAlive, Duration heldFor, long pendingWrites) {
}
