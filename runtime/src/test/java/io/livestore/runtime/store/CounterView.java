package io.livestore.runtime.store;

import java.lang.ref.Reference;

/** A view of {@link Counter} as the processor would generate it. */
final class CounterView extends ValueView<Counter> {

    long count() {
        try {
            return CounterLayout.count(bytes(), valueOffset());
        } finally {
            Reference.reachabilityFence(this);
        }
    }
}
