package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import net.openhft.chronicle.core.UnsafeMemory;
import org.junit.jupiter.api.Test;

/**
 * Small indexes through many growths, against a map checked in full after every write,
 * with keys whose tag is 0xFFFFFFFF (a tombstone's tag), one-hash keys whose runs wrap, clears and
 * copies in the middle of a growth, and two indexes compared in full (primary slots, the old slots
 * of a move, the cursor, the zeroing) after every write.
 */
class KeyIndexGrowthRandomizedTest {

    private static final MemoryBudget UNLIMITED = MemoryBudget.unlimited();

    @Test
    void smallIndexes_throughManyGrowths_matchAMap_andStayIdenticalInFull() throws Exception {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        for (int seed = 0; seed < 6; seed++) {
            run(seed);
        }
        assertEquals(allocatedBefore, OffHeapMemory.allocatedBytes(), "every slot freed once");
    }

    private static void run(int seed) throws Exception {
        final Random random = new Random(seed);
        final Map<UUID, Integer> model = new HashMap<>();
        final List<UUID> present = new ArrayList<>();
        int growingChecks = 0;
        try (RecordArena arena = RecordArena.create(8, 64, UNLIMITED)) {
            KeyIndex index = KeyIndex.create(arena, 0, UNLIMITED);
            KeyIndex copy = index.copy();
            try {
                for (int op = 0; op < 12_000; op++) {
                    final int dice = random.nextInt(1000);
                    if (dice < 2) {
                        index.clear();
                        copy.clear();
                        for (int ref : model.values()) {
                            arena.free(ref);
                        }
                        model.clear();
                        present.clear();
                    } else if (dice < 5 && index.isGrowing()) {
                        // A copy in the middle of a growth: both then take the same steps.
                        copy.close();
                        copy = index.copy();
                    } else if (dice < 560 || present.isEmpty()) {
                        final UUID key = newKey(random);
                        if (model.containsKey(key)) {
                            continue;
                        }
                        final int ref = record(arena, key);
                        assertEquals(KeyIndex.NO_RECORD, index.put(key.getMostSignificantBits(),
                                key.getLeastSignificantBits(), ref), "insert at " + op);
                        copy.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref);
                        model.put(key, ref);
                        present.add(key);
                    } else if (dice < 760) {
                        final UUID key = present.get(random.nextInt(present.size()));
                        final int ref = record(arena, key);
                        final int before = model.put(key, ref);
                        assertEquals(before, index.put(key.getMostSignificantBits(), key.getLeastSignificantBits(),
                                ref), "overwrite at " + op);
                        copy.put(key.getMostSignificantBits(), key.getLeastSignificantBits(), ref);
                        arena.free(before);
                    } else if (dice < 960) {
                        final int at = random.nextInt(present.size());
                        final UUID key = present.get(at);
                        present.set(at, present.get(present.size() - 1));
                        present.remove(present.size() - 1);
                        final int ref = model.remove(key);
                        assertEquals(ref, index.remove(key.getMostSignificantBits(), key.getLeastSignificantBits()),
                                "remove at " + op);
                        copy.remove(key.getMostSignificantBits(), key.getLeastSignificantBits());
                        arena.free(ref);
                    } else {
                        final UUID absent = newKey(random);
                        if (!model.containsKey(absent)) {
                            assertEquals(KeyIndex.NO_RECORD, index.remove(absent.getMostSignificantBits(),
                                    absent.getLeastSignificantBits()), "remove of an absent key at " + op);
                            copy.remove(absent.getMostSignificantBits(), absent.getLeastSignificantBits());
                        }
                    }
                    if (index.isGrowing()) {
                        growingChecks++;
                    }
                    assertEquals(model.size(), index.size(), "size at " + op);
                    for (Map.Entry<UUID, Integer> e : model.entrySet()) {
                        assertEquals(e.getValue(), index.find(e.getKey().getMostSignificantBits(),
                                e.getKey().getLeastSignificantBits()), "seed " + seed + " op " + op);
                    }
                    final List<Integer> visited = new ArrayList<>();
                    index.forEach(visited::add);
                    assertEquals(model.size(), visited.size(), "forEach at " + op);
                    assertEquals(new HashSet<>(model.values()), new HashSet<>(visited));
                    assertIdenticalInFull(index, copy, "seed " + seed + " op " + op);
                }
            } finally {
                index.close();
                copy.close();
            }
        }
        assertTrue(growingChecks > 100, "writes during growths: " + growingChecks);
    }

    /** Keys of three kinds: random; the tombstone's tag (home in the last slot); one shared hash. */
    private static UUID newKey(Random random) {
        final int kind = random.nextInt(10);
        if (kind == 0) {
            return CollidingKeys.withHash(0xFFFF_FFFF_0000_0000L | (random.nextInt() & 0xFFFF_FFFFL), random.nextLong());
        }
        if (kind == 1) {
            return CollidingKeys.withHash(0xFFFF_FFF0_1234_5678L, random.nextLong());
        }
        return new UUID(random.nextLong(), random.nextLong());
    }

    private static int record(RecordArena arena, UUID key) {
        final int ref = arena.allocate();
        arena.writeHeader(ref, key.getMostSignificantBits(), key.getLeastSignificantBits(), 1, 0, 0);
        return ref;
    }

    private static Object get(Object o, Class<?> type, String name) throws ReflectiveOperationException {
        final Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private static void assertIdenticalInFull(KeyIndex a, KeyIndex b, String where) throws ReflectiveOperationException {
        for (String field : new String[] {"size", "growAt", "moved", "zeroed"}) {
            if (field.equals("moved") && get(get(a, KeyIndex.class, "slots"), slotsClass(), "previous") == null) {
                continue; // meaningless between moves
            }
            if (field.equals("zeroed") && get(a, KeyIndex.class, "zeroing") == null) {
                continue; // meaningless between zeroings
            }
            assertEquals(get(a, KeyIndex.class, field), get(b, KeyIndex.class, field), field + " at " + where);
        }
        assertSameSlots(get(a, KeyIndex.class, "slots"), get(b, KeyIndex.class, "slots"), "primary at " + where);
        final Object pa = get(get(a, KeyIndex.class, "slots"), slotsClass(), "previous");
        final Object pb = get(get(b, KeyIndex.class, "slots"), slotsClass(), "previous");
        assertEquals(pa == null, pb == null, "moving at " + where);
        if (pa != null) {
            assertSameSlots(pa, pb, "old slots at " + where);
        }
        final Object za = get(a, KeyIndex.class, "zeroing");
        final Object zb = get(b, KeyIndex.class, "zeroing");
        assertEquals(za == null, zb == null, "zeroing at " + where);
        if (za != null) {
            assertEquals(get(za, slotsClass(), "capacity"), get(zb, slotsClass(), "capacity"), where);
        }
    }

    private static Class<?> slotsClass() {
        for (Class<?> c : KeyIndex.class.getDeclaredClasses()) {
            if (c.getSimpleName().equals("Slots")) {
                return c;
            }
        }
        throw new AssertionError("no Slots");
    }

    private static void assertSameSlots(Object sa, Object sb, String where) throws ReflectiveOperationException {
        final int capacity = (int) get(sa, slotsClass(), "capacity");
        assertEquals(capacity, get(sb, slotsClass(), "capacity"), where);
        final long aa = (long) get(sa, slotsClass(), "address");
        final long ab = (long) get(sb, slotsClass(), "address");
        for (int i = 0; i < capacity; i++) {
            final long ea = UnsafeMemory.unsafeGetLong(aa + 8L * i);
            final long eb = UnsafeMemory.unsafeGetLong(ab + 8L * i);
            if (ea != eb) {
                throw new AssertionError("slot " + i + " differs, " + where);
            }
        }
    }
}
