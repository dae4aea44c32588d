package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random writes to two {@link KeyIndex} copies over one {@link RecordArena}, as the store
 * will make them: each write takes a fresh record, points both copies at it, and frees the record
 * they pointed at before. Checked against a {@link HashMap} oracle: every lookup, the full content
 * of both copies, the copies byte-identical, and no record leaked ({@code arena.live()} equals the
 * number of keys). Keys include structured ones a weak hash clusters, and keys crafted to share
 * one full hash (every probe compares their keys in the arena).
 */
class ArenaIndexRandomizedTest {

    private static final int OPS = Integer.getInteger("livestore.table.randomOps", 1_000_000);
    private static final int VALUE_SIZE = 16;
    private static final int FULL_CHECK_EVERY = 100_000;

    /** One entry of the oracle: header fields and the two value longs. */
    record Entry(long version, long lastWrite, long expiry, long value0, long value1) {
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 77, 0xBADC0DE})
    void twoCopiesOverOneArena_matchHashMap(long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final UUID[] pool = pool(random);
        final Map<UUID, Entry> oracle = new HashMap<>();
        final MemoryBudget budget = MemoryBudget.unlimited();
        try (RecordArena arena = RecordArena.create(VALUE_SIZE, 0, budget);
                KeyIndex first = KeyIndex.create(arena, 0, budget);
                KeyIndex second = first.copy()) {
            for (int op = 0; op < OPS; op++) {
                final int phase = (op / 133_334) % 3;
                final int putPercent = phase == 0 ? 70 : phase == 1 ? 40 : 15;
                final UUID key = pool[random.nextInt(pool.length)];
                final long msb = key.getMostSignificantBits();
                final long lsb = key.getLeastSignificantBits();
                final int dice = random.nextInt(100);
                if (dice < putPercent) {
                    final Entry entry = new Entry(random.nextLong(), random.nextLong(), random.nextLong(),
                            random.nextLong(), random.nextLong());
                    final int ref = arena.allocate();
                    arena.writeHeader(ref, msb, lsb, entry.version(), entry.lastWrite(), entry.expiry());
                    final long value = arena.offset(ref) + RecordLayout.VALUE_OFFSET;
                    arena.bytes(ref).writeLong(value, entry.value0());
                    arena.bytes(ref).writeLong(value + 8, entry.value1());
                    final int old = first.put(msb, lsb, ref);
                    assertEquals(old, second.put(msb, lsb, ref), key.toString());
                    assertEquals(oracle.put(key, entry) == null, old == KeyIndex.NO_RECORD, key.toString());
                    if (old != KeyIndex.NO_RECORD) {
                        arena.free(old);
                    }
                } else if (dice < putPercent + 25) {
                    final int old = first.remove(msb, lsb);
                    assertEquals(old, second.remove(msb, lsb), key.toString());
                    assertEquals(oracle.remove(key) != null, old != KeyIndex.NO_RECORD, key.toString());
                    if (old != KeyIndex.NO_RECORD) {
                        arena.free(old);
                    }
                } else {
                    final int ref = first.find(msb, lsb);
                    final Entry expected = oracle.get(key);
                    assertEquals(expected, ref == KeyIndex.NO_RECORD ? null : read(arena, ref), key.toString());
                }
                if (random.nextInt(400_000) == 0) {
                    first.forEach(arena::free);
                    first.clear();
                    second.clear();
                    oracle.clear();
                }
                if (op % FULL_CHECK_EVERY == 0) {
                    assertSameContent(first, arena, oracle);
                    assertSameContent(second, arena, oracle);
                    assertIdentical(first, second);
                    assertEquals(oracle.size(), arena.live(), "records leaked or freed twice");
                }
            }
            assertSameContent(first, arena, oracle);
            assertIdentical(first, second);
            assertTrue(first.capacity() > KeyIndex.MIN_CAPACITY, "the run never grew the index");
            assertTrue(arena.capacity() > RecordArena.MIN_CHUNK_RECORDS, "the run never grew the arena");
        }
    }

    /** Random and structured keys (as the entry table's test), and 64 keys sharing one hash. */
    private static UUID[] pool(SplittableRandom random) {
        final KeyPool keys = new KeyPool(random, 200_000);
        final UUID[] pool = new UUID[200_064];
        for (int i = 0; i < 200_000; i++) {
            pool[i] = keys.pick(random);
        }
        for (int i = 0; i < 64; i++) {
            pool[200_000 + i] = CollidingKeys.withHash(0x1234_5678_9ABC_DEF0L, random.nextLong());
        }
        return pool;
    }

    static Entry read(RecordArena arena, int ref) {
        final long value = arena.offset(ref) + RecordLayout.VALUE_OFFSET;
        return new Entry(arena.readHeaderLong(ref, arena.layout().versionOffset()),
                arena.readHeaderLong(ref, arena.layout().lastWriteTimeOffset()),
                arena.readHeaderLong(ref, arena.layout().expiryDeadlineOffset()),
                arena.bytes(ref).readLong(value), arena.bytes(ref).readLong(value + 8));
    }

    static void assertSameContent(KeyIndex index, RecordArena arena, Map<UUID, Entry> oracle) {
        assertEquals(oracle.size(), index.size());
        final Map<UUID, Entry> seen = new HashMap<>();
        index.forEach(ref -> seen.put(new UUID(arena.readHeaderLong(ref, RecordLayout.KEY_MSB_OFFSET),
                arena.readHeaderLong(ref, RecordLayout.KEY_LSB_OFFSET)), read(arena, ref)));
        assertEquals(oracle, seen);
    }

    /** The slots {@link #assertIdentical} compares from {@code slotsAddress()}. */
    static int slotsCompared(KeyIndex a) {
        return a.slotsCapacity();
    }

    static void assertIdentical(KeyIndex a, KeyIndex b) {
        assertEquals(a.capacity(), b.capacity());
        assertEquals(a.slotsCapacity(), b.slotsCapacity());
        final long length = (long) slotsCompared(a) * KeyIndex.SLOT_SIZE;
        for (long i = 0; i < length; i += 8) {
            if (net.openhft.chronicle.core.UnsafeMemory.unsafeGetLong(a.slotsAddress() + i)
                    != net.openhft.chronicle.core.UnsafeMemory.unsafeGetLong(b.slotsAddress() + i)) {
                throw new AssertionError("copies differ at slot " + i / 8);
            }
        }
    }
}
