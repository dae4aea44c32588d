package io.livestore.runtime.hotread;

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

/** The one hot field of a reader slot. */
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
}

/** Right padding: keeps objects allocated after this slot off its line. */
@SuppressWarnings("unused")
abstract class ReaderSlotRightPad extends ReaderSlotValue {
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;
}

/**
 * Where one reader handle says which generation it holds. Written only by the handle's thread
 * (and, once the handle is closed or abandoned, by whoever releases it); read by the writer and
 * by {@link HotRead#close()}.
 */
final class ReaderSlot extends ReaderSlotRightPad {

    /**
     * Held by no generation. The largest long, so that "holds a generation older than g" is the
     * single comparison {@code held < g} and an idle slot never blocks the writer.
     */
    static final long IDLE = Long.MAX_VALUE;

    /** Volatile read: pairs with the reader's volatile store in {@link #announce}. */
    long held() {
        return held;
    }

    /**
     * Volatile store of "I hold {@code generation}". Must be sequentially consistent: the
     * caller re-reads the published generation right after, and that load must not be reordered
     * before this store (the Dekker handshake; a release store allows exactly that reordering).
     */
    void announce(long generation) {
        held = generation;
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
}
