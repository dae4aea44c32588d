package io.livestore.samples.foo;

import io.livestore.annotations.Mutation;
import io.livestore.runtime.store.Mutator;

/**
 * The mutations of a {@link Foo}: a closed set, so {@code FooStore.mutate} accepts exactly these
 * and a {@code switch} over them is exhaustive.
 */
public sealed interface FooMutation extends Mutator<Foo, FooError> permits FooMutation.SetBar, FooMutation.SetBaz {

    /**
     * Sets {@code bar}; refuses 42.
     *
     * @param bar the new bar
     */
    @Mutation
    record SetBar(int bar) implements FooMutation {
        @Override
        public Foo apply(Foo foo) throws FooError {
            if (bar == 42) {
                throw new FooError.BarWas42();
            }
            return new Foo(bar, foo.baz());
        }
    }

    /**
     * Sets {@code baz}.
     *
     * @param baz the new baz
     */
    @Mutation
    record SetBaz(long baz) implements FooMutation {
        @Override
        public Foo apply(Foo foo) {
            return new Foo(foo.bar(), baz);
        }
    }
}
