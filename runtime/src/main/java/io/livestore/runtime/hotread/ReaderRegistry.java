package io.livestore.runtime.hotread;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reader slots of one {@link HotRead}: one per open handle, in a list that the writer scans
 * without a lock to answer "does any reader still hold a generation older than g?".
 *
 * <p><b>Cost.</b> Opening or closing a handle is O(1) (a link in or out, under a lock that the
 * writer and the readers never take on their hot paths), and a scan visits the handles open now:
 * a closed handle's slot is unlinked and left to the garbage collector, so the list shrinks when
 * handles close and no scan pays for handles that are gone.
 *
 * <p><b>Why a scan without a lock is safe.</b> Slots are linked in at the head, fully built and
 * idle, through a volatile store; a scan that started earlier misses the new slot, which is
 * harmless because it is idle until its first {@code current()}, whose Dekker handshake covers
 * it (see {@code package-info}). A slot is unlinked only after it was made idle, and its own
 * {@code next} is left untouched, so a scan standing on it goes on into the list and a scan that
 * misses it misses nothing that holds a copy. Slots are never reused, so a slot's {@code next}
 * only ever points further along the list and every scan ends.
 */
final class ReaderRegistry {

    /** Guards linking and unlinking and {@link #open}; never taken by a reader's {@code current()}. */
    private final Object lock = new Object();

    /** A sentinel whose {@code next} is the most recently linked slot. Never holds a generation. */
    private final ReaderSlot head = new ReaderSlot();

    /** Slots linked now: the open handles. Guarded by {@link #lock}. */
    private int open;

    /** Links a new idle slot for a new handle. */
    ReaderSlot take() {
        ReaderSlot slot = new ReaderSlot();
        synchronized (lock) {
            ReaderSlot first = head.next;
            slot.prev = head;
            slot.next = first;
            if (first != null) {
                first.prev = slot;
            }
            // Volatile store: the slot, idle and linked to the rest, is fully built before a scan can reach it.
            head.next = slot;
            open++;
        }
        return slot;
    }

    /**
     * Makes a handle's slot idle and unlinks it. Idempotent: close() and the cleaner may both
     * give the same slot back.
     */
    void giveBack(ReaderSlot slot) {
        // Idle first: a scan that still reaches the slot sees that it holds nothing.
        slot.leave();
        synchronized (lock) {
            if (slot.unlinked) {
                return;
            }
            slot.unlinked = true;
            ReaderSlot before = slot.prev;
            ReaderSlot after = slot.next;
            before.next = after;
            if (after != null) {
                after.prev = before;
            }
            // slot.next stays: a scan standing on this slot goes on from here.
            open--;
        }
    }

    /**
     * Counts the slots that hold a generation older than {@code generation}: the readers that
     * keep the writer from reusing the copy they read. Lock-free; each slot is read once with a
     * volatile load. A slot whose last reader's thread has ended is made idle instead of counted:
     * that thread will never read again, and a thread the handle was handed to announces anew
     * before reading (the handle's fast path serves only the thread that announced).
     *
     * <p>Conservative: besides the handles that hold an old copy it may count a handle that is
     * just acquiring and has announced a generation it loaded long ago; that handle re-reads,
     * moves on without touching the old copy, and merely delays the writer one round.
     */
    int countHoldingOlderThan(long generation) {
        int count = 0;
        for (ReaderSlot slot = head.next; slot != null; slot = slot.next) {
            long held = slot.held();
            if (held < generation && !releasedBecauseItsThreadEnded(slot, held)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Describes the slots that hold a generation older than {@code generation}, for reports.
     * Allocates.
     */
    List<BlockingHandle> holdingOlderThan(long generation, long nowNanos) {
        List<BlockingHandle> blockers = new ArrayList<>();
        for (ReaderSlot slot = head.next; slot != null; slot = slot.next) {
            long held = slot.held();
            if (held < generation) {
                // Read after the volatile load of held: at least as new as that announcement.
                Thread reader = slot.lastReader;
                long since = slot.heldSinceNanos;
                // A reader that re-announced during the scan may be newer than nowNanos: clamp.
                blockers.add(new BlockingHandle(reader == null ? "?" : reader.getName(),
                        reader != null && reader.isAlive(), held,
                        Duration.ofNanos(Math.max(0, nowNanos - since))));
            }
        }
        return blockers;
    }

    /** Returns whether any slot holds a generation of the given parity, i.e. that copy. */
    boolean anyHoldsCopy(int copyIndex) {
        for (ReaderSlot slot = head.next; slot != null; slot = slot.next) {
            long held = slot.held();
            if (held != ReaderSlot.IDLE && (held & 1) == copyIndex && !releasedBecauseItsThreadEnded(slot, held)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the number of slots a scan visits now: walks the list (for tests and reports). */
    int linkedSlots() {
        int count = 0;
        for (ReaderSlot slot = head.next; slot != null; slot = slot.next) {
            count++;
        }
        return count;
    }

    /** Returns the number of handles open now (slots linked and not given back). */
    int openHandles() {
        synchronized (lock) {
            return open;
        }
    }

    /**
     * Makes the slot idle if the thread that acquired its generation has ended. Reading
     * {@code isAlive() == false} happens-after everything that thread did, its reads of the copy
     * included, so after a successful compare-and-set the writer may reuse the copy.
     */
    private static boolean releasedBecauseItsThreadEnded(ReaderSlot slot, long held) {
        Thread reader = slot.lastReader;
        return reader != null && !reader.isAlive() && slot.releaseIfHeld(held);
    }
}
