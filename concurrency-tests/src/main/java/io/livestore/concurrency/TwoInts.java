package io.livestore.concurrency;

import io.livestore.runtime.hotread.HotReadState;

/** A state whose two fields every action sets to the same value, in two separate writes. */
public final class TwoInts implements HotReadState<Integer> {
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
