package io.livestore.runtime.store;

import java.util.UUID;

/**
 * What a watcher of one key receives, in the order the store applied it. A {@code switch} over
 * an update is exhaustive:
 *
 * <pre>{@code
 * switch (subscription.next()) {
 *     case Update.Mutated<Player, Chat> m -> render(m.current().value());
 *     case Update.Overwritten<Player, Chat> o -> render(o.current().value());
 *     case Update.Message<Player, Chat> msg -> show(msg.message());
 *     case Update.Removed<Player, Chat> r -> goodbye(r.cause());   // the last update
 *     case Update.Lagged<Player, Chat> l -> resync(l.missed());    // this watcher fell behind
 * }
 * }</pre>
 *
 * @param <V> the value type
 * @param <M> the message type
 */
public sealed interface Update<V, M> {

    /**
     * An accepted mutation.
     *
     * @param previous the entry before the mutation
     * @param current the entry after it (version one higher)
     * @param mutation the mutation that was applied
     * @param <V> the value type
     * @param <M> the message type
     */
    record Mutated<V, M>(Entry<V> previous, Entry<V> current, Mutator<V, ?> mutation) implements Update<V, M> {
        /** @return the entry's key */
        public UUID key() {
            return current.key();
        }

        /** @return the version after the mutation */
        public long version() {
            return current.version();
        }

        /** @return the value after the mutation */
        public V value() {
            return current.value();
        }
    }

    /**
     * The value was replaced whole ({@code insert}, {@code assign}, a guard's {@code set}).
     *
     * @param previous the entry before
     * @param current the entry after (version one higher)
     * @param message the message the writer attached, or {@code null}
     * @param <V> the value type
     * @param <M> the message type
     */
    record Overwritten<V, M>(Entry<V> previous, Entry<V> current, M message) implements Update<V, M> {
        /** @return the entry's key */
        public UUID key() {
            return current.key();
        }

        /** @return the version after the overwrite */
        public long version() {
            return current.version();
        }

        /** @return the new value */
        public V value() {
            return current.value();
        }
    }

    /**
     * A message {@code broadcast} to the key's watchers; the entry did not change.
     *
     * @param current the entry when the message was sent
     * @param message the message
     * @param <V> the value type
     * @param <M> the message type
     */
    record Message<V, M>(Entry<V> current, M message) implements Update<V, M> {
        /** @return the entry's key */
        public UUID key() {
            return current.key();
        }
    }

    /**
     * The entry is gone; this is the last update of the subscription.
     *
     * @param last the entry as it was last
     * @param message the message the remover attached, or {@code null}
     * @param cause why it went
     * @param <V> the value type
     * @param <M> the message type
     */
    record Removed<V, M>(Entry<V> last, M message, RemovalCause cause) implements Update<V, M> {
        /** @return the entry's key */
        public UUID key() {
            return last.key();
        }
    }

    /**
     * This watcher fell behind by more than its buffer holds: {@code missed} updates of the key
     * were dropped for it, and it goes on with the oldest update still buffered. The writer never
     * waits for a watcher; a watcher that needs the whole state should re-read the entry.
     *
     * @param missed how many updates this watcher will never see, at least 1
     * @param <V> the value type
     * @param <M> the message type
     */
    record Lagged<V, M>(long missed) implements Update<V, M> {
    }
}
