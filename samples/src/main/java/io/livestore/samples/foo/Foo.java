package io.livestore.samples.foo;

import io.livestore.annotations.LiveValue;

/**
 * The value of the livestore seed's example. The processor generates {@code FooLayout},
 * {@code FooMutations}, {@code FooMessages}, {@code FooView} and the typed {@code FooStore}
 * beside it.
 *
 * @param bar a number that must never be set to 42
 * @param baz another number, printed when the entry expires
 */
@LiveValue(messages = FooMessage.class)
public record Foo(int bar, long baz) {
}
