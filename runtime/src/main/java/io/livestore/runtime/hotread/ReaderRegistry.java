package io.livestore.runtime.hotread;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The reader slots of one {@link HotRead}: hands them out to new handles, takes them back from
 * closed or abandoned ones, and answers the writer's question "does any reader still hold a
 * generation older than g?" without taking a lock.
 *
 * <p>The slot array only grows (to the largest number of handles open at once); a freed slot is
 * idle and is reused by the next handle. The writer scans the array it reads from the volatile
 * field; a slot added after that read is idle until its first {@code current()}, whose Dekker
 * handshake makes it safe for the writer not to have seen it (see {@code package-info}).
 */
final class ReaderRegistry {

    private static final ReaderSlot[] NO_SLOTS = new ReaderSlot[0];

    /** Guards {@link #free} and replacement of {@link #slots}; never taken by the writer or a reader. */
    private final Object lock = new Object();

    /**
     * Every slot ever handed out. Volatile, copy-on-write: a new slot is fully constructed
     * (idle) before the new array that contains it is published to the writer's scan.
     */
    private volatile ReaderSlot[] slots = NO_SLOTS;

    /** Idle slots of closed or abandoned handles, reused before a new slot is made. */
    private final ArrayDeque<ReaderSlot> free = new ArrayDeque<>();

    /** Takes an idle slot for a new handle. */
    ReaderSlot take() {
        synchronized (lock) {
            ReaderSlot slot = free.poll();
            if (slot == null) {
                slot = new ReaderSlot();
                ReaderSlot[] grown = Arrays.copyOf(slots, slots.length + 1);
                grown[grown.length - 1] = slot;
                slots = grown;
            }
            return slot;
        }
    }

    /** Marks a handle's slot idle and returns it for reuse. Called once per slot taken. */
    void giveBack(ReaderSlot slot) {
        slot.leave();
        synchronized (lock) {
            free.push(slot);
        }
    }

    /**
     * Counts the slots that hold a generation older than {@code generation}: the readers that
     * keep the writer from reusing the copy they read. Lock-free; each slot is read once with a
     * volatile load. Conservative: besides the handles that hold an old copy it may count a
     * handle that is just acquiring and has announced a generation it loaded long ago; that
     * handle re-reads, moves on without touching the old copy, and merely delays the writer one
     * round.
     */
    int countHoldingOlderThan(long generation) {
        int count = 0;
        for (ReaderSlot slot : slots) {
            if (slot.held() < generation) {
                count++;
            }
        }
        return count;
    }

    /** Returns whether any slot holds a generation of the given parity, i.e. that copy. */
    boolean anyHoldsCopy(int copyIndex) {
        for (ReaderSlot slot : slots) {
            long held = slot.held();
            if (held != ReaderSlot.IDLE && (held & 1) == copyIndex) {
                return true;
            }
        }
        return false;
    }

    /** Returns the number of slots ever made: the most handles that were open at once. */
    int slotCount() {
        return slots.length;
    }

    /** Returns the number of handles open now (slots taken and not given back). */
    int openHandles() {
        synchronized (lock) {
            return slots.length - free.size();
        }
    }
}
