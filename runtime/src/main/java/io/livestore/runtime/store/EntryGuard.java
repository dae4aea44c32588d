package io.livestore.runtime.store;

import java.lang.ref.Cleaner;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lock on one entry of a store, from {@code acquire}, {@code tryAcquire}, {@code acquireAsync}
 * and the combined forms. While it is open, nobody else mutates, overwrites, removes or acquires
 * the entry: their calls wait (their futures complete) until it is closed, first come first
 * served. Readers and watchers are not affected. Through the guard its holder reads, mutates,
 * overwrites, broadcasts, watches and deletes the entry without waiting.
 *
 * <pre>{@code
 * try (EntryGuard<Player, Chat> guard = store.acquire(key)) {
 *     Player p = guard.value();
 *     Report r = slowRemoteCheck(p);          // nobody else writes the entry meanwhile
 *     guard.mutate(new Damage(r.damage()));
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> A guard is not tied to a thread: async code may use and close it from
 * whichever thread runs it (one at a time). Waiting uses no {@code synchronized}, so virtual
 * threads do not pin.
 *
 * <p><b>A guard never closed</b> keeps the entry locked, and every other writer of it waiting,
 * until it is closed, or, if it is dropped, until the garbage collector finds it unreachable (a
 * cleaner then releases it). Always close guards (try-with-resources); {@code store.heldKeys()}
 * shows which entries are held. The entry does not expire while held. After {@link #delete} the
 * guard is released at once.
 *
 * @param <V> the value type
 * @param <M> the message type
 */
public final class EntryGuard<V, M> implements AutoCloseable {

    /** What the entry lock is held by: not the guard itself, so that a dropped guard can be collected. */
    private static final class Hold {
    }

    /** Releases the hold once: on close(), delete(), or by the cleaner. */
    private static final class Release implements Runnable {
        private final LiveStore<?, ?> store;
        private final UUID key;
        private final Hold hold;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(LiveStore<?, ?> store, UUID key, Hold hold) {
            this.store = store;
            this.key = key;
            this.hold = hold;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                store.release(key, hold);
            }
        }
    }

    private final LiveStore<V, M> store;
    private final UUID key;
    private final Hold hold = new Hold();
    private final Release release;
    private final Cleaner.Cleanable cleanable;

    /** Set by close() or delete(), from any thread. */
    private volatile boolean closed;

    EntryGuard(LiveStore<V, M> store, UUID key) {
        this.store = store;
        this.key = key;
        this.release = new Release(store, key, hold);
        this.cleanable = LiveStore.ABANDONED_GUARDS.register(this, release);
    }

    /** @return the key of the held entry */
    public UUID key() {
        return key;
    }

    /**
     * @return the entry as it is now
     * @throws KeyNotFoundException if it was removed meanwhile (by {@code clear()})
     * @throws IllegalStateException if this guard or the store is closed
     */
    public Entry<V> get() {
        ensureOpen();
        return store.guardGet(this).orElseThrow(() -> new KeyNotFoundException(key, "EntryGuard.get"));
    }

    /**
     * @return the value as it is now
     * @throws KeyNotFoundException if it was removed meanwhile (by {@code clear()})
     */
    public V value() {
        return get().value();
    }

    /**
     * Applies a mutation, as {@code LiveStore.mutate}, without waiting.
     *
     * @param mutation the mutation
     * @param <E> its rejection
     * @return the new value
     * @throws E the mutation's rejection: nothing changed
     */
    public <E extends Exception> V mutate(Mutator<V, E> mutation) throws E {
        ensureOpen();
        return store.guardMutate(this, mutation);
    }

    /**
     * Overwrites the value (watchers get {@link Update.Overwritten}).
     *
     * @param value the new value
     * @return the previous entry
     */
    public Entry<V> set(V value) {
        return set(value, null);
    }

    /**
     * Overwrites the value, telling watchers {@code message}.
     *
     * @param value the new value
     * @param message for the watchers, or {@code null}
     * @return the previous entry
     */
    public Entry<V> set(V value, M message) {
        ensureOpen();
        return store.guardSet(this, value, message);
    }

    /**
     * Sends a message to the entry's watchers; changes nothing.
     *
     * @param message the message
     * @return how many subscriptions will receive it
     */
    public int broadcast(M message) {
        ensureOpen();
        return store.guardBroadcast(this, message);
    }

    /**
     * Subscribes to the entry's updates from now on.
     *
     * @return the subscription
     */
    public Subscription<V, M> watch() {
        ensureOpen();
        return store.guardWatch(this);
    }

    /**
     * Removes the entry and releases this guard.
     *
     * @return the last entry, or empty if it was already gone
     */
    public Optional<Entry<V>> delete() {
        return delete(null);
    }

    /**
     * Removes the entry, telling watchers {@code message}, and releases this guard.
     *
     * @param message for the watchers, or {@code null}
     * @return the last entry, or empty if it was already gone
     */
    public Optional<Entry<V>> delete(M message) {
        ensureOpen();
        try {
            return store.guardDelete(this, message);
        } finally {
            close();
        }
    }

    /** @return whether the guard was closed (or deleted its entry) */
    public boolean isClosed() {
        return closed;
    }

    /** Releases the entry; the next waiter gets it. Idempotent; from any thread. */
    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "EntryGuard[" + key + (closed ? ", closed" : "") + "]";
    }

    Object token() {
        return hold;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this EntryGuard of " + key + " is closed");
        }
    }
}
