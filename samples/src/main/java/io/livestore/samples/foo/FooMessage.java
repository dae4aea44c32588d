package io.livestore.samples.foo;

/**
 * What a {@link Foo}'s watchers receive besides changes: messages, which change nothing.
 */
public sealed interface FooMessage permits FooMessage.PrintBar {

    /** Asks the watchers to print the current {@code bar}. */
    record PrintBar() implements FooMessage {
    }
}
