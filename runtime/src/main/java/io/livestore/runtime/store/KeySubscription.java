package io.livestore.runtime.store;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A watcher of one key: a cursor into the key's {@link UpdateChannel}.
 *
 * @param <V> the value type
 * @param <M> the message type
 */
final class KeySubscription<V, M> implements Subscription<V, M> {

    private final UUID key;
    private final UpdateChannel<V, M> channel;
    /** Called once on close, to detach from the store (under its writer lock). */
    private final Consumer<KeySubscription<V, M>> onClose;

    /** cursor[0]: next sequence to read. An array so the channel can advance it; consumer thread only. */
    private final long[] cursor = new long[1];

    /** Set by the consumer after it took the last update. */
    private boolean tookLast;

    /** Set by close(), from any thread; the consumer checks it between waits. */
    private volatile boolean closed;

    KeySubscription(UUID key, UpdateChannel<V, M> channel, long start, Consumer<KeySubscription<V, M>> onClose) {
        this.key = key;
        this.channel = channel;
        this.onClose = onClose;
        this.cursor[0] = start;
    }

    UpdateChannel<V, M> channel() {
        return channel;
    }

    @Override
    public UUID key() {
        return key;
    }

    @Override
    public Update<V, M> next() throws InterruptedException {
        final Update<V, M> update = poll(Long.MAX_VALUE);
        if (update == null) {
            throw new NoSuchElementException("the subscription to " + key + " has ended"
                    + (tookLast ? " (its entry is gone)" : " (closed)"));
        }
        return update;
    }

    @Override
    public Update<V, M> poll(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        final long nanos = timeout.isNegative() ? 0 : saturatedNanos(timeout);
        return poll(nanos);
    }

    @Override
    public Update<V, M> tryNext() {
        if (isEnded()) {
            return null;
        }
        return take(channel.poll(cursor));
    }

    private boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isEnded() {
        return tookLast || closed;
    }

    @Override
    public Flow.Publisher<Update<V, M>> asPublisher(Executor executor) {
        return new SubscriptionPublisher<>(this, executor);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        channel.wakeAll();
    }

    @Override
    public String toString() {
        return "Subscription[" + key + (isEnded() ? ", ended" : "") + "]";
    }

    private Update<V, M> poll(long timeoutNanos) throws InterruptedException {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (!isEnded()) {
            final Update<V, M> update = channel.poll(cursor);
            if (update != null) {
                return take(update);
            }
            final long remaining = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            channel.await(cursor[0], remaining, this::isClosed);
        }
        return null;
    }

    private Update<V, M> take(Update<V, M> update) {
        if (update instanceof Update.Removed) {
            tookLast = true;
            close();
        }
        return update;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
