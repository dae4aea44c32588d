package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class KeyIndexTest {

    private static final MemoryBudget UNLIMITED = MemoryBudget.unlimited();

    /** Puts a key into the index with a fresh record holding it. */
    private static int put(RecordArena arena, KeyIndex index, UUID key) {
        final int ref = arena.allocate();
        arena.writeHeader(ref, key.getMostSignificantBits(), key.getLeastSignificantBits(), 1, 0, 0);
        assertEquals(KeyIndex.NO_RECORD, index.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref));
        return ref;
    }

    private static int find(KeyIndex index, UUID key) {
        return index.find(key.getMostSignificantBits(), key.getLeastSignificantBits());
    }

    @Test
    void keysSharingOneHash_areToldApartByTheirRecords_throughRemovesThatWrapAround() {
        // A hash whose top bits are all ones has its home in the last slot: the run wraps to slot 0.
        final long lastSlotHash = 0xFFFF_FFFF_0000_0001L;
        final Random random = new Random(5);
        try (RecordArena arena = RecordArena.create(8, 64, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 64, UNLIMITED)) {
            final List<UUID> keys = new ArrayList<>();
            final List<Integer> refs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                final UUID key = CollidingKeys.withHash(lastSlotHash, random.nextLong());
                keys.add(key);
                refs.add(put(arena, index, key));
            }
            final UUID stranger = CollidingKeys.withHash(lastSlotHash, random.nextLong());
            assertEquals(KeyIndex.NO_RECORD, find(index, stranger), "same tag, another key");
            final List<Integer> order = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            for (int n = 0; n < order.size(); n++) {
                final int removed = order.get(n);
                assertEquals(refs.get(removed), index.remove(keys.get(removed).getMostSignificantBits(),
                        keys.get(removed).getLeastSignificantBits()));
                for (int m = n + 1; m < order.size(); m++) {
                    final int kept = order.get(m);
                    assertEquals(refs.get(kept), find(index, keys.get(kept)), "lost after a shift: " + keys.get(kept));
                }
                assertEquals(KeyIndex.NO_RECORD, find(index, keys.get(removed)));
            }
            assertEquals(0, index.size());
        }
    }

    @Test
    void put_replacesTheRecord_andReturnsTheOldOne() {
        try (RecordArena arena = RecordArena.create(8, 16, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 16, UNLIMITED)) {
            final UUID key = UUID.randomUUID();
            final int first = put(arena, index, key);
            final int second = arena.allocate();
            arena.writeHeader(second, key.getMostSignificantBits(), key.getLeastSignificantBits(), 2, 0, 0);
            assertEquals(first, index.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), second));
            assertEquals(second, find(index, key));
            assertEquals(1, index.size());
            assertThrows(IndexOutOfBoundsException.class, () -> index.put(1, 2, -1));
            // A reference the arena never handed out would send later probes outside its chunks.
            assertThrows(IndexOutOfBoundsException.class, () -> index.put(1, 2, 1 << 21));
            assertThrows(IndexOutOfBoundsException.class, () -> index.put(1, 2, second + 1));
        }
    }

    @Test
    void growth_keepsEveryKey_andCopiesStayIdentical() {
        final MemoryBudget budget = MemoryBudget.unlimited();
        try (RecordArena arena = RecordArena.create(8, 16, budget);
                KeyIndex index = KeyIndex.create(arena, 0, budget);
                KeyIndex copy = index.copy()) {
            final List<UUID> keys = new ArrayList<>();
            final Random random = new Random(9);
            for (int i = 0; i < 50_000; i++) {
                final UUID key = new UUID(random.nextLong(), random.nextLong());
                keys.add(key);
                final int ref = put(arena, index, key);
                assertEquals(KeyIndex.NO_RECORD, copy.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref));
            }
            assertTrue(index.capacity() > 50_000 && (long) index.size() * 100 <= (long) index.capacity()
                    * KeyIndex.MAX_LOAD_PERCENT, index.toString());
            for (UUID key : keys) {
                assertTrue(find(index, key) >= 0, key.toString());
            }
            ArenaIndexRandomizedTest.assertIdentical(index, copy);
            assertEquals(2 * index.nativeBytes() + arena.nativeBytes(), budget.used());
        }
        assertEquals(0, budget.used());
    }

    /**
     * Growth is incremental (new slots zeroed a page per write, then old entries moved a few slots
     * per write, tombstones where a key not moved yet is written again): against a map, through
     * several growths, with overwrites, removes and keys that share one hash (long runs that wrap),
     * every key stays found, a removed one never comes back, and two indexes given the same writes
     * stay identical at every step.
     */
    @Test
    void duringIncrementalGrowth_keysStayFound_removedKeysStayGone_andCopiesStayIdentical() {
        final long sharedHash = 0xFFFF_FFF0_1234_5678L; // home near the end: runs wrap to slot 0
        final Random random = new Random(31);
        final Map<UUID, Integer> model = new HashMap<>();
        final List<UUID> present = new ArrayList<>();
        int growingWrites = 0;
        try (RecordArena arena = RecordArena.create(8, 16, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 0, UNLIMITED);
                KeyIndex copy = index.copy()) {
            for (int op = 0; op < 60_000; op++) {
                final int dice = random.nextInt(100);
                if (dice < 55 || present.isEmpty()) {
                    final UUID key = random.nextInt(10) == 0 ? CollidingKeys.withHash(sharedHash, random.nextLong())
                            : new UUID(random.nextLong(), random.nextLong());
                    final int ref = record(arena, key);
                    assertEquals(KeyIndex.NO_RECORD, index.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref));
                    copy.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref);
                    model.put(key, ref);
                    present.add(key);
                } else if (dice < 75) {
                    final UUID key = present.get(random.nextInt(present.size()));
                    final int ref = record(arena, key);
                    final int before = model.put(key, ref);
                    assertEquals(before, index.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref),
                            "overwrite of " + key + " at write " + op);
                    copy.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref);
                    arena.free(before);
                } else if (dice < 95) {
                    final int at = random.nextInt(present.size());
                    final UUID key = present.get(at);
                    present.set(at, present.get(present.size() - 1));
                    present.remove(present.size() - 1);
                    final int ref = model.remove(key);
                    assertEquals(ref, index.remove(key.getMostSignificantBits(), key.getLeastSignificantBits()),
                            "remove of " + key + " at write " + op);
                    copy.remove(key.getMostSignificantBits(), key.getLeastSignificantBits());
                    assertEquals(KeyIndex.NO_RECORD, find(index, key), "removed " + key + " found again");
                    arena.free(ref);
                } else {
                    final UUID absent = new UUID(random.nextLong(), random.nextLong());
                    assertEquals(KeyIndex.NO_RECORD, index.remove(absent.getMostSignificantBits(),
                            absent.getLeastSignificantBits()));
                    copy.remove(absent.getMostSignificantBits(), absent.getLeastSignificantBits());
                }
                if (index.isGrowing()) {
                    growingWrites++;
                }
                assertEquals(model.size(), index.size());
                for (int i = 0; i < 4 && !present.isEmpty(); i++) {
                    final UUID key = present.get(random.nextInt(present.size()));
                    assertEquals(model.get(key), find(index, key), key + " at write " + op);
                }
                if (op % 1_009 == 0 || op == 59_999) {
                    for (Map.Entry<UUID, Integer> e : model.entrySet()) {
                        assertEquals(e.getValue(), find(index, e.getKey()), e.getKey() + " at write " + op);
                    }
                    final List<Integer> visited = new ArrayList<>();
                    index.forEach(visited::add);
                    assertEquals(model.size(), visited.size(), "forEach visits each entry once");
                    assertEquals(new HashSet<>(model.values()), new HashSet<>(visited));
                    ArenaIndexRandomizedTest.assertIdentical(index, copy);
                }
            }
            assertTrue(index.capacity() > 16 * 8, "grew several times: " + index);
        }
        assertTrue(growingWrites > 1_000, "writes landed while a growth was under way: " + growingWrites);
    }

    private static int record(RecordArena arena, UUID key) {
        final int ref = arena.allocate();
        arena.writeHeader(ref, key.getMostSignificantBits(), key.getLeastSignificantBits(), 1, 0, 0);
        return ref;
    }

    @Test
    void capacityAfterInsert_predictsGrowth() {
        try (RecordArena arena = RecordArena.create(8, 16, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 0, UNLIMITED)) {
            final Random random = new Random(1);
            for (int i = 0; i < 5_000; i++) {
                final int predicted = KeyIndex.capacityAfterInsert(index.capacity(), index.size());
                put(arena, index, new UUID(random.nextLong(), random.nextLong()));
                assertEquals(predicted, index.capacity());
            }
        }
    }

    @Test
    void aVisitorThatChangesTheKeys_stopsTheWalk() {
        try (RecordArena arena = RecordArena.create(8, 16, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 16, UNLIMITED)) {
            final UUID a = UUID.randomUUID();
            put(arena, index, a);
            put(arena, index, UUID.randomUUID());
            assertThrows(ConcurrentModificationException.class,
                    () -> index.forEach(ref -> index.remove(a.getMostSignificantBits(), a.getLeastSignificantBits())));
            assertThrows(ConcurrentModificationException.class,
                    () -> index.forEach(ref -> put(arena, index, UUID.randomUUID())));
        }
    }

    @Test
    void aClosedIndex_throws_andGivesItsBytesBack() {
        final MemoryBudget budget = MemoryBudget.unlimited();
        try (RecordArena arena = RecordArena.create(8, 16, budget)) {
            final KeyIndex index = KeyIndex.create(arena, 1000, budget);
            index.close();
            index.close();
            assertEquals(arena.nativeBytes(), budget.used());
            assertThrows(IllegalStateException.class, () -> index.find(1, 2));
            assertThrows(IllegalStateException.class, () -> index.put(1, 2, 0));
            assertThrows(IllegalStateException.class, () -> index.remove(1, 2));
            assertThrows(IllegalStateException.class, index::copy);
            assertEquals("KeyIndex[closed]", index.toString());
            assertThrows(IllegalArgumentException.class, () -> KeyIndex.create(arena, -1, budget));
        }
    }

    @Test
    void anEmptyIndex_findsNothing_andRemovingAnAbsentKeyChangesNothing() {
        try (RecordArena arena = RecordArena.create(8, 16, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 16, UNLIMITED)) {
            assertEquals(KeyIndex.NO_RECORD, index.find(1, 2));
            final UUID present = UUID.randomUUID();
            put(arena, index, present);
            assertEquals(KeyIndex.NO_RECORD, index.remove(1, 2));
            assertEquals(1, index.size());
            assertTrue(find(index, present) >= 0);
        }
    }

    @Test
    void forEach_visitsEachEntryOnce_afterRemovesAndShifts() {
        try (RecordArena arena = RecordArena.create(8, 16, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 0, UNLIMITED)) {
            final Random random = new Random(3);
            final List<UUID> keys = new ArrayList<>();
            final java.util.Set<Integer> expected = new java.util.HashSet<>();
            for (int i = 0; i < 2_000; i++) {
                final UUID key = new UUID(random.nextLong(), random.nextLong());
                keys.add(key);
                expected.add(put(arena, index, key));
            }
            for (int i = 0; i < 2_000; i += 3) {
                final UUID key = keys.get(i);
                expected.remove(index.remove(key.getMostSignificantBits(), key.getLeastSignificantBits()));
            }
            final java.util.Set<Integer> seen = new java.util.HashSet<>();
            index.forEach(ref -> assertTrue(seen.add(ref), "visited twice: " + ref));
            assertEquals(expected, seen);
        }
    }

    @Test
    void forEach_aVisitorThatClearsOrRemovesThenInserts_isDetected() {
        try (RecordArena arena = RecordArena.create(8, 16, UNLIMITED);
                KeyIndex index = KeyIndex.create(arena, 16, UNLIMITED)) {
            final UUID a = UUID.randomUUID();
            put(arena, index, a);
            put(arena, index, UUID.randomUUID());
            // Same size afterwards: only the modification count can tell.
            assertThrows(ConcurrentModificationException.class, () -> index.forEach(ref -> {
                index.remove(a.getMostSignificantBits(), a.getLeastSignificantBits());
                put(arena, index, a);
            }));
            assertThrows(ConcurrentModificationException.class, () -> index.forEach(ref -> index.clear()));
        }
    }

    @Test
    void slots_startOnACacheLine() {
        try (RecordArena arena = RecordArena.create(8, 16, UNLIMITED)) {
            for (int entries : new int[] {0, 1, 100, 10_000}) {
                try (KeyIndex index = KeyIndex.create(arena, entries, UNLIMITED)) {
                    assertEquals(0, index.slotsAddress() % 64, "index for " + entries + " entries");
                }
            }
        }
    }

    @Test
    void create_anImpossibleEntryCount_isRefusedNamingIt() {
        try (RecordArena arena = RecordArena.create(8, 16, UNLIMITED)) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KeyIndex.create(arena, KeyIndex.MAX_ENTRIES + 1, UNLIMITED));
            assertEquals("expectedEntries=" + (KeyIndex.MAX_ENTRIES + 1) + " is outside [0, " + KeyIndex.MAX_ENTRIES
                    + "]", e.getMessage());
        }
    }
}
