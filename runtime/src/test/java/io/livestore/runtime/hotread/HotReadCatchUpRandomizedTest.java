package io.livestore.runtime.hotread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Random batches (some empty, some whose iterator throws halfway), a reader that holds
 * and lets go at random, limits 1 to 7 (ring growth and wrap of the ActionLog included): what
 * readers see is always the writes up to a batch end, never goes back, and maintain() finishes.
 */
class HotReadCatchUpRandomizedTest {

    @Test
    void randomBatchesAndHolds_readersSeeWholeBatchPrefixes_andMaintainCatchesUp() {
        for (int seed = 0; seed < 12; seed++) {
            run(seed);
        }
    }

    private static void run(int seed) {
        final Random random = new Random(seed);
        final int limit = 1 + random.nextInt(7);
        final HotRead<Table, TableUpdate> hotRead = HotRead.create(new Table(), limit);
        final HotReadHandle<Table> holder = hotRead.createHandle();
        final HotReadHandle<Table> probe = hotRead.createHandle();
        final Set<Integer> batchEnds = new HashSet<>(List.of(0));
        long next = 0;
        int lastSeen = 0;
        for (int op = 0; op < 3_000; op++) {
            final int dice = random.nextInt(100);
            if (dice < 10) {
                holder.current();
            } else if (dice < 20) {
                holder.quiescent();
            } else if (dice < 45) {
                hotRead.queueUpdate(new TableUpdate.Set(next, next));
                next++;
                batchEnds.add((int) next);
            } else if (dice < 75) {
                final int n = random.nextInt(7);
                final List<TableUpdate> batch = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    batch.add(new TableUpdate.Set(next + i, next + i));
                }
                hotRead.queueUpdates(batch);
                next += n;
                batchEnds.add((int) next);
            } else if (dice < 85) {
                final int n = 1 + random.nextInt(6);
                final long first = next;
                final Iterable<TableUpdate> throwing = () -> new Iterator<>() {
                    int i;

                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public TableUpdate next() {
                        if (i == n) {
                            throw new NoSuchElementException("boom");
                        }
                        return new TableUpdate.Set(first + i, -1 - i++);
                    }
                };
                assertThrows(NoSuchElementException.class, () -> hotRead.queueUpdates(throwing));
            } else {
                hotRead.maintain();
            }
            final Map<Long, Long> seen = probe.current().values();
            final int size = seen.size();
            assertTrue(batchEnds.contains(size), "seed " + seed + " op " + op + ": readers see " + size
                    + " writes, not a batch end");
            for (long k = 0; k < size; k++) {
                assertEquals(k, seen.get(k), "seed " + seed + " op " + op + ": key " + k);
            }
            assertTrue(size >= lastSeen, "seed " + seed + ": what readers see went back");
            lastSeen = size;
            probe.quiescent();
        }
        holder.quiescent();
        MaintainResult r;
        int calls = 0;
        do {
            r = hotRead.maintain();
            calls++;
            assertTrue(calls < 1_000_000, "maintain never caught up");
        } while (!r.caughtUp());
        assertEquals(0, r.pendingActions());
        assertEquals(next, probe.current().values().size());
        probe.quiescent();
        holder.close();
        probe.close();
        hotRead.close();
    }
}
