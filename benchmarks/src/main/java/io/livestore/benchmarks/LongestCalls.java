package io.livestore.benchmarks;

import java.util.Locale;

/** The three longest of a series of timed calls, and the entry count at which each happened. */
public final class LongestCalls {

    private final long[] nanos = new long[3];
    private final int[] at = new int[3];

    /**
     * Records one call.
     *
     * @param elapsed how long it took, in nanoseconds
     * @param entries the entry count when it happened
     */
    public void offer(long elapsed, int entries) {
        for (int i = 0; i < nanos.length; i++) {
            if (elapsed > nanos[i]) {
                System.arraycopy(nanos, i, nanos, i + 1, nanos.length - i - 1);
                System.arraycopy(at, i, at, i + 1, at.length - i - 1);
                nanos[i] = elapsed;
                at[i] = entries;
                return;
            }
        }
    }

    @Override
    public String toString() {
        final StringBuilder s = new StringBuilder();
        for (int i = 0; i < nanos.length; i++) {
            s.append(String.format(Locale.ROOT, "%.1f ms at %,d entries; ", nanos[i] / 1e6, at[i]));
        }
        return s.toString();
    }
}
