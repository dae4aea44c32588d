package io.livestore.runtime.table;

import java.util.UUID;

/**
 * Keys that share one full {@link UuidHash}: the hash is invertible, so for any most significant
 * half there is exactly one least significant half that gives a chosen hash. Such keys share a
 * home slot and a tag, so every lookup among them must compare keys.
 */
final class CollidingKeys {

    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;
    private static final long K1_INVERSE = inverse(K1);
    private static final long K2_INVERSE = inverse(K2);

    private CollidingKeys() {
    }

    /** The key with most significant bits {@code msb} whose hash is {@code hash}. */
    static UUID withHash(long hash, long msb) {
        long h = hash * K1_INVERSE;      // undoes the last multiply
        h ^= h >>> 32;                   // a 32-bit xor-shift is its own inverse on 64 bits
        final long lsb = (h ^ msb * K1) * K2_INVERSE;
        final UUID key = new UUID(msb, lsb);
        if (UuidHash.hash(msb, lsb) != hash) {
            throw new AssertionError("UuidHash changed: update CollidingKeys");
        }
        return key;
    }

    /** The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration). */
    private static long inverse(long odd) {
        long x = odd; // correct to 3 bits; each step doubles the correct bits
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }
}
