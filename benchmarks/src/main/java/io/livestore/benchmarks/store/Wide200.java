package io.livestore.benchmarks.store;

import io.livestore.annotations.LiveValue;

/**
 * A 200-byte value (25 {@code long}s in its layout), the large size of the memory-per-entry
 * comparison ({@link StoreFootprint}): where two full copies could never match a
 * {@code ConcurrentHashMap}, and values stored once must.
 *
 * @param a a field
 * @param b a field
 * @param c a field
 * @param d a field
 * @param e a field
 * @param f a field
 * @param g a field
 * @param h a field
 * @param i a field
 * @param j a field
 * @param k a field
 * @param l a field
 * @param m a field
 * @param n a field
 * @param o a field
 * @param p a field
 * @param q a field
 * @param r a field
 * @param s a field
 * @param t a field
 * @param u a field
 * @param v a field
 * @param w a field
 * @param x a field
 * @param y a field
 */
@LiveValue
public record Wide200(
        long a, long b, long c, long d, long e, long f, long g,
        long h, long i, long j, long k, long l, long m, long n,
        long o, long p, long q, long r, long s, long t, long u,
        long v, long w, long x, long y) {

    /**
     * @param seed the first field; the others follow it
     * @return a value whose fields are {@code seed}, {@code seed + 1} and so on
     */
    static Wide200 of(long seed) {
        return new Wide200(seed, seed + 1, seed + 2, seed + 3, seed + 4, seed + 5, seed + 6,
                seed + 7, seed + 8, seed + 9, seed + 10, seed + 11, seed + 12, seed + 13,
                seed + 14, seed + 15, seed + 16, seed + 17, seed + 18, seed + 19, seed + 20,
                seed + 21, seed + 22, seed + 23, seed + 24);
    }
}
