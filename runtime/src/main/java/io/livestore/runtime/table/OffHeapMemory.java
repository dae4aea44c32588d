package io.livestore.runtime.table;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.io.SingleThreadedChecked;

/**
 * Allocates and frees the native memory of this package, through Chronicle Bytes.
 *
 * <p>One place for the three things that can go wrong with native memory: the JVM flags
 * Chronicle needs ({@link ChronicleJvmFlags}), a size no machine can give (refused before
 * touching memory, because Chronicle zeroes what it allocates and zeroing 30 GiB on a 24 GiB
 * machine with overcommit gets the process killed rather than an exception), and the operating
 * system saying no. Each becomes an exception that names the requested size and what it was for.
 *
 * <p>Thread-safe. Allocation allocates a few Java objects (Chronicle's store and its cleaner);
 * it is never on a steady-state path.
 */
final class OffHeapMemory {

    /** Live bytes allocated here and not yet freed; tests use it to find leaks. */
    private static final AtomicLong ALLOCATED = new AtomicLong();

    private static final long PHYSICAL_MEMORY = physicalMemory();

    /**
     * Largest single allocation; physical memory unless a test lowers it to make an allocation
     * fail without touching the machine's real limits.
     */
    private static volatile long limit = PHYSICAL_MEMORY;

    private OffHeapMemory() {
    }

    /**
     * Allocates {@code bytes} of zeroed native memory.
     *
     * @param bytes the size, at least 1
     * @param purpose what the memory is for, for error messages ("entry table of 1024 slots of 64 bytes")
     * @return a fixed-capacity native store holding one reference, to be passed to {@link #free}
     * @throws OutOfMemoryError if the size exceeds physical memory or the allocation fails; the
     *         message names the size and the purpose
     * @throws IllegalStateException if the JVM flags Chronicle Bytes needs are missing
     */
    static BytesStore<?, Void> allocate(long bytes, String purpose) {
        return allocate(bytes, purpose, null, false);
    }

    /**
     * Allocates as {@link #allocate(long, String)}, counted against a store's budget.
     *
     * @param bytes the size, at least 1
     * @param purpose what the memory is for, for error messages
     * @param budget the budget to count against, or {@code null} for none
     * @param refusable whether the budget may refuse ({@link MemoryBudget#reserve}) or only
     *     counts ({@link MemoryBudget#count})
     * @return the store, to be passed to {@link #free(BytesStore, MemoryBudget)} with the same budget
     * @throws MemoryLimitExceededException if refusable and over the budget; nothing allocated
     */
    static BytesStore<?, Void> allocate(long bytes, String purpose, MemoryBudget budget, boolean refusable) {
        ChronicleJvmFlags.verify();
        if (bytes <= 0) {
            throw new IllegalArgumentException("cannot allocate " + bytes + " bytes for " + purpose);
        }
        if (budget != null) {
            if (refusable) {
                budget.reserve(bytes, purpose);
            } else {
                budget.count(bytes);
            }
        }
        try {
            return allocateCounted(bytes, purpose);
        } catch (RuntimeException | Error e) {
            if (budget != null) {
                budget.free(bytes);
            }
            throw e;
        }
    }

    private static BytesStore<?, Void> allocateCounted(long bytes, String purpose) {
        final long max = limit;
        if (bytes > max) {
            throw new OutOfMemoryError("cannot allocate " + bytes + " bytes off-heap for " + purpose
                    + ": more than " + (max == PHYSICAL_MEMORY ? "this machine's physical memory" : "the test limit")
                    + " (" + max + " bytes)");
        }
        final BytesStore<?, Void> store;
        try {
            store = BytesStore.nativeStoreWithFixedCapacity(bytes);
        } catch (OutOfMemoryError e) {
            final OutOfMemoryError clear = new OutOfMemoryError("cannot allocate " + bytes
                    + " bytes off-heap for " + purpose + " (" + ALLOCATED.get()
                    + " bytes already held by LiveStore tables): " + e.getMessage());
            clear.initCause(e);
            throw clear;
        } catch (LinkageError | RuntimeException e) {
            throw new IllegalStateException(ChronicleJvmFlags.chronicleFailureMessage(
                    "allocating " + bytes + " bytes for " + purpose), e);
        }
        // The writer thread that allocates is not always the thread that later frees (HotRead
        // releases a copy from whichever thread closes it): Chronicle's owner-thread check would
        // throw on a legal hand-over that HotRead already orders.
        if (store instanceof SingleThreadedChecked checked) {
            checked.singleThreadedCheckDisabled(true);
        }
        ALLOCATED.addAndGet(bytes);
        return store;
    }

    /**
     * Frees a store from {@link #allocate}. The caller must have made every further access
     * impossible first (reading freed native memory can crash the JVM).
     *
     * @param store the store, freed exactly once
     */
    static void free(BytesStore<?, ?> store) {
        free(store, null);
    }

    /**
     * Frees a store from {@link #allocate(long, String, MemoryBudget, boolean)} and gives its
     * bytes back to the budget it was counted against.
     *
     * @param store the store, freed exactly once
     * @param budget the same budget as at allocation, or {@code null}
     */
    static void free(BytesStore<?, ?> store, MemoryBudget budget) {
        final long bytes = store.capacity();
        store.releaseLast();
        ALLOCATED.addAndGet(-bytes);
        if (budget != null) {
            budget.free(bytes);
        }
    }

    /** For tests: caps single allocations at {@code bytes}; {@code Long.MAX_VALUE} restores the default. */
    static void limitForTests(long bytes) {
        limit = Math.min(bytes, PHYSICAL_MEMORY);
    }

    /** Bytes allocated and not yet freed, across all tables and logs in this JVM. */
    static long allocatedBytes() {
        return ALLOCATED.get();
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            final long total = os.getTotalMemorySize();
            if (total > 0) {
                return total;
            }
        }
        // Unknown: let the operating system decide.
        return Long.MAX_VALUE;
    }
}
