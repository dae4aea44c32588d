package io.livestore.runtime.table;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.io.SingleThreadedChecked;

/**
 * Allocates and frees the native memory of this package, through Chronicle Bytes.
 *
 * <p>One place for the three things that can go wrong with native memory: the JVM flags
 * Chronicle needs ({@link ChronicleJvmFlags}), more memory than the process can hold, and the
 * operating system saying no. Each becomes an exception that names the requested size and what
 * it was for.
 *
 * <p><b>Every allocation is counted against the process-wide budget</b>, whatever budget of its
 * own (a store's {@code maxMemory}) it also counts against: the kernel kills a process over its
 * total, not over one allocation, and Chronicle zeroes what it allocates, so an allocation past
 * what the machine (or container) can give gets the JVM killed rather than an exception. The
 * process-wide limit is {@code -D}{@value #MAX_NATIVE_MEMORY_PROPERTY}{@code =bytes}, by default
 * physical memory (the container's limit, if any) less the maximum Java heap, and at least a
 * quarter of physical memory. An allocation that would pass it throws
 * {@link MemoryLimitExceededException}, before touching memory.
 *
 * <p>Thread-safe. Allocation allocates a few Java objects (Chronicle's store and its cleaner);
 * it is never on a steady-state path.
 */
final class OffHeapMemory {

    /** System property: the process-wide limit on native memory, in bytes. */
    static final String MAX_NATIVE_MEMORY_PROPERTY = "livestore.maxNativeMemory";

    /**
     * What every allocation counts against. Volatile only so that a test can lower it
     * ({@link #limitForTests}); allocation and free read it once each.
     */
    private static volatile MemoryBudget process = MemoryBudget.processWide(defaultProcessLimit(), 0);

    private OffHeapMemory() {
    }

    /**
     * Allocates {@code bytes} of zeroed native memory, counted against {@code budget} and against
     * the process-wide budget.
     *
     * @param bytes the size, at least 1
     * @param purpose what the memory is for, for error messages ("an entry table of 1024 slots of 64 bytes")
     * @param budget the budget to count against, or {@code null} for the process-wide one only
     * @param refusable whether {@code budget} may refuse ({@link MemoryBudget#reserve}) or only
     *     counts ({@link MemoryBudget#count}); the process-wide budget always may refuse, since
     *     the alternative is the kernel killing the JVM
     * @return a fixed-capacity native store holding one reference, to be passed to
     *     {@link #free(BytesStore, MemoryBudget)} with the same budget
     * @throws MemoryLimitExceededException if over either budget; nothing allocated
     * @throws OutOfMemoryError if the operating system refuses; the message names the size and purpose
     * @throws IllegalStateException if the JVM flags Chronicle Bytes needs are missing
     */
    static BytesStore<?, Void> allocate(long bytes, String purpose, MemoryBudget budget, boolean refusable) {
        return allocate(bytes, purpose, budget, refusable, true, true);
    }

    /**
     * Allocates memory for a growth, untouched as {@link #allocateUntouched} (the caller zeroes
     * it, a step at a time), counted against {@code budget} without refusal. Against the
     * process-wide budget it is only counted too when {@code promised}: a growth that must not
     * fail (a HotRead copy's replay), whose room the writer reserved beforehand ({@link #promise});
     * otherwise the process-wide budget may refuse it.
     *
     * @param bytes the size, at least 1
     * @param purpose what the memory is for, for error messages
     * @param budget the budget to count against, or {@code null}
     * @param promised whether the process-wide room was promised
     * @return a fixed-capacity native store whose content is undefined
     * @throws MemoryLimitExceededException if not promised and over the process-wide limit
     * @throws OutOfMemoryError if the operating system refuses
     */
    static BytesStore<?, Void> allocateForGrowth(long bytes, String purpose, MemoryBudget budget, boolean promised) {
        return allocate(bytes, purpose, budget, false, false, !promised);
    }

    /**
     * Reserves, refusably, process-wide room for an allocation to be made later with
     * {@link #allocateForGrowth}; the caller gives it back with {@link #unpromise} once that
     * allocation was counted (or will not be made).
     *
     * @param bytes the room
     * @param purpose what for, for the refusal's message
     * @throws MemoryLimitExceededException if the process-wide limit cannot hold it; nothing reserved
     */
    static void promise(long bytes, String purpose) {
        process.reserve(bytes, purpose);
    }

    /**
     * Gives back room reserved by {@link #promise}.
     *
     * @param bytes what was promised and is no longer needed
     */
    static void unpromise(long bytes) {
        process.free(bytes);
    }

