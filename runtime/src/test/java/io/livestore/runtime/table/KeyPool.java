package io.livestore.runtime.table;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Keys for randomized table tests: half random v4 keys (what {@code init} makes), half keys with
 * poor bit patterns (a constant high half, keys that differ only in a few high bits), so that a
 * weak hash would show as long probe runs or wrong answers.
 */
final class KeyPool {

    private final UUID[] keys;

    KeyPool(SplittableRandom random, int size) {
        keys = new UUID[size];
        for (int i = 0; i < size; i++) {
            keys[i] = switch (i % 4) {
                case 0, 1 -> randomV4(random);
                case 2 -> new UUID(7, i);
                default -> new UUID((long) i << 40, (long) i << 44);
            };
        }
    }

    UUID pick(SplittableRandom random) {
        return keys[random.nextInt(keys.length)];
    }

    /** A random version-4, variant-2 UUID, as {@code UUID.randomUUID()} makes, from a seeded source. */
    static UUID randomV4(SplittableRandom random) {
        final long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
        final long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(msb, lsb);
    }
}
