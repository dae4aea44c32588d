package io.livestore.runtime.store;

import java.util.function.BooleanSupplier;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The updates of one watched key: a bounded ring written by the store's writer and read by any
 * number of watchers, each with its own cursor (as tokio's broadcast channel and Agrona's
 * {@code BroadcastTransmitter} work). Exists only while the key has watchers.
 *
 * <p><b>Writer.</b> {@link #publish} stores the update in slot {@code seq % capacity}, then
 * advances {@link #tail}: O(1), whatever the number of watchers, and it never waits for one. A
 * watcher that falls more than {@code capacity} updates behind finds its next slot overwritten
 * and is told how many it lost ({@link Update.Lagged}).
 *
 * <p><b>Watchers.</b> A watcher at sequence {@code c} reads slot {@code c % capacity}: if the
 * slot's sequence is {@code c} it is the update; if it is larger, the writer lapped the watcher.
 * Blocked watchers sleep on one condition; the writer signals one of them only when some sleep,
 * and each woken watcher wakes the next, so the writer's cost stays O(1) and every sleeper still
 * wakes.
 *
 * <p>Sequences start at 0; {@code tail} is the next sequence to be written.
 *
 * @param <V> the value type
 * @param <M> the message type
 */
final class UpdateChannel<V, M> {

    /** An update with its sequence, so that a watcher can tell a lapped slot from its own. */
    private record Slot<V, M>(long sequence, Update<V, M> update) {
    }

    private final AtomicReferenceArray<Slot<V, M>> ring;
    private final int capacity;

    /**
     * Next sequence to write. Volatile: the release after the slot store publishes the slot to
     * watchers that read tail (acquire) before the slot. Pairs with the volatile read in
     * {@link #poll}.
     */
    private volatile long tail;

    /**
     * Set with the last update (a {@code Removed}): nothing follows. Written before the tail
     * store that publishes that update, read after a tail read.
     */
    private volatile boolean ended;

    private final ReentrantLock sleepLock = new ReentrantLock();
    private final Condition advanced = sleepLock.newCondition();

    /**
     * Watchers asleep (or about to sleep) on {@link #advanced}. Volatile, and with {@link #tail}
     * a Dekker pair: a watcher increments it, then re-reads tail; the writer stores tail, then
     * reads it. One of them sees the other, so no wake-up is lost.
     */
    private volatile int sleepers;

    /** Watchers subscribed; changed only under the store's writer lock. */
    private int watchers;

    UpdateChannel(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("watch buffer capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(capacity);
    }

    /** The sequence a new watcher starts at: it sees the updates published after it subscribed. */
    long tail() {
        return tail;
    }

    /** Publishes one update. Writer only. */
    void publish(Update<V, M> update) {
        final long sequence = tail;
        // Plain-ordered slot store, then the volatile tail store: a watcher that reads the new
        // tail sees the slot.
        ring.lazySet((int) (sequence % capacity), new Slot<>(sequence, update));
        if (update instanceof Update.Removed) {
            ended = true;
        }
        tail = sequence + 1;
        if (sleepers > 0) {
            wakeOne();
        }
    }

    int addWatcher() {
        return ++watchers;
    }

    int removeWatcher() {
        return --watchers;
    }

    int watchers() {
        return watchers;
    }

    /**
     * Reads the update at a watcher's cursor without waiting.
     *
     * @param cursor the watcher's cursor: {@code cursor[0]} is the next sequence it reads; advanced
     *     past what is returned
     * @return the update, a {@code Lagged} if the watcher was lapped, or {@code null} if nothing new
     */
    Update<V, M> poll(long[] cursor) {
        final long next = cursor[0];
        if (next >= tail) {
            return null;
        }
        final Slot<V, M> slot = ring.get((int) (next % capacity));
        if (slot != null && slot.sequence() == next) {
            cursor[0] = next + 1;
            return slot.update();
        }
        // Lapped: the slot already holds a later update. The oldest still buffered is
        // tail - capacity (re-read: the writer may have moved on since).
        final long oldest = Math.max(next + 1, tail - capacity);
        cursor[0] = oldest;
        return new Update.Lagged<>(oldest - next);
    }

    /** Whether the last update (a {@code Removed}) has been published. */
    boolean ended() {
        return ended;
    }

    /**
     * Waits until something at or after {@code next} is published, {@code stop} turns true, the
     * timeout passes, or the thread is interrupted. {@code stop} is checked under the sleep lock,
     * and whoever sets it then calls {@link #wakeAll()}, so its wake-up cannot be missed.
     *
     * @return false if the timeout passed first
     */
    boolean await(long next, long timeoutNanos, BooleanSupplier stop) throws InterruptedException {
        if (next < tail) {
            return true;
        }
        sleepLock.lockInterruptibly();
        try {
            sleepers++;
            try {
                long remaining = timeoutNanos;
                while (next >= tail && !stop.getAsBoolean()) {
                    if (remaining <= 0) {
                        return false;
                    }
                    remaining = advanced.awaitNanos(remaining);
                }
            } finally {
                sleepers--;
            }
            // Pass the wake-up on: the writer signalled one sleeper only.
            if (sleepers > 0) {
                advanced.signal();
            }
            return true;
        } finally {
            sleepLock.unlock();
        }
    }

    /** Wakes every sleeper: for a subscription closed from another thread. */
    void wakeAll() {
        sleepLock.lock();
        try {
            advanced.signalAll();
        } finally {
            sleepLock.unlock();
        }
    }

    private void wakeOne() {
        sleepLock.lock();
        try {
            advanced.signal();
        } finally {
            sleepLock.unlock();
        }
    }
}
