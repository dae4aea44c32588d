package io.livestore.benchmarks.store;

import io.livestore.benchmarks.table.LookupKeys;

/**
 * One thread's walk over a shuffled key order, starting at its own share of it, so that threads
 * of one benchmark do not look up the same keys in lockstep.
 */
final class KeyCursor {

    private final LookupKeys order;
    private int next;

    /**
     * @param order the shuffled keys
     * @param thread this thread's index among {@code threads}
     * @param threads how many threads walk the same order
     */
    KeyCursor(LookupKeys order, int thread, int threads) {
        this.order = order;
        next = (int) ((long) order.size() * thread / Math.max(1, threads));
    }

    /** The index of the next key, wrapping at the end. */
    int next() {
        final int i = next;
        next = i + 1 == order.size() ? 0 : i + 1;
        return i;
    }

    /** The index of the first of {@code count} consecutive keys, wrapping before the end. */
    int nextBatch(int count) {
        if (next + count > order.size()) {
            next = 0;
        }
        final int i = next;
        next = i + count;
        return i;
    }

    long msb(int i) {
        return order.msb[i];
    }

    long lsb(int i) {
        return order.lsb[i];
    }
}
