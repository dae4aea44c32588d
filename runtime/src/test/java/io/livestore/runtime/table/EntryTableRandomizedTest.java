package io.livestore.runtime.table;

import static io.livestore.runtime.table.EntryTable.NO_SLOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random operations against a {@link HashMap} oracle: growth from the minimum capacity,
 * churn with deletes (backward shifts), mass deletes, clears. Each seed runs
 * {@value #DEFAULT_OPS} operations by default; {@code -Dlivestore.table.randomOps=N} soaks longer.
 */
class EntryTableRandomizedTest {

    static final int DEFAULT_OPS = 1_000_000;
    static final int OPS = Integer.getInteger("livestore.table.randomOps", DEFAULT_OPS);
    private static final int VALUE_SIZE = 16;
    private static final int FULL_CHECK_EVERY = 100_000;

    /** One entry of the oracle: header fields and the two value longs. */
    record Entry(long version, long lastWrite, long expiry, long value0, long value1) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 0xC0FFEE})
    void randomOperations_matchHashMap(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final KeyPool keys = new KeyPool(random, 200_000);
        final Map<UUID, Entry> oracle = new HashMap<>();
        try (EntryTable table = EntryTable.create(VALUE_SIZE, 0)) {
            for (int op = 0; op < OPS; op++) {
                // Three phases per cycle of 400k ops: grow (mostly puts), churn, shrink (mostly removes).
                final int phase = (op / 133_334) % 3;
                final int putPercent = phase == 0 ? 70 : phase == 1 ? 40 : 15;
                final UUID key = keys.pick(random);
                final int dice = random.nextInt(100);
                if (dice < putPercent) {
                    put(table, oracle, key, random, random.nextBoolean());
                } else if (dice < putPercent + 25) {
                    assertEquals(oracle.remove(key) != null,
                            table.remove(key.getMostSignificantBits(), key.getLeastSignificantBits()), key.toString());
                } else {
                    assertLookup(table, oracle, key);
                }
                if (random.nextInt(400_000) == 0) {
                    table.clear();
                    oracle.clear();
                }
                if (op % FULL_CHECK_EVERY == 0) {
                    assertSameContent(table, oracle);
                }
            }
            assertSameContent(table, oracle);
            assertTrue(table.capacity() > EntryTable.MIN_CAPACITY, "the run never grew the table");
        }
    }

    private static void put(EntryTable table, Map<UUID, Entry> oracle, UUID key, SplittableRandom random,
            boolean ifAbsent) {
        final Entry entry = new Entry(random.nextLong(), random.nextLong(), random.nextLong(),
                random.nextLong(), random.nextLong());
        final long msb = key.getMostSignificantBits();
        final long lsb = key.getLeastSignificantBits();
        final long slot;
        if (ifAbsent) {
            slot = table.insertIfAbsent(msb, lsb, entry.version, entry.lastWrite, entry.expiry, VALUE_SIZE);
            assertEquals(oracle.containsKey(key), slot == NO_SLOT, key.toString());
            if (slot == NO_SLOT) {
                return;
            }
        } else {
            slot = table.put(msb, lsb, entry.version, entry.lastWrite, entry.expiry, VALUE_SIZE);
        }
        table.bytes().writeLong(table.valueOffset(slot, 0, 8), entry.value0);
        table.bytes().writeLong(table.valueOffset(slot, 8, 8), entry.value1);
        oracle.put(key, entry);
    }

    private static void assertLookup(EntryTable table, Map<UUID, Entry> oracle, UUID key) {
        final long slot = table.lookup(key);
        final Entry expected = oracle.get(key);
        if (expected == null) {
            assertEquals(NO_SLOT, slot, key.toString());
        } else {
            assertEquals(expected, read(table, slot), key.toString());
        }
    }

    static Entry read(EntryTable table, long slot) {
        return new Entry(table.version(slot), table.lastWriteTime(slot), table.expiryDeadline(slot),
                table.bytes().readLong(table.valueOffset(slot, 0, 8)),
                table.bytes().readLong(table.valueOffset(slot, 8, 8)));
    }

    static void assertSameContent(EntryTable table, Map<UUID, Entry> oracle) {
        assertEquals(oracle.size(), table.size());
        final Map<UUID, Entry> seen = new HashMap<>();
        table.forEach((t, slot) -> seen.put(new UUID(t.keyMsb(slot), t.keyLsb(slot)), read(t, slot)));
        assertEquals(oracle, seen);
    }

    /**
     * Keys drawn from a fixed pool so that they repeat (updates, removes of present keys). Half
     * are random v4 UUIDs; half are structured keys that a weak hash would cluster: sequential
     * low bits, and keys that differ only in their top bits.
     */
    static final class KeyPool {
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

        static UUID randomV4(SplittableRandom random) {
            final long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            final long lsb = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
            return new UUID(msb, lsb);
        }
    }
}
