package io.livestore.runtime.table;

import java.lang.ref.Cleaner;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * Frees native memory that a grown or closed structure no longer points to: at once when no
 * other thread can be reading it (on a background thread when it is large, see
 * {@link OffHeapMemory#freeSoon}), otherwise once the garbage collector finds no thread still
 * holding the immutable holder through which readers reach it.
 *
 * <p>The rule that makes the deferred case safe is the caller's: every read loads the holder
 * once and keeps it reachable ({@link java.lang.ref.Reference#reachabilityFence}) until it is
 * done with the memory, and the holder is the only path to the memory.
 */
final class DeferredFrees {

    private static final Cleaner CLEANER = Cleaner.create();

    private DeferredFrees() {
    }

    /**
     * Frees {@code bytes} now if {@code noOtherReader}, else once {@code holder} is unreachable.
     *
     * @param holder the object through which readers reach {@code bytes}
     * @param bytes memory from {@link OffHeapMemory#allocate}
     * @param budget the budget it was counted against
     * @param noOtherReader whether the caller knows no other thread can be reading it
     */
    static void retire(Object holder, BytesStore<?, ?> bytes, MemoryBudget budget, boolean noOtherReader) {
        if (noOtherReader) {
            OffHeapMemory.freeSoon(bytes, budget);
        } else {
            CLEANER.register(holder, new Free(bytes, budget));
        }
    }

    /** Holds the store, never the holder, so that the holder can become unreachable. */
    private static final class Free implements Runnable {
        private final BytesStore<?, ?> bytes;
        private final MemoryBudget budget;

        Free(BytesStore<?, ?> bytes, MemoryBudget budget) {
            this.bytes = bytes;
            this.budget = budget;
        }

        @Override
        public void run() {
            OffHeapMemory.free(bytes, budget);
        }
    }
}
