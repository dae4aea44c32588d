package io.livestore.concurrency;

import io.livestore.runtime.hotread.HotReadState;

/**
 * A state whose two fields every action sets to the same value, in two separate writes with a
 * short pause between them, so that a reader let onto a copy being written sees them differ.
 */
public final class TwoInts implements HotReadState<Integer> {
    /**
     * Pause between the two writes of an action, and between a test reader's two reads: it widens
     * the window in which a broken handshake shows as a torn copy from a few instructions to a
     * few hundred nanoseconds (a HotRead whose writer never scanned the slots went undetected in
     * 4 million samples without it). {@code Thread.onSpinWait()} is a compiler barrier for C2, so
     * the writes and reads stay on their side of the pause.
     */
    public static void pause() {
        for (int i = 0; i < 64; i++) {
            Thread.onSpinWait();
        }
    }

    public int x;
    public int y;
    /** Set by {@link #release()}: a reader that sees it has read a released copy. */
    public boolean released;
    public int releases;
    /** The copy that {@link #copy()} made, so that a test can inspect both copies. */
    public TwoInts copyMade;

    @Override
    public void apply(Integer value) {
        x = value;
        pause();
        y = value;
    }

    @Override
    public TwoInts copy() {
        TwoInts copy = new TwoInts();
        copy.x = x;
        copy.y = y;
        copyMade = copy;
        return copy;
    }

    @Override
    public void release() {
        released = true;
        releases++;
    }
}
