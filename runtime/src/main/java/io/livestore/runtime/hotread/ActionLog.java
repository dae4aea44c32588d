package io.livestore.runtime.hotread;

/**
 * The actions a {@link HotRead} has queued but not yet applied to both copies, numbered by a
 * sequence that starts at zero and never repeats.
 *
 * <p>A ring of references whose capacity doubles when full and never shrinks: once it has grown
 * to the writer's burst size, appending allocates nothing. Discarded slots are cleared so that
 * the log never keeps an applied action reachable.
 *
 * <p>Not thread-safe: only the writer, holding the write lock, touches it.
 */
final class ActionLog<A> {

    private static final int INITIAL_CAPACITY = 64;

    private Object[] ring = new Object[INITIAL_CAPACITY];
    /**
     * Per slot: whether its action is the last of a batch (a {@code queueUpdate}, or the last
     * action of a {@code queueUpdates}). A catch-up step stops only after such an action, so
     * that a batch is published whole.
     */
    private boolean[] endsBatch = new boolean[INITIAL_CAPACITY];
    /** Sequence number of the oldest action still kept. */
    private long first;
    /** Sequence number the next appended action will get. */
    private long end;

    /** Returns the sequence number that the next appended action will get. */
    long end() {
        return end;
    }

    /** Returns the sequence number of the oldest action still kept. */
    long first() {
        return first;
    }

    /** Appends an action and returns its sequence number. */
    long append(A action) {
        if (end - first == ring.length) {
            grow();
        }
        ring[index(end)] = action;
        endsBatch[index(end)] = false;
        return end++;
    }

    /** Marks the last appended action as the end of a batch. */
    void endBatch() {
        assert end > first : "no action to end a batch with";
        endsBatch[index(end - 1)] = true;
    }

    /**
     * Returns the sequence number after the first batch end at or after {@code sequence}: where a
     * step that must apply at least up to {@code sequence} may stop. Every batch is ended before
     * the writer applies anything, so this is at most {@link #end()}.
     */
    long endOfBatchAtOrAfter(long sequence) {
        assert sequence >= first && sequence < end : "sequence " + sequence + " outside [" + first + ", " + end + ")";
        long s = sequence;
        while (!endsBatch[index(s)]) {
            s++;
        }
        return s + 1;
    }

    /** Returns the action with the given sequence number, which must be in {@code [first, end)}. */
    @SuppressWarnings("unchecked")
    A get(long sequence) {
        assert sequence >= first && sequence < end : "sequence " + sequence + " outside [" + first + ", " + end + ")";
        return (A) ring[index(sequence)];
    }

    /** Forgets every action numbered below {@code sequence}. */
    void discardBefore(long sequence) {
        assert sequence <= end : "discard " + sequence + " past end " + end;
        while (first < sequence) {
            ring[index(first)] = null;
            first++;
        }
    }

    /**
     * Drops the actions numbered {@code sequence} and later, undoing appends that must not
     * happen after all (a batch that turned out to hold a {@code null}).
     */
    void truncate(long sequence) {
        assert sequence >= first && sequence <= end : "truncate " + sequence + " outside [" + first + ", " + end + "]";
        while (end > sequence) {
            end--;
            ring[index(end)] = null;
        }
    }

    /** Forgets every action (used when the HotRead closes). */
    void clear() {
        discardBefore(end);
    }

    private int index(long sequence) {
        // The capacity is a power of two, so masking is the modulo.
        return (int) (sequence & (ring.length - 1));
    }

    private void grow() {
        Object[] larger = new Object[ring.length * 2];
        boolean[] largerEnds = new boolean[ring.length * 2];
        for (long s = first; s < end; s++) {
            larger[(int) (s & (larger.length - 1))] = ring[index(s)];
            largerEnds[(int) (s & (larger.length - 1))] = endsBatch[index(s)];
        }
        ring = larger;
        endsBatch = largerEnds;
    }
}
