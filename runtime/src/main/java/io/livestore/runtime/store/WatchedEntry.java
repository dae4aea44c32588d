package io.livestore.runtime.store;

import java.util.UUID;

/**
 * An entry and a subscription to its updates, taken together so that no update falls between
 * them: the subscription starts with the first update after {@code entry}. From the combined
 * forms ({@code fetchAndWatch}, {@code initAndWatch}, {@code createAndWatch},
 * {@code insertAndWatch}, {@code assignAndWatch}). Closing it closes the subscription.
 *
 * @param entry the entry as it was when the subscription started
 * @param subscription its updates from then on
 * @param <V> the value type
 * @param <M> the message type
 */
public record WatchedEntry<V, M>(Entry<V> entry, Subscription<V, M> subscription) implements AutoCloseable {

    /** @return the entry's key */
    public UUID key() {
        return entry.key();
    }

    /** Closes the subscription. */
    @Override
    public void close() {
        subscription.close();
    }
}
