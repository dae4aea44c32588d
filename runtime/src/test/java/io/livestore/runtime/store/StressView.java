package io.livestore.runtime.store;

import java.lang.ref.Reference;

import net.openhft.chronicle.bytes.BytesStore;

/** A view of {@link StressValue} as the processor would generate it: each accessor allocates nothing. */
final class StressView extends ValueView<StressValue> {

    long count() {
        try {
            return StressValueLayout.count(checkedBytes(), valueOffset());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    long sum() {
        try {
            return StressValueLayout.sum(checkedBytes(), valueOffset());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    int writer() {
        try {
            return StressValueLayout.writer(checkedBytes(), valueOffset());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    protected StressValue decodeRecord(BytesStore<?, ?> bytes, long offset) {
        return StressValueLayout.INSTANCE.decode(bytes, offset);
    }
}
