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

    /** {@link #count()} through the primitive reader, as generated views read primitive fields. */
    long countDirect() {
        try {
            return readLong(CounterLayout.COUNT_OFFSET);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** A primitive read at any offset, for the bounds tests. */
    long longAt(long offsetInValue) {
        return readLong(offsetInValue); // the reader fences this view itself
    }

    /** A byte read at any offset, for the bounds tests. */
    byte byteAt(long offsetInValue) {
        return readByte(offsetInValue); // the reader fences this view itself
    }

    @Override
    protected Counter decodeRecord(BytesStore<?, ?> bytes, long offset) {
        return CounterLayout.INSTANCE.decode(bytes, offset);
    }
}
