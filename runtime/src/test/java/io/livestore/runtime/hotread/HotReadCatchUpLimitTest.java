package io.livestore.runtime.hotread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A HotRead with a catch-up limit applies at most that many actions per call, in whole batches,
 * publishes progress only when it is ahead of what readers see, and loses or reorders nothing.
 */
class HotReadCatchUpLimitTest {

    private final HotRead<Table, TableUpdate> table = HotRead.create(new Table(), 3);

    @Test
    void create_refusesALimitBelowOne() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HotRead.create(new Table(), 0));
        assertTrue(e.getMessage().contains("catchUpLimit=0"), e.getMessage());
    }

    @Test
    void afterALongHold_eachCallAppliesAtMostTheLimit_andPublishesOnlyProgress() {
        final HotReadHandle<Table> reader = table.createHandle();
        reader.current(); // holds generation 0 (copy 0)
        table.queueUpdate(new TableUpdate.Set(0, 0)); // copy 1 is free: generation 1
        for (long k = 1; k <= 10; k++) {
            table.queueUpdate(new TableUpdate.Set(k, k)); // copy 0 is held: queued
        }
        assertEquals(1, table.generation());
        reader.current(); // moves on to generation 1; copy 0 is free again

        // Copy 0 lacks Set(0) (already published) and Set(1..10): 11 actions, 3 per call.
        final List<Long> published = new ArrayList<>();
        MaintainResult r;
        int calls = 0;
        do {
            r = table.maintain();
            calls++;
            assertFalse(r.blockedByWorkers());
            assertTrue(r.appliedActions() <= 3, "applied " + r.appliedActions() + " in one call: " + r);
            final Map<Long, Long> seen = reader.current().values();
            published.add((long) seen.size());
            assertEquals(expected(seen.size() - 1), seen, "readers see a prefix of the writes, in order");
        } while (!r.caughtUp());
        // Copy 0 applies 11 actions, copy 1 the 10 it lacks: 21 at 3 per call.
        assertEquals(expected(10), reader.current().values());
        assertEquals(0, r.pendingActions());
        assertTrue(calls >= 7, "21 actions cannot take fewer than 7 calls of 3: " + calls);
        for (int i = 1; i < published.size(); i++) {
            assertTrue(published.get(i) >= published.get(i - 1), "what readers see never goes back: " + published);
        }
        // Both copies now hold everything: the next write applies only itself and is published.
        table.queueUpdate(new TableUpdate.Set(11, 11));
        assertEquals(11L, reader.current().values().get(11L));
        assertTrue(table.maintain().caughtUp());
        assertEquals(table.copyOf(0).values(), table.copyOf(1).values());
    }

    @Test
    void aBatchLargerThanTheLimit_isAppliedAndPublishedWhole() {
        final HotReadHandle<Table> reader = table.createHandle();
        final List<TableUpdate> batch = new ArrayList<>();
        for (long k = 0; k < 7; k++) {
            batch.add(new TableUpdate.Set(k, k));
        }
        table.queueUpdates(batch);
        assertEquals(7, reader.current().values().size(), "all or nothing, whatever the limit");
    }

    @Test
    void aCatchUpStepThatWouldEndInsideABatch_goesOnToItsEnd() {
        final HotReadHandle<Table> reader = table.createHandle();
        reader.current(); // holds generation 0 (copy 0)
        table.queueUpdate(new TableUpdate.Set(0, 0)); // generation 1 (copy 1)
        table.queueUpdate(new TableUpdate.Set(1, 1)); // copy 0 is held: queued from here on
        table.queueUpdate(new TableUpdate.Set(2, 2));
        table.queueUpdates(List.of(new TableUpdate.Set(100, 1), new TableUpdate.Set(101, 1),
                new TableUpdate.Set(102, 1), new TableUpdate.Set(103, 1)));
        table.queueUpdate(new TableUpdate.Set(3, 3));
        reader.current(); // generation 1: copy 0 is free
        MaintainResult r;
        boolean sawBatch = false;
        do {
            r = table.maintain();
            final Map<Long, Long> seen = reader.current().values();
            final long fromBatch = seen.keySet().stream().filter(k -> k >= 100).count();
            assertTrue(fromBatch == 0 || fromBatch == 4, "half a batch published: " + seen);
            if (fromBatch == 4 && !sawBatch) {
                sawBatch = true;
                assertTrue(r.appliedActions() > 3, "the step that reached the batch went on to its end: " + r);
            }
        } while (!r.caughtUp());
        assertEquals(8, reader.current().values().size());
    }

    @Test
    void writesDuringACatchUp_helpIt_andAreVisibleOnceItEnds() {
        final HotReadHandle<Table> reader = table.createHandle();
        reader.current();
        table.queueUpdate(new TableUpdate.Set(0, 0));
        for (long k = 1; k <= 20; k++) {
            table.queueUpdate(new TableUpdate.Set(k, k));
        }
        reader.quiescent();
        final Map<Long, Long> model = new HashMap<>(expected(20));
        for (long k = 21; k <= 40; k++) {
            table.queueUpdate(new TableUpdate.Set(k, k)); // each applies 3 + 2 x its own action
            model.put(k, k);
        }
        while (!table.maintain().caughtUp()) {
            // finish it
        }
        assertEquals(model, reader.current().values());
        assertEquals(table.copyOf(0).values(), table.copyOf(1).values());
    }

    /**
     * Writes of batches larger than the limit, while a reader holds copies now and then: each
     * unblocked write covers its own batch twice over plus the limit, so the backlog a hold left
     * shrinks with every write instead of growing for as long as the writes come (with a plain
     * limit of 3 and batches of 5 it grew without end, and a stress run ran out of heap).
     */
    @Test
    void batchesLargerThanTheLimit_stillDrainTheBacklog() {
        final HotReadHandle<Table> reader = table.createHandle();
        reader.current();
        for (long k = 0; k < 200; k++) {
            table.queueUpdate(new TableUpdate.Set(k, k)); // held back: a backlog of ~200
        }
        reader.quiescent();
        long previousBacklog = Long.MAX_VALUE;
        for (long b = 0; b < 100; b++) {
            final List<TableUpdate> batch = new ArrayList<>();
            for (long k = 0; k < 5; k++) {
                batch.add(new TableUpdate.Set(1_000 + b * 5 + k, k));
            }
            table.queueUpdates(batch);
            final long unpublished = table.pendingActions();
            if (b % 2 == 1) { // every two writes, one per copy
                assertTrue(unpublished < previousBacklog || unpublished == 0,
                        "the backlog grew: " + previousBacklog + " -> " + unpublished);
                previousBacklog = unpublished;
            }
        }
        assertEquals(0, table.pendingActions(), "drained by the writes alone");
    }

    private static Map<Long, Long> expected(long upTo) {
        final Map<Long, Long> m = new HashMap<>();
        for (long k = 0; k <= upTo; k++) {
            m.put(k, k);
        }
        return m;
    }
}
