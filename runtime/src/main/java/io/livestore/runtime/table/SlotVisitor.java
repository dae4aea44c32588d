package io.livestore.runtime.table;

/**
 * Receives the live slots of an {@link EntryTable} during {@link EntryTable#forEach}.
 *
 * <p>A visitor reads the slot in place ({@link EntryTable#keyMsb}, {@link EntryTable#bytes()}
 * at {@link EntryTableLayout#valueOffset}); it must not modify the table while visiting.
 */
@FunctionalInterface
public interface SlotVisitor {

    /**
     * Visits one live slot.
     *
     * @param table the table being iterated
     * @param slotOffset the slot's offset in {@code table.bytes()}
     */
    void visit(EntryTable table, long slotOffset);
}
