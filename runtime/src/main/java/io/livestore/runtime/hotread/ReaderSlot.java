package io.livestore.runtime.hotread;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Left padding: keeps {@link ReaderSlotValue#held} off the cache lines of whatever the JVM
 * allocated just before this slot (typically the previous reader's slot).
 */
@SuppressWarnings("unused")
abstract class ReaderSlotLeftPad {
    // Fills the 4-byte gap after a compressed object header, which the JVM would otherwise use
    // for a small field of a subclass, within a line of the padded field.
    int p00;
    // 15 longs + the object header span two 64-byte lines: enough against the adjacent-line
    // prefetcher as well as plain false sharing.
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/**
 * The hot fields of a reader slot, on one line: what the writer's scan reads ({@code held},
 * {@code next}) and what the reader writes on its slow path.
 */
abstract class ReaderSlotValue extends ReaderSlotLeftPad {
    /**
     * The generation whose copy this slot's reader may be reading, or {@link ReaderSlot#IDLE}.
     *
     * <p>Volatile because it is one half of the Dekker handshake described in
     * {@code package-info}: the reader's store here must be ordered before its re-read of the
     * published generation, and the writer's store of a new generation before its read of this
     * field. Only sequentially consistent (volatile) accesses forbid that store-load reordering.
     */
    volatile long held = ReaderSlot.IDLE;

    /**
     * The next slot of the registry's list, or null. Volatile: the writer follows it without a
     * lock, and a slot linked in must be seen fully built. Left as it is when this slot is
     * unlinked, so that a scan standing here goes on into the list.
     */
    volatile ReaderSlot next;

    /**
     * The thread that last acquired a generation through this slot; written on the reader's slow
     * path just before its volatile announcement, which publishes it to the writer's scan.
     */
    Thread lastReader;

    /** {@code System.nanoTime()} of the last acquisition, published the same way; for reports. */
    long heldSinceNanos;
}

/** Right padding: keeps objects allocated after this slot off its line. */
@SuppressWarnings("unused")
abstract class ReaderSlotRightPad extends ReaderSlotValue {
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;
}

/**
 * Where one reader handle says which generation it holds. Written by the handle's thread (and,
 * once the handle is closed or abandoned, by whoever releases it, or by the writer when the
 * handle's thread has ended); read by the writer's scan and by {@link HotRead#close()}. Linked
 * into its {@link ReaderRegistry}'s list from creation until it is given back.
 */
final class ReaderSlot extends ReaderSlotRightPad {

    /**
     * Held by no generation. The largest long, so that "holds a generation older than g" is the
     * single comparison {@code held < g} and an idle slot never blocks the writer.
     */
    static final long IDLE = Long.MAX_VALUE;

    private static final VarHandle HELD;

    static {
        try {
            HELD = MethodHandles.lookup().findVarHandle(ReaderSlotValue.class, "held", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ---- Guarded by the registry's lock. ----

    /** The previous slot of the list (the registry's head for the first). */
    ReaderSlot prev;

    /** Whether this slot was unlinked: it is given back once. */
    boolean unlinked;

    /** Volatile read: pairs with the reader's volatile store in {@link #announce}. */
    long held() {
        return held;
    }

    /**
     * Volatile store of "I hold {@code generation}", after recording who holds it and since when
     * (plain stores that this volatile store publishes). Must be sequentially consistent: the
     * caller re-reads the published generation right after, and that load must not be reordered
     * before this store (the Dekker handshake; a release store allows exactly that reordering).
     */
    void announce(long generation, Thread reader, long nowNanos) {
        lastReader = reader;
        heldSinceNanos = nowNanos;
        held = generation;
    }

    /**
     * Forgets the last reader, before the caller's {@link #leave()}: while the slot still holds a
     * generation, a scan that reads no reader counts it as blocking, which is conservative.
     */
    void forgetReader() {
        lastReader = null;
    }

    /**
     * Volatile store of {@link #IDLE}. Volatile rather than release because the caller then
     * reads the published generation to learn whether the HotRead closed meanwhile; with a
     * release store that read could pass the store and both this reader and {@code close()}
     * could believe the other one still holds the copy, which would then never be released.
     */
    void leave() {
        held = IDLE;
    }

    /**
     * Makes the slot idle if it still holds {@code generation}: for the writer, once the thread
     * that acquired it has ended. A compare-and-set, so that a reader that announced another
     * generation meanwhile (a thread the handle was handed to) keeps its announcement, which the
     * writer's next scan sees as usual.
     *
     * @return whether the slot was made idle
     */
    boolean releaseIfHeld(long generation) {
        return HELD.compareAndSet(this, generation, IDLE);
    }
}
