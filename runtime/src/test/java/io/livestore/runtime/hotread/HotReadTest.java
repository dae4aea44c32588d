package io.livestore.runtime.hotread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Single-threaded behaviour of {@link HotRead} and {@link HotReadHandle}. */
class HotReadTest {

    private final HotRead<Table, TableUpdate> table = HotRead.create(new Table());

    @Test
    void current_seesQueuedUpdate_seedExample() {
        HotReadHandle<Table> reader = table.createHandle();
        table.queueUpdate(new TableUpdate.Set(1, 42));
        assertEquals(42L, reader.current().values().get(1L));
        MaintainResult r = table.maintain();
        assertFalse(r.blockedByWorkers());
    }

    @Test
    void queueUpdate_publishesAtOnce_whenNoHandleHoldsInactiveCopy() {
        HotReadHandle<Table> reader = table.createHandle();
        reader.current();
        table.queueUpdate(new TableUpdate.Set(1, 1));
        assertEquals(1, table.generation());
        assertEquals(Map.of(1L, 1L), reader.current().values());
    }

    @Test
    void queueUpdate_staleHandle_blocksPublicationUntilItMovesOn() {
        HotReadHandle<Table> stale = table.createHandle();
        Table held = stale.current(); // holds generation 0
        table.queueUpdate(new TableUpdate.Set(1, 1)); // copy 1 is free: published as generation 1
        Map<Long, Long> snapshot = Map.copyOf(held.values());
        table.queueUpdate(new TableUpdate.Set(2, 2)); // needs copy 0, which `stale` holds

        assertEquals(1, table.generation());
        MaintainResult blocked = table.maintain();
        assertTrue(blocked.blockedByWorkers());
        assertEquals(1, blocked.blockingHandles());
        assertEquals(0, blocked.appliedActions());
        assertEquals(1, blocked.pendingActions());
        assertEquals(snapshot, held.values(), "a held copy is never written");

        assertEquals(Map.of(1L, 1L), stale.current().values()); // moves on to generation 1
        MaintainResult done = table.maintain();
        assertFalse(done.blockedByWorkers());
        assertEquals(2, done.appliedActions(), "the catch-up of Set(1) and the new Set(2)");
        assertEquals(1, done.publishedActions());
        assertEquals(0, done.pendingActions());
        assertEquals(2, done.generation());
        assertEquals(Map.of(1L, 1L, 2L, 2L), stale.current().values());
    }

