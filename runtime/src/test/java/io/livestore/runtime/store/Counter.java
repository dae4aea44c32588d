package io.livestore.runtime.store;

/** A small test value: a count and a label of at most {@link CounterLayout#LABEL_MAX} UTF-8 bytes. */
record Counter(long count, String label) {

    /** Adds to the count; rejects negative results with a checked exception. */
    record Add(long amount) implements Mutator<Counter, CounterError> {
        @Override
        public Counter apply(Counter c) throws CounterError {
            if (c.count() + amount < 0) {
                throw new CounterError("count would go negative: " + c.count() + " + " + amount);
            }
            return new Counter(c.count() + amount, c.label());
        }
    }

    /** Renames; a label longer than the layout's bound fails validation at write time. */
    record Rename(String label) implements Mutator<Counter, RuntimeException> {
        @Override
        public Counter apply(Counter c) {
            return new Counter(c.count(), label);
        }
    }

    /** Throws whatever it is given, to check that a throwing mutation changes nothing. */
    record Throw(Throwable what) implements Mutator<Counter, CounterError> {
        @Override
        public Counter apply(Counter c) throws CounterError {
            if (what instanceof CounterError e) {
                throw e;
            }
            if (what instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) what;
        }
    }

    /** The checked rejection of counter mutations. */
    static final class CounterError extends Exception {
        private static final long serialVersionUID = 1L;

        CounterError(String message) {
            super(message);
        }
    }
}
