package io.livestore.samples.value;

import net.openhft.chronicle.bytes.BytesStore;

/** Native memory for a test, freed by {@link #close()}. */
final class OffHeap implements AutoCloseable {

    final BytesStore<?, ?> bytes;

    OffHeap(long capacity) {
        bytes = BytesStore.nativeStoreWithFixedCapacity(capacity);
    }

    @Override
    public void close() {
        bytes.releaseLast();
    }
}
