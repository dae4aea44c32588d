package io.livestore.runtime.store;

import java.lang.ref.Reference;

/** A view of {@link StressValue} as the processor would generate it: each accessor allocates nothing. */
final class StressView extends ValueView<StressValue> {

    long count() {
        try {
            return StressValueLayout.count(bytes(), valueOffset());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    long sum() {
        try {
            return StressValueLayout.sum(bytes(), valueOffset());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    int writer() {
        try {
            return StressValueLayout.writer(bytes(), valueOffset());
        } finally {
            Reference.reachabilityFence(this);
        }
    }
}
