package io.livestore.benchmarks.measure;

import java.util.Locale;

/** Formats a duration in nanoseconds for a report, with three significant digits and its unit. */
public final class Nanos {

    private Nanos() {
    }

    /**
     * @param nanos a duration
     * @return it in ns, µs, ms or s, whichever keeps the number between 1 and 1,000
     */
    public static String format(double nanos) {
        if (Double.isNaN(nanos)) {
            return "n/a";
        }
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%s µs", threeDigits(nanos / 1e3));
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%s ms", threeDigits(nanos / 1e6));
        }
        return String.format(Locale.ROOT, "%s s", threeDigits(nanos / 1e9));
    }

    /**
     * @param ratio a ratio against a peer
     * @return it as {@code 1.23×}, or n/a
     */
    public static String ratio(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "n/a";
        }
        if (ratio >= 100) {
            return String.format(Locale.ROOT, "%,.0f×", ratio);
        }
        if (ratio > 0 && ratio < 0.01) {
            // Two significant digits, not 0.00×.
            return String.format(Locale.ROOT, "%.2g×", ratio);
        }
        return threeDigits(ratio) + "×";
    }

    private static String threeDigits(double x) {
        if (x >= 100) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        if (x >= 10) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        return String.format(Locale.ROOT, "%.2f", x);
    }
}
