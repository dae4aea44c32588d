package io.livestore.samples.value;

import java.util.SplittableRandom;

/**
 * Seeded randomized tests, with JUnit alone. Every run uses the same seed unless
 * {@code -Dlivestore.seed=N} (decimal, or hexadecimal with {@code 0x}) names another, so a build is
 * reproducible and a longer exploration is one flag away; every failure names the seed and the
 * trial, so that it can be replayed.
 *
 * <pre>{@code
 * SeededTrials.run(500, random -> {
 *     AllTypes value = RandomRecords.allTypes(random);
 *     ...
 * });
 * }</pre>
 */
final class SeededTrials {

    /** The seed of every run that does not name one. */
    static final long DEFAULT_SEED = 0x11FE_5EEDL;

    /** The system property that names another seed. */
    static final String SEED_PROPERTY = "livestore.seed";

    private SeededTrials() {
    }

    /** One trial: a check over values drawn from {@code random}. */
    @FunctionalInterface
    interface Trial {
        void run(SplittableRandom random) throws Exception;
    }

    /** @return the seed of this run */
    static long seed() {
        String s = System.getProperty(SEED_PROPERTY);
        return s == null || s.isBlank() ? DEFAULT_SEED : Long.decode(s.trim());
    }

    /**
     * Runs {@code count} trials, each with its own generator split from the seed's, so that a
     * trial's values do not depend on how many values the trials before it drew.
     *
     * @throws AssertionError naming the seed and the trial, with the failure as its cause
     */
    static void run(int count, Trial trial) {
        long seed = seed();
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            SplittableRandom random = root.split();
            try {
                trial.run(random);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("trial " + i + " of seed 0x" + Long.toHexString(seed) + " failed (replay with -D"
                        + SEED_PROPERTY + "=0x" + Long.toHexString(seed) + "): " + e, e);
            }
        }
    }
}
