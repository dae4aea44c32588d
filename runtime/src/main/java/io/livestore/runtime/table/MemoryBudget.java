package io.livestore.runtime.table;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One limit on the native memory of one store: the record arena, both key index copies, the
 * index log, and the transient second index of a growth all count against it, as Redis counts
 * everything against {@code maxmemory}.
 *
 * <p>Two kinds of allocation, because of when they happen:
 * <ul>
 *   <li><b>Refusable</b> ({@link #reserve}): creating the copies, a new arena chunk, growing
 *       the index log. They happen while the writer appends a write, before anything is
 *       committed, so a refusal ({@link MemoryLimitExceededException}) leaves the store unchanged.
 *   <li><b>Counted</b> ({@link #count}): an index copy growing while it replays the log. Replay
 *       must not fail (HotRead would stop accepting writes), so it is never refused here;
 *       instead the writer reserves both copies' growth when it admits the insert that makes it
 *       due, and each replay gives its half back as it grows ({@link IndexLog#promiseIndexGrowth}).
 * </ul>
 *
 * <p>Every allocation also counts against one process-wide budget, which refuses every
 * allocation but a promised growth: past it the kernel would kill the JVM, and an exception is
 * better. The promise of a growth reserves its room in the process-wide budget too, so that the
 * growth, when a copy replays it, is counted there and never refused.
 *
 * <p>Thread-safe: copies are released from whichever thread lets go of them last.
 */
public final class MemoryBudget {

    private final long limit;
    /** Whether this is the process-wide budget of every allocation (its refusals say so). */
    private final boolean processWide;

    /** Bytes allocated against this budget and not yet freed. */
    private final AtomicLong used = new AtomicLong();

    private MemoryBudget(long limit, boolean processWide) {
        this.limit = limit;
        this.processWide = processWide;
    }

    /**
     * Creates a budget of {@code maxBytes} bytes.
     *
     * @param maxBytes the limit, at least 1
     * @return the budget
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     */
    public static MemoryBudget of(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxMemory must be positive, was " + maxBytes);
        }
        return new MemoryBudget(maxBytes, false);
    }

    /**
     * Returns a budget that refuses nothing itself: for tables used on their own, outside a store.
     * The process-wide limit that every native allocation counts against still can refuse (see
     * {@code -Dlivestore.maxNativeMemory}).
     *
     * @return a new unlimited budget
     */
    public static MemoryBudget unlimited() {
        return new MemoryBudget(Long.MAX_VALUE, false);
    }

    /** The process-wide budget (see OffHeapMemory), already holding {@code used} bytes. */
    static MemoryBudget processWide(long limit, long used) {
        final MemoryBudget budget = new MemoryBudget(limit, true);
        budget.used.set(used);
        return budget;
    }

    /** @return the limit in bytes */
    public long limit() {
        return limit;
    }

    /** @return the bytes allocated against this budget and not yet freed */
    public long used() {
        return used.get();
    }

    /**
     * Counts {@code bytes} against the budget, refusing if they do not fit.
     *
     * @param bytes the size about to be allocated
     * @param purpose what for, for the message
     * @throws MemoryLimitExceededException if the bytes do not fit; nothing is counted
     */
    void reserve(long bytes, String purpose) {
        while (true) {
            final long now = used.get();
            if (bytes > limit - now) {
                throw processWide ? MemoryLimitExceededException.processWide(bytes, purpose, now, limit)
                        : new MemoryLimitExceededException(bytes, purpose, now, limit);
            }
            if (used.compareAndSet(now, now + bytes)) {
                return;
            }
        }
    }

    /** Counts {@code bytes} against the budget without refusing (see the class comment). */
    void count(long bytes) {
        used.addAndGet(bytes);
    }

    /** Gives back bytes counted by {@link #reserve} or {@link #count}. */
    void free(long bytes) {
        used.addAndGet(-bytes);
    }

    @Override
    public String toString() {
        return "MemoryBudget[used=" + used.get() + ", limit=" + (limit == Long.MAX_VALUE ? "none" : limit) + "]";
    }
}
