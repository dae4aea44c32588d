package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A value larger than the table's value area is refused on every put path. Before the check, a
 * 56-byte value written into 16-byte value areas overwrote the keys of the following slots.
 */
class ValueLengthTest {

    /** The size of the sample's PlayerLayout, which once lost keys in a 16-byte table. */
    private static final int PLAYER_SIZE = 56;

    @Test
    void put_valueLargerThanTheSlot_isRefusedNamingBothSizes() {
        try (EntryTable table = EntryTable.create(16, 1_000)) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> table.put(1, 1, 1, 0, 0, PLAYER_SIZE));
            assertEquals("a value of 56 bytes does not fit the value area of 16 bytes of this entry table"
                    + " (created with valueSize=16): create it with the value layout's size", e.getMessage());
            assertFalse(table.contains(1, 1), "a refused put must not insert the key");
            assertEquals(0, table.size());
        }
    }

    @Test
    void insertIfAbsent_valueLargerThanTheSlot_isRefused() {
        try (EntryTable table = EntryTable.create(16, 10)) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> table.insertIfAbsent(1, 1, 1, 0, 0, 17));
            assertTrue(e.getMessage().contains("17 bytes") && e.getMessage().contains("16 bytes"), e.getMessage());
            assertEquals(0, table.size());
            assertThrows(IllegalArgumentException.class, () -> table.insertIfAbsent(1, 1, 1, 0, 0, -1));
        }
    }

    @Test
    void appendPut_valueLargerThanTheSlot_isRefusedBeforeAppending() {
        final EntryTableCopy copy = EntryTableCopy.create(16, 10);
        try {
            final RedoLog log = copy.log();
            final long tail = log.tail();
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> log.appendPut(1, 1, 1, 0, 0, PLAYER_SIZE));
            assertEquals("a value of 56 bytes does not fit the value area of 16 bytes of this redo log"
                    + " (created with valueSize=16): create it with the value layout's size", e.getMessage());
            assertEquals(tail, log.tail(), "nothing appended");
        } finally {
            copy.release();
        }
    }

    @Test
    void put_valuesThatFill_theAreaExactly_keepEveryKey() {
        try (EntryTable table = EntryTable.create(PLAYER_SIZE, 0)) {
            for (long i = 0; i < 1_000; i++) {
                final long slot = table.put(i, ~i, 1, 0, 0, PLAYER_SIZE);
                final long value = table.valueOffset(slot, 0, PLAYER_SIZE);
                for (int b = 0; b < PLAYER_SIZE; b += 8) {
                    table.bytes().writeLong(value + b, -1L);
                }
            }
            for (long i = 0; i < 1_000; i++) {
                assertTrue(table.contains(i, ~i), "key " + i + " lost");
            }
            assertEquals(1_000, table.size());
        }
    }
}
