package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecordArenaTest {

    private static final int VALUE_SIZE = 20;

    @Test
    void recordsAreDistinct_andFreedOnesAreReusedFirst() {
        try (RecordArena arena = RecordArena.create(VALUE_SIZE, 16, MemoryBudget.unlimited())) {
            assertEquals(64, arena.recordSize(), "40-byte header + 20-byte value, rounded to 8");
            final Set<Integer> refs = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                final int ref = arena.allocate();
                assertTrue(refs.add(ref), "handed out twice: " + ref);
                arena.writeHeader(ref, i, -i, 7, 8, 9);
            }
            assertEquals(100, arena.live());
            final int[] some = refs.stream().mapToInt(Integer::intValue).limit(3).toArray();
            for (int ref : some) {
                arena.free(ref);
            }
            assertEquals(97, arena.live());
            assertEquals(some[2], arena.allocate(), "the last freed record comes back first");
            assertEquals(some[1], arena.allocate());
            assertEquals(some[0], arena.allocate());
            assertNotEquals(some[0], arena.allocate());
        }
    }

    @Test
    void growsByChunks_thatNeverMove_andCountsEveryByte() {
        final MemoryBudget budget = MemoryBudget.unlimited();
        try (RecordArena arena = RecordArena.create(VALUE_SIZE, 16, budget)) {
            final int first = arena.allocate();
            arena.writeHeader(first, 1, 2, 3, 4, 5);
            final long firstAddress = arena.bytes(first).addressForRead(arena.offset(first));
            for (int i = 0; i < 100_000; i++) {
                arena.allocate();
            }
            assertTrue(arena.capacity() >= 100_001);
            assertTrue(arena.capacity() <= 100_001 * 9L / 8 + RecordArena.MIN_GROWTH_RECORDS,
                    "a grown arena holds at most an eighth unused (beyond the smallest chunk): " + arena);
            assertEquals(arena.nativeBytes(), budget.used());
            assertEquals(firstAddress, arena.bytes(first).addressForRead(arena.offset(first)), "a record moved");
            assertEquals(3, arena.readHeaderLong(first, arena.layout().versionOffset()));
        }
        assertEquals(0, budget.used(), "close gives every chunk back");
    }

    @Test
    void aChunkOverBudget_isRefused_andLeavesTheArenaAsItWas() {
        final long firstChunk = RecordArena.initialBytes(VALUE_SIZE, 16);
        final MemoryBudget budget = MemoryBudget.of(firstChunk + 100);
        try (RecordArena arena = RecordArena.create(VALUE_SIZE, 16, budget)) {
            for (int i = 0; i < 16; i++) {
                arena.allocate();
            }
            final MemoryLimitExceededException refused =
                    assertThrows(MemoryLimitExceededException.class, arena::allocate);
            assertTrue(refused.getMessage().contains("record chunk"), refused.getMessage());
            assertEquals(16, arena.live());
            arena.free(3);
            assertEquals(3, arena.allocate(), "still usable after a refusal");
        }
    }

    @Test
    void referencesNeverHandedOut_areRefused_withTheReference() {
        try (RecordArena arena = RecordArena.create(VALUE_SIZE, 16, MemoryBudget.unlimited())) {
            arena.allocate();
            assertTrue(assertThrows(IndexOutOfBoundsException.class, () -> arena.free(5)).getMessage()
                    .contains("record 5"));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.bytes(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.bytes(1 << 30));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.readHeaderLong(0, RecordLayout.VALUE_OFFSET));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.readHeaderLong(0, 3));
            assertThrows(IndexOutOfBoundsException.class, () -> arena.writeHeader(1, 0, 0, 0, 0, 0));
        }
    }

    @Test
    void aClosedArena_throws_andCloseIsIdempotent() {
        final RecordArena arena = RecordArena.create(VALUE_SIZE, 16, MemoryBudget.unlimited());
        final int ref = arena.allocate();
        arena.close();
        arena.close();
        assertTrue(arena.isClosed());
        assertThrows(IllegalStateException.class, arena::allocate);
        assertThrows(IllegalStateException.class, () -> arena.free(ref));
        assertThrows(IllegalStateException.class, () -> arena.bytes(ref));
        assertThrows(IllegalStateException.class, () -> arena.readHeaderLong(ref, 0));
        assertThrows(IllegalStateException.class, arena::live);
        assertEquals("RecordArena[closed]", arena.toString());
    }

    @Test
    void badArguments_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> RecordArena.create(-1, 16, MemoryBudget.unlimited()));
        assertThrows(IllegalArgumentException.class, () -> RecordArena.create(8, -1, MemoryBudget.unlimited()));
        assertThrows(NullPointerException.class, () -> RecordArena.create(8, 16, null));
    }

    /**
     * A value that fills its area exactly stays inside its record: before arenas, a 56-byte value
     * written into a table of 16-byte value areas overwrote the keys of the following slots.
     */
    @Test
    void valuesThatFillTheirAreaExactly_leaveEveryOtherRecordIntact() {
        final int playerSize = 56; // the sample's PlayerLayout
        final MemoryBudget budget = MemoryBudget.unlimited();
        try (RecordArena arena = RecordArena.create(playerSize, 0, budget);
                KeyIndex index = KeyIndex.create(arena, 0, budget)) {
            for (long i = 0; i < 10_000; i++) {
                final int ref = arena.allocate();
                arena.writeHeader(ref, i, ~i, i, 0, 0);
                final long value = arena.offset(ref) + RecordLayout.VALUE_OFFSET;
                for (int b = 0; b < playerSize; b += 8) {
                    arena.bytes(ref).writeLong(value + b, -1L);
                }
                index.put(i, ~i, ref);
            }
            for (long i = 0; i < 10_000; i++) {
                final int ref = index.find(i, ~i);
                assertTrue(ref >= 0, "key " + i + " lost");
                assertEquals(i, arena.readHeaderLong(ref, arena.layout().versionOffset()), "header of key " + i);
            }
        }
    }

    @Test
    void layout_putsTheValueRightAfterTheKey_andTheHeaderAfterTheAlignedValue() {
        final RecordLayout sixteen = RecordLayout.forValueSize(16);
        assertEquals(16, RecordLayout.VALUE_OFFSET);
        assertEquals(32, sixteen.versionOffset());
        assertEquals(40, sixteen.lastWriteTimeOffset());
        assertEquals(48, sixteen.expiryDeadlineOffset());
        assertEquals(56, sixteen.recordSize());
        final RecordLayout twelve = RecordLayout.forValueSize(12); // padded to 16
        assertEquals(32, twelve.versionOffset());
        assertEquals(56, twelve.recordSize());
        assertEquals(RecordLayout.recordSize(12), twelve.recordSize());
        final RecordLayout none = RecordLayout.forValueSize(0);
        assertEquals(16, none.versionOffset());
        assertEquals(RecordLayout.OVERHEAD, none.recordSize());
        assertTrue(twelve.isKeyOrHeaderLong(RecordLayout.KEY_LSB_OFFSET));
        assertTrue(twelve.isKeyOrHeaderLong(48));
        assertFalse(twelve.isKeyOrHeaderLong(RecordLayout.VALUE_OFFSET), "the value is not a header long");
        assertFalse(twelve.isKeyOrHeaderLong(56), "past the record");
        assertThrows(IllegalArgumentException.class, () -> RecordLayout.forValueSize(RecordLayout.MAX_VALUE_SIZE + 1));
    }

    @Test
    void recordSize_refusesValuesOutsideItsRange_namingTheSize() {
        assertEquals(4096, RecordLayout.recordSize(RecordLayout.MAX_VALUE_SIZE));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordLayout.recordSize(RecordLayout.MAX_VALUE_SIZE + 1));
        assertEquals("valueSize=4057 is outside [0, 4056]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RecordLayout.recordSize(-1));
    }
}
