package io.livestore.runtime.store;

import java.lang.ref.Reference;

import net.openhft.chronicle.bytes.BytesStore;

/** A view of {@link Counter} as the processor would generate it. */
final class CounterView extends ValueView<Counter> {

    long count() {
        try {
            return CounterLayout.count(checkedBytes(), valueOffset());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    protected Counter decodeRecord(BytesStore<?, ?> bytes, long offset) {
        return CounterLayout.INSTANCE.decode(bytes, offset);
    }
}
