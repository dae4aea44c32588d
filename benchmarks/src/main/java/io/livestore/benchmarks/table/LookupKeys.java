package io.livestore.benchmarks.table;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The keys of a lookup benchmark: random v4 UUIDs as two {@code long} arrays, in an order
 * unrelated to insertion order (so an on-heap map does not get its nodes visited in allocation
 * order, which would hide its cache misses).
 */
public final class LookupKeys {

    public final long[] msb;
    public final long[] lsb;

    public LookupKeys(int count, long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        msb = new long[count];
        lsb = new long[count];
        for (int i = 0; i < count; i++) {
            msb[i] = (random.nextLong() & ~0xF000L) | 0x4000L;
            lsb[i] = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        }
    }

    /** A Fisher-Yates shuffle of this key set, for the lookup order. */
    public LookupKeys shuffled(long seed) {
        final long[] m = msb.clone();
        final long[] l = lsb.clone();
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = m.length - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            long t = m[i];
            m[i] = m[j];
            m[j] = t;
            t = l[i];
            l[i] = l[j];
            l[j] = t;
        }
        return new LookupKeys(m, l);
    }

    private LookupKeys(long[] msb, long[] lsb) {
        this.msb = msb;
        this.lsb = lsb;
    }

    public int size() {
        return msb.length;
    }

    public UUID key(int i) {
        return new UUID(msb[i], lsb[i]);
    }
}
