package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import io.livestore.runtime.hotread.MaintainResult;
import org.junit.jupiter.api.Test;

/**
 * Promised index growth with incremental growth and a bounded catch-up. The store's budget
 * and the process-wide counter move together (every byte counted in both, promises included), the
 * budget holds exactly the native bytes once both copies caught up, and everything comes back
 * exactly once on close, whether the copies caught up or one still lagged behind a reader.
 */
class PromisedGrowthAccountingTest {

    @Test
    void caughtUp_budgetEqualsNativeBytes_andCloseGivesEverythingBack() {
        run(false);
    }

    @Test
    void closedWhileACopyLagsWithPromisesOutstanding_givesEverythingBackOnce() {
        run(true);
    }

    private static void run(boolean closeWhileHeld) {
        final long processBefore = OffHeapMemory.allocatedBytes();
        final MemoryBudget budget = MemoryBudget.of(1L << 30);
        final IndexCopy initial = IndexCopy.create(16, 0, budget);
        final IndexLog log = initial.log();
        final Random random = new Random(7);
        int size = 0;
        int capacity = KeyIndex.capacityFor(0);
        final HotRead<IndexCopy, Replay> hotRead = HotRead.create(initial, 5);
        final HotReadHandle<IndexCopy> reader = hotRead.createHandle();
        try {
            for (int round = 0; round < 6; round++) {
                reader.current(); // holds a copy through a burst of inserts: the other copy lags
                for (int i = 0; i < 3_000; i++) {
                    final int after = KeyIndex.capacityAfterInsert(capacity, size);
                    if (after != capacity) {
                        log.promiseIndexGrowth(after, "test");
                    }
                    log.appendPut(random.nextLong(), random.nextLong(), 1, 0, 0);
                    hotRead.queueUpdate(log.commit());
                    size++;
                    capacity = after;
                    assertEquals(budget.used(), OffHeapMemory.allocatedBytes() - processBefore,
                            "budget and process counter move together");
                }
                if (closeWhileHeld && round == 5) {
                    break;
                }
                reader.quiescent();
                MaintainResult r;
                do {
                    r = hotRead.maintain();
                } while (!r.caughtUp());
                final IndexCopy a = reader.current();
                assertEquals(size, a.index().size());
                assertEquals(capacity, a.index().capacity());
                reader.quiescent();
            }
            if (!closeWhileHeld) {
                // Caught up: no promise left, the budget holds the native bytes of what exists.
                final IndexCopy a = reader.current();
                reader.quiescent();
                long indexes = 0;
                // Both copies: the published one and, through a second handle after a no-op, the other.
                indexes += a.index().nativeBytes();
                hotRead.queueUpdate(log.commit()); // empty batch: publishes the other copy
                final IndexCopy b = reader.current();
                assertTrue(a != b);
                indexes += b.index().nativeBytes();
                final long held = log.capacityBytes() + b.arena().nativeBytes(); // the no-op may shrink the ring
                reader.quiescent();
                assertEquals(held + indexes, budget.used(), "no promise left once both copies caught up");
            }
        } finally {
            hotRead.close();
            assertTrue(closeWhileHeld == (budget.used() > 0), "a held copy is released only when its reader lets go");
            reader.close();
        }
        assertEquals(0, budget.used(), "budget given back exactly once");
        assertEquals(processBefore, OffHeapMemory.allocatedBytes(), "process-wide counter given back exactly once");
    }
}
