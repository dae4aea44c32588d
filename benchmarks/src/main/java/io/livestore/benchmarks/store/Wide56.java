package io.livestore.benchmarks.store;

import io.livestore.annotations.LiveValue;

/**
 * A 56-byte value (seven {@code long}s in its layout), the middle size of the memory-per-entry
 * comparison ({@link StoreFootprint}).
 *
 * @param a a field
 * @param b a field
 * @param c a field
 * @param d a field
 * @param e a field
 * @param f a field
 * @param g a field
 */
@LiveValue
public record Wide56(long a, long b, long c, long d, long e, long f, long g) {

    /**
     * @param seed the first field; the others follow it
     * @return a value whose fields are {@code seed}, {@code seed + 1} and so on
     */
    static Wide56 of(long seed) {
        return new Wide56(seed, seed + 1, seed + 2, seed + 3, seed + 4, seed + 5, seed + 6);
    }
}
