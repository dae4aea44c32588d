package io.livestore.runtime.store;

import io.livestore.runtime.table.UuidHash;

/**
 * The writer's index of writes that readers cannot see yet: key → the arena record of the key's
 * latest write, for as long as a slow reader holds back publication (the record stays allocated
 * at least until both copies replayed the write that unlinks it). With it, a mutation always
 * starts from the latest accepted value of its key, not from the published copy.
 *
 * <p>Open addressing over primitive arrays (no object per key). Emptied in O(1) by bumping an
 * epoch: a slot counts only if its stamp equals the current epoch. So the common case, where
 * every write is published at once and the index is reset after each, allocates nothing and
 * costs one stamp write per write. The arrays grow while publication is held back and stay at
 * their largest size (a few bytes per write that was pending at once).
 *
 * <p>Writer-confined: used only under the store's writer lock.
 */
final class PendingIndex {

    /** {@link #get} for a key with no pending write: read the published copy. */
    static final int NOT_PENDING = -1;

    /** {@link #get} for a key whose latest pending write removed it. */
    static final int REMOVED = -2;

    private static final int INITIAL_CAPACITY = 64;

    private long[] msbs = new long[INITIAL_CAPACITY];
    private long[] lsbs = new long[INITIAL_CAPACITY];
    private int[] refs = new int[INITIAL_CAPACITY];
    private int[] stamps = new int[INITIAL_CAPACITY];
    private int epoch = 1;
    private int size;

    /** A CLEAR is pending: every key not in the index is absent, whatever the published copy says. */
    private boolean cleared;

    /**
     * Returns the record of the key's latest pending PUT, {@link #REMOVED}, or
     * {@link #NOT_PENDING}.
     */
    int get(long msb, long lsb) {
        if (size == 0) {
            return cleared ? REMOVED : NOT_PENDING;
        }
        final int mask = stamps.length - 1;
        for (int i = home(msb, lsb, mask); ; i = (i + 1) & mask) {
            if (stamps[i] != epoch) {
                return cleared ? REMOVED : NOT_PENDING;
            }
            if (msbs[i] == msb && lsbs[i] == lsb) {
                return refs[i];
            }
        }
    }

    /** Records a PUT of record {@code ref}, or a removal with {@link #REMOVED}. */
    void put(long msb, long lsb, int ref) {
        if ((size + 1) * 4L > stamps.length * 3L) {
            grow();
        }
        final int mask = stamps.length - 1;
        for (int i = home(msb, lsb, mask); ; i = (i + 1) & mask) {
            if (stamps[i] != epoch) {
                stamps[i] = epoch;
                msbs[i] = msb;
                lsbs[i] = lsb;
                refs[i] = ref;
                size++;
                return;
            }
            if (msbs[i] == msb && lsbs[i] == lsb) {
                refs[i] = ref;
                return;
            }
        }
    }

    /** Records a CLEAR: forgets every pending write, and every published entry counts as gone. */
    void clearAll() {
        forget();
        cleared = true;
    }

    /** The published copy now holds every write: forget them all. O(1) unless the epoch wraps. */
    void reset() {
        if (size != 0) {
            forget();
        }
        cleared = false;
    }

    /** Whether any write is pending. */
    boolean isEmpty() {
        return size == 0 && !cleared;
    }

    private void forget() {
        size = 0;
        if (++epoch == 0) {
            // Wrapped after 2^32 resets: old stamps could match again, so wipe them once.
            java.util.Arrays.fill(stamps, 0);
            epoch = 1;
        }
    }

    private void grow() {
        final long[] oldMsbs = msbs;
        final long[] oldLsbs = lsbs;
        final int[] oldRefs = refs;
        final int[] oldStamps = stamps;
        final int oldEpoch = epoch;
        final int capacity = oldStamps.length * 2;
        msbs = new long[capacity];
        lsbs = new long[capacity];
        refs = new int[capacity];
        stamps = new int[capacity];
        epoch = 1;
        size = 0;
        for (int i = 0; i < oldStamps.length; i++) {
            if (oldStamps[i] == oldEpoch) {
                put(oldMsbs[i], oldLsbs[i], oldRefs[i]);
            }
        }
    }

    private static int home(long msb, long lsb, int mask) {
        return (int) UuidHash.hash(msb, lsb) & mask;
    }
}
