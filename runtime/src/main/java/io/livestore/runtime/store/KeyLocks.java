package io.livestore.runtime.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The entry locks of one store: for each key held by a guard (or waited for), who holds it and
 * who waits, first come first served. A key nobody holds has no object here, so the common
 * write pays one map lookup on an empty map.
 *
 * <p>A holder is a token: a guard's, or a transient one of a plain write that had to wait its
 * turn. Granting completes the waiter's future; the caller completes it after releasing the
 * writer lock, so that no continuation runs under it.
 *
 * <p>Every method requires the store's writer lock: the lock state and the writes it orders
 * change together.
 */
final class KeyLocks {

    /** One key's holder and queue. */
    private static final class KeyLock {
        Object holder;
        final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    }

    /** A queued request for a key, granted by completing {@code turn}. */
    record Waiter(Object token, CompletableFuture<Void> turn) {
    }

    private final Map<UUID, KeyLock> locks = new HashMap<>();

    /** Whether the key is held by someone other than {@code token} (by anyone, if {@code token} is null). */
    boolean heldByOther(UUID key, Object token) {
        if (locks.isEmpty()) {
            return false;
        }
        final KeyLock lock = locks.get(key);
        return lock != null && lock.holder != token;
    }

    /** Whether anyone holds the key. */
    boolean isHeld(UUID key) {
        return !locks.isEmpty() && locks.containsKey(key);
    }

    /**
     * Takes the key for {@code token} if free or already its own (returns {@code null}), else queues it and returns
     * the waiter whose future completes when the token holds the key.
     */
    Waiter acquire(UUID key, Object token) {
        final KeyLock lock = locks.computeIfAbsent(key, k -> new KeyLock());
        if (lock.holder == token) {
            return null;
        }
        if (lock.holder == null) {
            lock.holder = token;
            return null;
        }
        final Waiter waiter = new Waiter(token, new CompletableFuture<>());
        lock.waiters.add(waiter);
        return waiter;
    }

    /**
     * Releases the key held by {@code token} and hands it to the next waiter.
     *
     * @return the future to complete (after the writer lock is released), or {@code null}
     */
    CompletableFuture<Void> release(UUID key, Object token) {
        final KeyLock lock = locks.get(key);
        if (lock == null || lock.holder != token) {
            return null;
        }
        final Waiter next = lock.waiters.poll();
        if (next == null) {
            locks.remove(key);
            return null;
        }
        lock.holder = next.token();
        return next.turn();
    }

    /**
     * Withdraws a waiter that gave up (timeout, interrupt). If it was granted meanwhile, releases
     * the key to the next one.
     *
     * @return a future to complete after the writer lock is released, or {@code null}
     */
    CompletableFuture<Void> withdraw(UUID key, Waiter waiter) {
        final KeyLock lock = locks.get(key);
        if (lock == null) {
            return null;
        }
        if (lock.holder == waiter.token()) {
            return release(key, waiter.token());
        }
        lock.waiters.remove(waiter);
        return null;
    }

    /** Keys held right now, with nothing else: for reports. */
    List<UUID> heldKeys() {
        return new ArrayList<>(locks.keySet());
    }

    /** Fails every waiter (the store closed) and forgets every lock. Returns the futures to fail. */
    List<CompletableFuture<Void>> clear() {
        final List<CompletableFuture<Void>> failed = new ArrayList<>();
        for (KeyLock lock : locks.values()) {
            for (Waiter waiter : lock.waiters) {
                failed.add(waiter.turn());
            }
        }
        locks.clear();
        return failed;
    }
}
