package io.livestore.runtime.table;

/**
 * How far each of the (at most two) copies that a log feeds has replayed it: one logical
 * position per copy, the oldest of which bounds what the log must keep.
 *
 * <p>Writer-confined (replay runs under the writer's mutex and HotRead's write lock), except
 * {@link #release}, which the owning log calls under its own lock.
 */
final class CopyCursors {

    /** The cursor of a copy that was released or never registered: past every position. */
    static final long RELEASED = Long.MAX_VALUE;

    private static final int MAX_COPIES = 2;

    private final String logName;
    private final long[] cursors = {RELEASED, RELEASED};
    private int registered;
    private int live;

    /** @param logName what the log is, for the error of a third registration ("an index log") */
    CopyCursors(String logName) {
        this.logName = logName;
    }

    /** Registers a copy whose content corresponds to the log up to {@code position}; returns its index. */
    int register(long position) {
        if (registered == MAX_COPIES) {
            throw new IllegalStateException(logName + " feeds at most " + MAX_COPIES + " copies");
        }
        final int copy = registered++;
        cursors[copy] = position;
        live++;
        return copy;
    }

    /** The position up to which {@code copy} has replayed. */
    long get(int copy) {
        return cursors[copy];
    }

    /** The other copy's position, or {@link #RELEASED}. */
    long other(int copy) {
        return cursors[1 - copy];
    }

    /** Records that {@code copy} has replayed up to {@code position}. */
    void set(int copy, long position) {
        cursors[copy] = position;
    }

    /** The oldest position some copy still needs, given the log's tail. */
    long head(long tail) {
        return Math.min(tail, Math.min(cursors[0], cursors[1]));
    }

    /**
     * Forgets a copy's cursor. Idempotent.
     *
     * @return whether that was the last registered copy: the log's memory may go now
     */
    boolean release(int copy) {
        if (cursors[copy] == RELEASED) {
            return false;
        }
        cursors[copy] = RELEASED;
        return --live == 0;
    }
}
