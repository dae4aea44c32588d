package io.livestore.runtime.store;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The updates of one key, from the moment of subscribing, in the order the store applied them.
 * From {@code watch(key)} and the combined forms ({@code fetchAndWatch}, {@code initAndWatch}...).
 *
 * <p>Each subscription has its own cursor into the key's bounded buffer. A subscription that
 * falls further behind than the buffer holds (the store's {@code watchBuffer}) receives
 * {@link Update.Lagged} with the number it missed and goes on with the oldest update still
 * buffered; the writer never waits for it and its memory never grows. The last update is
 * {@link Update.Removed} (the entry was removed, expired, cleared or the store closed); after
 * it, {@link #next()} throws and {@link #poll} returns {@code null}.
 *
 * <p>Reading methods are meant for one consumer thread. {@link #close()} may be called from any
 * thread; it wakes a consumer blocked in {@code next} or {@code poll}.
 *
 * @param <V> the value type
 * @param <M> the message type
 */
public interface Subscription<V, M> extends AutoCloseable {

    /** @return the watched key */
    UUID key();

    /**
     * Waits for the next update.
     *
     * @return the next update
     * @throws InterruptedException if interrupted while waiting
     * @throws java.util.NoSuchElementException if the subscription ended (after its
     *     {@code Removed}, or closed)
     */
    Update<V, M> next() throws InterruptedException;

    /**
     * Waits at most {@code timeout} for the next update.
     *
     * @param timeout how long to wait; zero or negative does not wait
     * @return the next update, or {@code null} if none came in time or the subscription ended
     * @throws InterruptedException if interrupted while waiting
     */
    Update<V, M> poll(Duration timeout) throws InterruptedException;

    /**
     * Returns the next update if one is buffered, without waiting.
     *
     * @return the next update, or {@code null}
     */
    Update<V, M> tryNext();

    /** @return whether the subscription ended: its {@code Removed} was taken, or it was closed */
    boolean isEnded();

    /**
     * Adapts this subscription to a {@link Flow.Publisher} for one subscriber, which receives the
     * updates on {@code executor} as it requests them, then {@code onComplete} after the last
     * ({@code Removed}) or when the subscription is closed. Cancelling closes this subscription.
     * While the subscriber has demand, one task of {@code executor} waits for updates: give it
     * an executor that may block (a virtual-thread executor on JDK 21+, or a cached pool).
     *
     * @param executor runs the delivery
     * @return a publisher that accepts exactly one subscriber
     */
    Flow.Publisher<Update<V, M>> asPublisher(Executor executor);

    /** Stops the subscription; idempotent, from any thread. */
    @Override
    void close();
}
