package io.livestore.samples.foo;

/**
 * Why a mutation of a {@link Foo} was rejected; the entry is left unchanged. Sealed, like the
 * seed's error enum: a {@code switch} over the variants is exhaustive.
 */
public abstract sealed class FooError extends Exception permits FooError.BarWas42 {

    private static final long serialVersionUID = 1L;

    private FooError(String message) {
        super(message);
    }

    /** {@code SetBar(42)}: 42 is the one value {@code bar} may not take. */
    public static final class BarWas42 extends FooError {

        private static final long serialVersionUID = 1L;

        /** Creates the rejection. */
        public BarWas42() {
            super("bar was 42");
        }
    }
}
