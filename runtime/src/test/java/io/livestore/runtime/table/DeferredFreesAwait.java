package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** For tests whose readers raced a close or a growth: memory retired under them is freed later. */
final class DeferredFreesAwait {

    private DeferredFreesAwait() {
    }

    /** Waits until the garbage collector found no reader holding retired memory, and it was freed. */
    static void awaitDeferredFrees(long allocatedBefore) throws InterruptedException {
        for (int i = 0; i < 200 && OffHeapMemory.allocatedBytes() != allocatedBefore; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(allocatedBefore, OffHeapMemory.allocatedBytes(), "retired memory was never freed");
    }
}
