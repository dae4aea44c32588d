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
        return end++;
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
        for (long s = first; s < end; s++) {
            larger[(int) (s & (larger.length - 1))] = ring[index(s)];
        }
        ring = larger;
    }
}