    @Test
    void maintain_countsEveryBlockingHandle() {
        List<HotReadHandle<Table>> readers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HotReadHandle<Table> h = table.createHandle();
            h.current();
            readers.add(h);
        }
        HotReadHandle<Table> idle = table.createHandle();
        table.queueUpdate(new TableUpdate.Set(1, 1));
        table.queueUpdate(new TableUpdate.Set(2, 2));
        assertEquals(3, table.maintain().blockingHandles());
        readers.get(0).current();
        assertEquals(2, table.maintain().blockingHandles());
        readers.get(1).quiescent();
        readers.get(2).close();
        assertTrue(table.maintain().published());
        idle.close();
    }

    @Test
    void quiescent_unblocksWriter() {
        HotReadHandle<Table> reader = table.createHandle();
        reader.current();
        table.queueUpdate(new TableUpdate.Set(1, 1));
        table.queueUpdate(new TableUpdate.Set(2, 2));
        assertTrue(table.maintain().blockedByWorkers());
        reader.quiescent();
        reader.quiescent(); // idempotent
        MaintainResult r = table.maintain();
        assertTrue(r.published());
        assertEquals(Map.of(1L, 1L, 2L, 2L), reader.current().values());
    }

    @Test
    void close_unblocksWriter_andLaterCurrentThrows() {
        HotReadHandle<Table> reader = table.createHandle();
        reader.current();
        table.queueUpdate(new TableUpdate.Set(1, 1));
        table.queueUpdate(new TableUpdate.Set(2, 2));
        assertEquals(1, table.openHandles());
        reader.close();
        reader.close(); // idempotent
        assertEquals(0, table.openHandles());
        assertTrue(table.maintain().published());
        IllegalStateException e = assertThrows(IllegalStateException.class, reader::current);
        assertEquals("this HotReadHandle is closed", e.getMessage());
        reader.quiescent(); // allowed, does nothing
    }

    @Test
    @Timeout(60)
    void abandonedHandle_stopsBlockingWriter_onceCollected() throws InterruptedException {
        holdGenerationZeroInAnUnreachableHandle();
        table.queueUpdate(new TableUpdate.Set(1, 1));
        table.queueUpdate(new TableUpdate.Set(2, 2));
        MaintainResult r = table.maintain();
        while (!r.published()) {
            assertEquals(1, r.blockingHandles());
            System.gc();
            Thread.sleep(10);
            r = table.maintain();
        }
        assertEquals(0, table.openHandles());
        assertEquals(Map.of(1L, 1L, 2L, 2L), table.createHandle().current().values());
    }

    private void holdGenerationZeroInAnUnreachableHandle() {
        table.createHandle().current();
    }

    @Test
    void handleSlots_areUnlinkedWhenClosed_soScansVisitOnlyOpenHandles() {
        HotReadHandle<Table> kept = table.createHandle();
        for (int i = 0; i < 100; i++) {
            try (HotReadHandle<Table> h = table.createHandle()) {
                h.current();
            }
        }
        assertEquals(1, table.readers().linkedSlots(), "only the open handle is scanned");
        kept.close();
        assertEquals(0, table.readers().linkedSlots());
        assertEquals(0, table.readers().countHoldingOlderThan(ReaderSlot.IDLE), "the slot holds nothing");
        assertEquals(0, table.openHandles());
    }

    @Test
    void queueUpdates_arePublishedTogether() {
        HotReadHandle<Table> reader = table.createHandle();
        table.queueUpdates(List.of(new TableUpdate.Set(1, 1), new TableUpdate.Set(2, 2), new TableUpdate.Remove(1)));
        assertEquals(1, table.generation());
        assertEquals(Map.of(2L, 2L), reader.current().values());
    }

    @Test
    void queueUpdates_nullElement_queuesNothing() {
        List<TableUpdate> withNull = Arrays.asList(new TableUpdate.Set(1, 1), null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> table.queueUpdates(withNull));
        assertEquals("actions[1] is null; nothing was queued", e.getMessage());
        assertEquals(0, table.maintain().pendingActions());
        assertEquals(0, table.generation());
        assertEquals(Map.of(), table.createHandle().current().values());
    }

    @Test
    void queueUpdate_null_throws() {
        assertThrows(NullPointerException.class, () -> table.queueUpdate(null));
        assertEquals(0, table.generation());
    }

    @Test
    void everyAction_isAppliedOncePerCopy_inQueueOrder() {
        HotRead<Recorder, Integer> hot = HotRead.create(new Recorder());
        HotReadHandle<Recorder> reader = hot.createHandle();
        int next = 0;
        for (int round = 0; round < 50; round++) {
            if (round % 3 == 0) {
                reader.current(); // sometimes hold the published copy, blocking the next write
            }
            for (int i = 0; i < round % 4 + 1; i++) {
                hot.queueUpdate(next++);
            }
            if (round % 5 == 0) {
                reader.quiescent();
            }
        }
        reader.quiescent();
        hot.maintain(); // publishes what is still queued
        hot.maintain(); // brings the other copy up to date
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < next; i++) {
            expected.add(i);
        }
        assertEquals(expected, hot.copyOf(0).applied);
        assertEquals(expected, hot.copyOf(1).applied);
        assertEquals(expected, reader.current().applied);
    }

    @Test
    void generations_seenByOneHandle_neverGoBackwards() {
        HotReadHandle<Table> reader = table.createHandle();
        HotReadHandle<Table> blocker = table.createHandle();
        long last = -1;
        for (int i = 0; i < 100; i++) {
            if (i % 7 == 0) {
                blocker.current();
            }
            if (i % 11 == 0) {
                blocker.quiescent();
            }
            table.queueUpdate(new TableUpdate.Set(0, i));
            long seen = reader.current().values().getOrDefault(0L, -1L);
            assertTrue(seen >= last, "saw " + seen + " after " + last);
            last = seen;
        }
    }

    @Test
    void create_copyReturningSameInstance_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HotRead.create(new SelfCopy()));
        assertEquals(SelfCopy.class.getName() + ".copy() must return a new instance of " + SelfCopy.class.getName()
                + ", but returned the same instance", e.getMessage());
    }

    @Test
    void apply_throwing_stopsWrites_butReadersKeepLastCopy() {
        HotRead<Recorder, Integer> hot = HotRead.create(new Recorder());
        HotReadHandle<Recorder> reader = hot.createHandle();
        hot.queueUpdate(1);
        assertEquals(List.of(1), reader.current().applied);
        reader.quiescent();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hot.queueUpdate(Recorder.THROW));
        assertTrue(e.getMessage().contains(Recorder.class.getName() + ".apply threw on queued action #1"), e.getMessage());
        assertEquals("boom", e.getCause().getMessage());
        assertEquals(List.of(1), reader.current().applied, "readers keep the last published copy");
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> hot.queueUpdate(2));
        assertSame(e.getCause(), again.getCause());
        assertThrows(IllegalStateException.class, hot::maintain);
        hot.close();
    }

    @Test
    void apply_callingBackIntoWriter_isRefused() {
        HotRead<Reentrant, String> hot = HotRead.create(new Reentrant());
        hot.copyOf(0).owner = hot;
        hot.copyOf(1).owner = hot;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> hot.queueUpdate("x"));
        assertEquals("HotReadState.apply and a batch's iterator must not call back into their HotRead"
                + " (queueUpdate/queueUpdates/maintain/close)", e.getCause().getMessage());
    }

    @Test
    void queueUpdates_iteratorCallingBackIntoWriter_isRefused_andQueuesNothing() {
        HotReadHandle<Table> reader = table.createHandle();
        Iterable<TableUpdate> sneaky = () -> new java.util.Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                if (next == 1) {
                    table.close(); // user code inside the batch must not close, write or flush
                }
                return next < 2;
            }

            @Override
            public TableUpdate next() {
                return new TableUpdate.Set(next, next++);
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> table.queueUpdates(sneaky));
        assertTrue(e.getMessage().startsWith("close() called from inside"), e.getMessage());
        assertFalse(table.isClosed());
        assertEquals(0, table.generation());
        assertEquals(Map.of(), reader.current().values());
        table.queueUpdate(new TableUpdate.Set(7, 7)); // still writable, and the batch left nothing behind
        assertEquals(Map.of(7L, 7L), reader.current().values());
    }

    @Test
    void close_releaseThrowing_stillReleasesTheOtherCopy() {
        HotRead<Recorder, Integer> hot = HotRead.create(new Recorder());
        hot.copyOf(0).failRelease = true;
        IllegalStateException e = assertThrows(IllegalStateException.class, hot::close);
        assertEquals("no memory to give back", e.getCause().getMessage());
        assertEquals(1, hot.copyOf(0).releases);
        assertEquals(1, hot.copyOf(1).releases);
        hot.close(); // nothing left to release
        assertEquals(1, hot.copyOf(0).releases);
    }

    @Test
    void create_copyOfAnotherClass_isRejected_andThatCopyReleased() {
        Misfit.lastCopy = null;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HotRead.create(new Misfit()));
        assertTrue(e.getMessage().endsWith("but returned an instance of " + Recorder.class.getName()), e.getMessage());
        assertEquals(1, Misfit.lastCopy.releases);
    }

    @Test
    void close_releasesUnheldCopiesAtOnce_andRefusesEverything() {
        table.close();
        table.close(); // idempotent
        assertTrue(table.isClosed());
        assertEquals(1, table.copyOf(0).releases());
        assertEquals(1, table.copyOf(1).releases());
        assertEquals("HotRead is closed",
                assertThrows(IllegalStateException.class, () -> table.queueUpdate(new TableUpdate.Remove(1))).getMessage());
        assertThrows(IllegalStateException.class, () -> table.queueUpdates(List.of()));
        assertThrows(IllegalStateException.class, table::maintain);
        assertThrows(IllegalStateException.class, table::createHandle);
    }

    @Test
    void close_defersRelease_untilLastHolderLeaves() {
        HotReadHandle<Table> first = table.createHandle();
        HotReadHandle<Table> second = table.createHandle();
        Table held = first.current();
        second.current();
        table.queueUpdate(new TableUpdate.Set(1, 1)); // generation 1 in copy 1, nobody holds it
        table.close();
        assertEquals(0, table.copyOf(0).releases(), "copy 0 is still held");
        assertEquals(1, table.copyOf(1).releases());
        assertEquals(Map.of(), held.values(), "the held copy is still readable");

        assertEquals("HotRead is closed", assertThrows(IllegalStateException.class, first::current).getMessage());
        assertEquals(0, table.copyOf(0).releases(), "second still holds copy 0");
        second.close();
        assertEquals(1, table.copyOf(0).releases());
        first.close();
        assertEquals(1, table.copyOf(0).releases(), "released once");
        assertEquals(1, table.copyOf(1).releases());
    }

    @Test
    void close_discardsQueuedActions() {
        HotReadHandle<Table> reader = table.createHandle();
        reader.current();
        table.queueUpdate(new TableUpdate.Set(1, 1));
        table.queueUpdate(new TableUpdate.Set(2, 2)); // blocked by reader
        table.close();
        assertEquals(1, table.generation());
        reader.close();
        assertEquals(Map.of(), table.copyOf(0).values(), "the blocked action was never applied");
    }

    @Test
    void copies_areDistinctInstances() {
        assertNotSame(table.copyOf(0), table.copyOf(1));
    }

    /** Records the order in which actions reach it; {@link #THROW} makes apply throw. */
    static final class Recorder implements HotReadState<Integer> {
        static final int THROW = -1;
        final List<Integer> applied = new ArrayList<>();
        boolean failRelease;
        int releases;

        @Override
        public void release() {
            releases++;
            if (failRelease) {
                throw new IllegalStateException("no memory to give back");
            }
        }

        @Override
        public void apply(Integer action) {
            if (action == THROW) {
                throw new IllegalArgumentException("boom");
            }
            applied.add(action);
        }

        @Override
        public Recorder copy() {
            Recorder r = new Recorder();
            r.applied.addAll(applied);
            return r;
        }
    }

    /** A broken state whose copy() returns another class. */
    static final class Misfit implements HotReadState<Integer> {
        static Recorder lastCopy;

        @Override
        public void apply(Integer action) {
        }

        @Override
        public HotReadState<Integer> copy() {
            lastCopy = new Recorder();
            return lastCopy;
        }
    }

    /** A broken state whose copy() returns itself. */
    static final class SelfCopy implements HotReadState<String> {
        @Override
        public void apply(String action) {
        }

        @Override
        public SelfCopy copy() {
            return this;
        }
    }

    /** A broken state whose apply() writes to its own HotRead. */
    static final class Reentrant implements HotReadState<String> {
        HotRead<Reentrant, String> owner;

        @Override
        public void apply(String action) {
            owner.queueUpdate(action + "!");
        }

        @Override
        public Reentrant copy() {
            return new Reentrant();
        }
    }
}