    /**
     * Allocates {@code bytes} of native memory whose content is undefined, refusably counted as
     * {@link #allocate} counts. Nothing touches the memory here: on Linux a large allocation is
     * fresh pages that the kernel provides (and zeroes) on first touch, so the cost of faulting
     * them in is spread over the writes that first use them instead of stalling this call (128
     * MiB took 0.4 s to zero on this project's test machine, and 0.1 ms this way).
     *
     * @param bytes the size, at least 1
     * @param purpose what the memory is for, for error messages
     * @param budget the budget to count against (may refuse)
     * @return a fixed-capacity native store, to be passed to {@link #free(BytesStore, MemoryBudget)}
     * @throws MemoryLimitExceededException if over either budget; nothing allocated
     * @throws OutOfMemoryError if the operating system refuses
     */
    static BytesStore<?, Void> allocateUntouched(long bytes, String purpose, MemoryBudget budget) {
        return allocate(bytes, purpose, budget, true, false, true);
    }

    private static BytesStore<?, Void> allocate(long bytes, String purpose, MemoryBudget budget, boolean refusable,
            boolean zeroed, boolean processRefusable) {
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
        final MemoryBudget total = process;
        try {
            if (processRefusable) {
                total.reserve(bytes, purpose);
            } else {
                total.count(bytes);
            }
        } catch (MemoryLimitExceededException e) {
            if (budget != null) {
                budget.free(bytes);
            }
            throw e;
        }
        try {
            return allocateNative(bytes, purpose, zeroed);
        } catch (RuntimeException | Error e) {
            total.free(bytes);
            if (budget != null) {
                budget.free(bytes);
            }
            throw e;
        }
    }

    private static BytesStore<?, Void> allocateNative(long bytes, String purpose, boolean zeroed) {
        final BytesStore<?, Void> store;
        try {
            store = zeroed ? BytesStore.nativeStoreWithFixedCapacity(bytes)
                    : BytesStore.lazyNativeBytesStoreWithFixedCapacity(bytes);
        } catch (OutOfMemoryError e) {
            final OutOfMemoryError clear = new OutOfMemoryError("cannot allocate " + bytes
                    + " bytes off-heap for " + purpose + " (" + (process.used() - bytes)
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
        return store;
    }

    /**
     * Frees a store that nothing reads any more, off the calling thread when it is large: giving
     * back a large region whose pages were touched takes the operating system milliseconds (8–40
     * ms for 150 MiB on this project's test machine), which a writer that frees an old index
     * mid-write should not wait for. Its bytes count against the budgets until the free has run.
     *
     * @param store the store, freed exactly once
     * @param budget the same budget as at allocation, or {@code null}
     */
    static void freeSoon(BytesStore<?, ?> store, MemoryBudget budget) {
        if (store.capacity() < BACKGROUND_FREE_BYTES) {
            free(store, budget);
        } else {
            BackgroundFrees.EXECUTOR.execute(() -> free(store, budget));
        }
    }

    /** Stores of at least this many bytes are freed on a background thread ({@link #freeSoon}). */
    static final long BACKGROUND_FREE_BYTES = 4L << 20;

    /**
     * Waits until every free handed to the background thread so far has run: for tests that
     * measure what is held.
     */
    static void awaitBackgroundFrees() {
        try {
            BackgroundFrees.EXECUTOR.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The daemon thread that frees large stores, started on first use. */
    private static final class BackgroundFrees {
        static final ExecutorService EXECUTOR =
                Executors.newSingleThreadExecutor(task -> {
                    final Thread thread = new Thread(task, "livestore-native-free");
                    thread.setDaemon(true);
                    return thread;
                });
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
        process.free(bytes);
        if (budget != null) {
            budget.free(bytes);
        }
    }

    /**
     * For tests: sets the process-wide limit to {@code bytes}; {@code Long.MAX_VALUE} restores the
     * default. Call it while no other thread allocates or frees.
     */
    static void limitForTests(long bytes) {
        process = MemoryBudget.processWide(bytes == Long.MAX_VALUE ? defaultProcessLimit() : bytes, process.used());
    }

    /** The process-wide budget, for tests. */
    static MemoryBudget processBudget() {
        return process;
    }

    /**
     * Bytes allocated and not yet freed, across all tables and logs in this JVM, once the frees
     * handed to the background thread so far have run (so that tests read a settled figure).
     */
    static long allocatedBytes() {
        awaitBackgroundFrees();
        return process.used();
    }

    /** See the class comment: the property, else physical memory less the heap, at least a quarter. */
    private static long defaultProcessLimit() {
        final String property = System.getProperty(MAX_NATIVE_MEMORY_PROPERTY);
        if (property != null) {
            try {
                final long limit = Long.parseLong(property.trim());
                if (limit > 0) {
                    return limit;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("-D" + MAX_NATIVE_MEMORY_PROPERTY + "=" + property
                    + " is not a positive number of bytes");
        }
        final long physical = physicalMemory();
        if (physical == Long.MAX_VALUE) {
            return physical;
        }
        return Math.max(physical - Runtime.getRuntime().maxMemory(), physical / 4);
    }

    /** Physical memory, or the container's limit (the JDK reads cgroups); MAX_VALUE if unknown. */
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
