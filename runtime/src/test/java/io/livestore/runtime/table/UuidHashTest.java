package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;

class UuidHashTest {

    private static final int KEYS = 1 << 16;
    private static final int CAPACITY = 1 << 17;

    @Test
    void hash_everyInputBitChangesAboutHalfTheTopBits() {
        final SplittableRandom random = new SplittableRandom(7);
        for (int bit = 0; bit < 128; bit++) {
            long flipped = 0;
            final int samples = 200;
            for (int s = 0; s < samples; s++) {
                final long msb = random.nextLong();
                final long lsb = random.nextLong();
                final long h = UuidHash.hash(msb, lsb);
                final long g = bit < 64 ? UuidHash.hash(msb ^ (1L << bit), lsb) : UuidHash.hash(msb, lsb ^ (1L << (bit - 64)));
                flipped += Long.bitCount((h ^ g) >>> 32);
            }
            final double average = (double) flipped / samples;
            assertTrue(average > 8 && average < 24, "bit " + bit + " flips " + average + " of the top 32 bits");
        }
    }

    @Test
    void homeIndex_structuredKeysSpreadLikeRandomOnes() {
        // At load 0.5, uniformly random homes cover about 79% of n distinct slots; a hash that
        // ignored some key bits would cover far fewer for these patterns.
        assertSpread("sequential lsb", i -> new long[] {0x1234, i});
        assertSpread("sequential msb", i -> new long[] {i, 0});
        assertSpread("top bits of msb only", i -> new long[] {(long) i << 48, 0});
        assertSpread("top bits of lsb only", i -> new long[] {0, (long) i << 48});
        assertSpread("swapped halves", i -> new long[] {i % 2 == 0 ? i : 0, i % 2 == 0 ? 0 : i - 1});
        final SplittableRandom random = new SplittableRandom(3);
        assertSpread("random v4", i -> {
            final java.util.UUID k = KeyPool.randomV4(random);
            return new long[] {k.getMostSignificantBits(), k.getLeastSignificantBits()};
        });
    }

    @Test
    void homeIndex_staysInRange() {
        final SplittableRandom random = new SplittableRandom(11);
        for (int capacity : new int[] {1, 16, 1000, 13_335, KeyIndex.MAX_CAPACITY}) {
            for (int i = 0; i < 10_000; i++) {
                final int home = UuidHash.homeIndex(random.nextLong(), capacity);
                assertTrue(home >= 0 && home < capacity, "home " + home + " for capacity " + capacity);
            }
            assertTrue(UuidHash.homeIndex(-1L, capacity) == capacity - 1);
            assertTrue(UuidHash.homeIndex(0L, capacity) == 0);
        }
    }

    private static void assertSpread(String pattern, IntFunction<long[]> key) {
        final BitSet homes = new BitSet(CAPACITY);
        for (int i = 0; i < KEYS; i++) {
            final long[] k = key.apply(i);
            homes.set(UuidHash.homeIndex(UuidHash.hash(k[0], k[1]), CAPACITY));
        }
        final double covered = (double) homes.cardinality() / KEYS;
        assertTrue(covered > 0.75, pattern + ": " + covered + " distinct homes per key");
    }
}
