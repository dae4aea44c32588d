package io.livestore.runtime.hotread;

/** Left padding of {@link HotRead}'s published generation (see {@link HotReadPublished}). */
@SuppressWarnings("unused")
abstract class HotReadLeftPad {
    // Fills the 4-byte gap after a compressed object header, which the JVM would otherwise use
    // for a small field of a subclass, within a line of the padded field.
    int p00;
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/**
 * The field every reader reads on every {@code current()}. Padded on both sides so that no
 * field the writer changes often (applied counts, the log) shares its cache line: a reader's
 * fast path then hits a line that changes only when a new generation is published.
 */
abstract class HotReadPublished extends HotReadLeftPad {
    /**
     * The generation readers should read, or {@link HotRead#CLOSED}. Copy {@code g & 1} holds
     * generation {@code g}.
     *
     * <p>Volatile for two reasons. Release/acquire: the writer fills a copy with plain writes and
     * then stores its generation here; a reader that loads that generation sees the whole copy.
     * Sequential consistency: the writer's store here, followed by its scan of the reader slots,
     * and a reader's store to its slot, followed by its re-read of this field, form a Dekker
     * handshake, so that one of the two always sees the other (see {@code package-info}).
     */
    volatile long publishedGeneration;
}

/** Right padding of {@link HotRead}'s published generation. */
@SuppressWarnings("unused")
abstract class HotReadRightPad extends HotReadPublished {
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;
}
