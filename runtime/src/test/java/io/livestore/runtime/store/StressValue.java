package io.livestore.runtime.store;

/**
 * The value of the store's concurrency tests: a count of accepted mutations, a sum that packs one
 * counter per writer, and the id of the last writer.
 *
 * <p>Writer {@code w} adds {@link #unit unit(w)} {@code = 1 << (21 * w)} to {@code sum} with each
 * accepted {@link Bump}, so {@code sum} holds {@value #WRITERS} 21-bit counters, one per writer,
 * and every value a correct store ever holds satisfies {@link #isConsistent()}:
 * {@code count == perWriter(0) + perWriter(1) + perWriter(2)}. A torn value (half of one write,
 * half of another) or a mutation applied to a stale value breaks it, or breaks the per-writer
 * counts that each writer tracks on its own. Created with count 0 at version 1, so when only
 * bumps follow, {@code version == count + 1}.
 *
 * @param count accepted bumps
 * @param sum the per-writer counters, packed
 * @param writer the last writer, {@code >= 0} ({@link StressValueLayout} refuses negatives, as a
 *     generated layout refuses a string over its bound)
 */
record StressValue(long count, long sum, int writer) {

    /** Writers whose counters {@link #sum} packs. */
    static final int WRITERS = 3;

    /** Bits of each writer's counter in {@link #sum}. */
    static final int BITS = 21;

    private static final long MASK = (1L << BITS) - 1;

    /** The zero value: what every test entry starts from. */
    static final StressValue ZERO = new StressValue(0, 0, 0);

    /**
     * @param writer a writer id in [0, {@value #WRITERS})
     * @return what one accepted bump of that writer adds to {@link #sum}
     */
    static long unit(int writer) {
        return 1L << (BITS * writer);
    }

    /**
     * @param writer a writer id
     * @return how many accepted bumps of that writer this value counts
     */
    long perWriter(int writer) {
        return perWriter(sum, writer);
    }

    static long perWriter(long sum, int writer) {
        return (sum >>> (BITS * writer)) & MASK;
    }

    /** @return whether {@code count} equals the sum of the per-writer counters */
    boolean isConsistent() {
        return isConsistent(count, sum);
    }

    static boolean isConsistent(long count, long sum) {
        long total = 0;
        for (int w = 0; w < WRITERS; w++) {
            total += perWriter(sum, w);
        }
        return total == count && (sum >>> (BITS * WRITERS)) == 0;
    }

    /** A value of {@code count} bumps, all by writer 0: consistent. */
    static StressValue ofCount(long count) {
        return new StressValue(count, count * unit(0), 0);
    }

    /**
     * The counting mutation: one more bump by {@code writer}, or a rejection that must change
     * nothing.
     *
     * @param writer the writer id, in [0, {@value #WRITERS})
     * @param session a guard session number for the watchers' contiguity check (0 outside a guard);
     *     it does not affect the result
     * @param fail {@link #ACCEPT}, {@link #REJECT} (throws the checked {@link Rejected}) or
     *     {@link #THROW} (throws an {@link IllegalStateException})
     */
    record Bump(int writer, long session, int fail) implements Mutator<StressValue, Rejected> {

        static final int ACCEPT = 0;
        static final int REJECT = 1;
        static final int THROW = 2;

        Bump(int writer) {
            this(writer, 0, ACCEPT);
        }

        @Override
        public StressValue apply(StressValue current) throws Rejected {
            if (fail == REJECT) {
                throw new Rejected(current.count());
            }
            if (fail == THROW) {
                throw new IllegalStateException("bump refused at count " + current.count());
            }
            return new StressValue(current.count() + 1, current.sum() + unit(writer), writer);
        }
    }

    /**
     * Returns a value its layout refuses to encode (a negative writer): the store must throw the
     * layout's {@link IllegalArgumentException} and change nothing.
     */
    record Poison() implements Mutator<StressValue, RuntimeException> {
        @Override
        public StressValue apply(StressValue current) {
            return new StressValue(current.count() + 1, current.sum() + unit(0), -1);
        }
    }

    /** The checked rejection of a {@link Bump}. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(long count) {
            // No stack trace: rejections are frequent in the stress tests and carry no bug.
            super("bump rejected at count " + count, null, false, false);
        }
    }
}
