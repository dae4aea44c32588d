package io.livestore.runtime.table;

/**
 * The one decision of backward-shift deletion in a linear-probing table (Knuth, TAOCP vol. 3,
 * 6.4, Algorithm R), used by {@link KeyIndex}.
 */
final class BackwardShift {

    private BackwardShift() {
    }

    /**
     * Whether the entry at slot {@code next}, whose home slot is {@code home}, may move back into
     * the hole at slot {@code hole}: not if its home lies cyclically in {@code (hole, next]}, since
     * moved before its home it would be hidden from lookups that start there.
     *
     * @param hole the emptied slot
     * @param next a later slot of the same run (cyclically)
     * @param home the home slot of the entry at {@code next}
     * @return whether the entry may fill the hole
     */
    static boolean mayFill(int hole, int next, int home) {
        final boolean homeInRange = hole <= next
                ? home > hole && home <= next
                : home > hole || home <= next;
        return !homeInRange;
    }
}
