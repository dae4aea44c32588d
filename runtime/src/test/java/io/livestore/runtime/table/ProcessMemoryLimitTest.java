package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every native allocation counts against the process-wide limit, so that many allocations that
 * each fit cannot together pass it. Before, each allocation was compared with physical memory
 * alone, and a growth in a 1 GiB container was killed by the kernel instead of throwing.
 */
class ProcessMemoryLimitTest {

    private static final int MIB = 1 << 20;

    private final List<EntryTable> tables = new ArrayList<>();

    @AfterEach
    void tearDown() {
        tables.forEach(EntryTable::close);
        OffHeapMemory.limitForTests(Long.MAX_VALUE);
    }

    @Test
    void create_manyTablesThatEachFit_refusedOnceTheirSumPassesTheLimit() {
        final long held = OffHeapMemory.allocatedBytes();
        OffHeapMemory.limitForTests(held + 4L * MIB);
        // ~1 MiB each: four fit, the fifth would pass the 4 MiB left.
        final int entries = MIB / 64 / 2;
        final MemoryLimitExceededException e = assertThrows(MemoryLimitExceededException.class, () -> {
            for (int i = 0; i < 10; i++) {
                tables.add(EntryTable.create(8, entries));
            }
        });
        assertEquals(3, tables.size(), "tables of " + EntryTable.bytesFor(EntryTable.capacityFor(entries), 8) + " bytes");
        assertTrue(e.getMessage().startsWith("native memory limit of the process exceeded: an entry table of "),
                e.getMessage());
        assertEquals(held + 4L * MIB, e.limit());
        assertTrue(OffHeapMemory.allocatedBytes() <= held + 4L * MIB, "held more than the limit");
    }

    @Test
    void put_growthOfAnUnbudgetedTable_isRefusedAndTheTableStaysUsable() {
        final EntryTable table = EntryTable.create(8, 0);
        tables.add(table);
        OffHeapMemory.limitForTests(OffHeapMemory.allocatedBytes() + 64 * 1024);
        final MemoryLimitExceededException e = assertThrows(MemoryLimitExceededException.class, () -> {
            for (long i = 0; i < 100_000; i++) {
                table.put(i, i, 0, 0, 0, 8);
            }
        });
        assertTrue(e.getMessage().contains("needs"), e.getMessage());
        final int size = table.size();
        for (long i = 0; i < size; i++) {
            assertTrue(table.contains(i, i));
        }
    }

    @Test
    void free_givesBytesBackToTheProcessLimit() {
        final long held = OffHeapMemory.allocatedBytes();
        OffHeapMemory.limitForTests(held + 2L * MIB);
        for (int i = 0; i < 10; i++) {
            try (EntryTable t = EntryTable.create(8, MIB / 64 / 2)) {
                assertTrue(t.capacity() > 0);
            }
        }
        assertEquals(held, OffHeapMemory.processBudget().used());
    }

    @Test
    void storeBudget_refusalGivesNothingToTheProcessLimit() {
        final long used = OffHeapMemory.processBudget().used();
        assertThrows(MemoryLimitExceededException.class, () -> EntryTableCopy.create(8, 1000, MemoryBudget.of(1024)));
        assertEquals(used, OffHeapMemory.processBudget().used());
    }
}
