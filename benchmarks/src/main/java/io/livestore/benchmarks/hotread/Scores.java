package io.livestore.benchmarks.hotread;

import io.livestore.runtime.hotread.HotReadState;

/** The benchmark's state: a small array of longs, changed one element at a time. */
final class Scores implements HotReadState<Scores.Set> {

    static final int SIZE = 64;
    static final int MASK = SIZE - 1;

    /** One write. Pre-built by the writer and reused, so that writes allocate nothing. */
    record Set(int index, long value) {
    }

    final long[] values;

    Scores() {
        this(new long[SIZE]);
    }

    private Scores(long[] values) {
        this.values = values;
    }

    long get(int index) {
        return values[index];
    }

    @Override
    public void apply(Set set) {
        values[set.index()] = set.value();
    }

    @Override
    public Scores copy() {
        return new Scores(values.clone());
    }

    /** Pre-built writes, cycled through by the writer threads. */
    static Set[] writes() {
        Set[] writes = new Set[1024];
        for (int i = 0; i < writes.length; i++) {
            writes[i] = new Set(i & MASK, i);
        }
        return writes;
    }
}
