package io.livestore.runtime.hotread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Handles at scale and handles that are lost: what the registry costs after many handles came
 * and went, which handles block the writer and who they belong to, handles whose thread ended,
 * handles closed from the wrong thread, and releases that must not run on the shared cleaner.
 */
class HotReadHandlesTest {

    private final HotRead<Table, TableUpdate> table = HotRead.create(new Table());

    /** Runs {@code body} on a new thread named {@code name} and waits for it to end. */
    private static void onThread(String name, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("thread " + name + " failed", failure.get());
        }
    }

    @Test
    void manyHandles_openedAndClosed_leaveOnlyTheOpenOnesToScan() {
        List<HotReadHandle<Table>> handles = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            HotReadHandle<Table> h = table.createHandle();
            h.current();
            handles.add(h);
        }
        assertEquals(20_000, table.openHandles());
        // Close all but every thousandth, in an order that unlinks from the middle of the list.
        for (int i = 0; i < handles.size(); i++) {
            if (i % 1000 != 0) {
                handles.get(i).close();
            }
        }
        assertEquals(20, table.openHandles());
        assertEquals(20, table.readers().linkedSlots());
        table.queueUpdate(new TableUpdate.Set(1, 1));
        table.queueUpdate(new TableUpdate.Set(2, 2));
        assertEquals(20, table.maintain().blockingHandles(), "the 20 open handles hold generation 0");
        handles.forEach(HotReadHandle::close);
        assertEquals(0, table.readers().linkedSlots());
        assertTrue(table.maintain().published() || table.pendingActions() == 0);
    }

    @Test
    @Timeout(60)
    void handleOfAnEndedThread_stopsBlockingWithoutTheGarbageCollector() throws InterruptedException {
        List<HotReadHandle<Table>> keptReachable = new ArrayList<>();
        onThread("reader-that-ends", () -> {
            HotReadHandle<Table> h = table.createHandle();
            h.current();
            keptReachable.add(h);
        });
        table.queueUpdate(new TableUpdate.Set(1, 1));
        table.queueUpdate(new TableUpdate.Set(2, 2));
        MaintainResult r = table.maintain();
        assertFalse(r.blockedByWorkers(), "the ended thread's handle no longer blocks: " + r);
        assertEquals(0, table.pendingActions());
        assertEquals(Map.of(1L, 1L, 2L, 2L), table.createHandle().current().values());
        // The handle itself still works for a thread it is handed to: it acquires anew.
        assertEquals(Map.of(1L, 1L, 2L, 2L), keptReachable.get(0).current().values());
        assertEquals(1, keptReachable.size());
    }

    @Test
    @Timeout(60)
    void blockingHandles_nameTheirThreadAndHowLongTheyHeld() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (HotReadHandle<Table> h = table.createHandle()) {
                h.current();
                holding.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "slow-reader");
        reader.start();
        holding.await();
        table.queueUpdate(new TableUpdate.Set(1, 1));
        table.queueUpdate(new TableUpdate.Set(2, 2));
        MaintainResult r = table.maintain();
        assertTrue(r.blockedByWorkers());
        assertEquals(1, r.blockers().size());
        BlockingHandle blocker = r.blockers().get(0);
        assertEquals("slow-reader", blocker.thread());
        assertTrue(blocker.threadAlive());
        assertEquals(0, blocker.generation());
        assertFalse(blocker.heldFor().isNegative());
        assertEquals(List.of("slow-reader"), table.blockingHandles().stream().map(BlockingHandle::thread).toList());
        release.countDown();
        reader.join();
        assertTrue(table.maintain().published());
        assertEquals(List.of(), table.blockingHandles());
        assertEquals(List.of(), table.maintain().blockers());
    }

    @Test
    @Timeout(60)
    void closeOrQuiescent_fromAnotherThreadWhileTheReaderHolds_throws() throws Exception {
        HotReadHandle<Table> handle = table.createHandle();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch left = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            handle.current();
            holding.countDown();
            try {
                done.await();
                handle.quiescent();
                left.countDown();
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "holder");
        reader.start();
        holding.await();
        IllegalStateException e = assertThrows(IllegalStateException.class, handle::close);
        assertTrue(e.getMessage().contains("thread holder acquired"), e.getMessage());
        assertThrows(IllegalStateException.class, handle::quiescent);
        table.queueUpdate(new TableUpdate.Set(1, 1));
        table.queueUpdate(new TableUpdate.Set(2, 2));
        assertTrue(table.maintain().blockedByWorkers(), "the refused close left the protection in place");
        done.countDown();
        left.await();
        handle.close(); // it holds nothing now: any thread may close it
        assertEquals(0, table.openHandles());
        reader.interrupt();
        reader.join();
    }

    @Test
    void close_fromAnotherThreadAfterTheReaderEnded_isAllowed() throws InterruptedException {
        HotReadHandle<Table> handle = table.createHandle();
        onThread("ended-holder", handle::current);
        handle.close();
        assertEquals(0, table.openHandles());
    }

    @Test
    void newHandle_holdsNothing_evenAtGenerationZero() {
        HotReadHandle<Table> handle = table.createHandle();
        assertEquals(-1, handle.heldGeneration());
        assertEquals(Map.of(), handle.current().values(), "generation 0 is a real copy, never null");
        assertEquals(0, handle.heldGeneration());
        handle.quiescent();
        assertEquals(-1, handle.heldGeneration());
    }

    /**
     * The last handle of a closed HotRead is collected: the copy's release (user code, here
     * failing) runs on a thread of its own, not on the cleaner that every HotRead shares, and
     * its failure is kept where the user can see it.
     */
    @Test
    @Timeout(60)
    void releaseAfterTheLastHandleIsCollected_runsOffTheCleaner_andItsFailureIsKept() throws Exception {
        AtomicReference<String> releasedOn = new AtomicReference<>();
        HotRead<Failing, Integer> hot = HotRead.create(new Failing(releasedOn));
        holdInAnUnreachableHandle(hot);
        hot.close(); // releases the other copy at once; the held one waits for the handle
        assertNull(hot.releaseFailure());
        while (hot.releaseFailure() == null) {
            System.gc();
            Thread.sleep(10);
        }
        assertInstanceOf(IllegalStateException.class, hot.releaseFailure());
        assertEquals("livestore-hotread-release", releasedOn.get());
    }

    /** A slow release of one HotRead does not hold up the recovery of another's abandoned handle. */
    @Test
    @Timeout(60)
    void slowRelease_doesNotDelayOtherHotReads() throws Exception {
        CountDownLatch slowReleaseStarted = new CountDownLatch(1);
        CountDownLatch finishSlowRelease = new CountDownLatch(1);
        HotRead<Blocking, Integer> slow = HotRead.create(new Blocking(slowReleaseStarted, finishSlowRelease));
        holdInAnUnreachableHandle(slow);
        slow.close();
        while (slowReleaseStarted.getCount() > 0) {
            System.gc();
            Thread.sleep(10);
        }
        // The slow release is in progress; another HotRead's dropped handle is still recovered.
        holdGenerationZeroInAnUnreachableHandle(table);
        while (table.openHandles() > 0) {
            System.gc();
            Thread.sleep(10);
        }
        finishSlowRelease.countDown();
        assertNull(table.releaseFailure());
    }

    /** A copy that counts the writes and the release it gets. */
    static final class Box implements HotReadState<Integer> {
        int value;
        volatile int writes;
        volatile boolean released;

        @Override
        public void apply(Integer action) {
            value += action;
            writes++;
        }

        @Override
        public Box copy() {
            Box b = new Box();
            b.value = value;
            return b;
        }

        @Override
        public void release() {
            released = true;
        }
    }

    /**
     * A handle acquired on a thread that then ends, handed to this thread (the join is the
     * happens-before edge), whose current() returns at once: the writer must not rewrite that copy
     * by reclaiming the slot of the ended thread.
     */
    @Test
    void handedOffHandle_ofAnEndedThread_stillProtectsItsNewThreadsCopy() throws Exception {
        HotRead<Box, Integer> hot = HotRead.create(new Box());
        HotReadHandle<Box> h = hot.createHandle();
        onThread("first-reader", h::current);
        Box mine = h.current();
        int before = mine.writes;
        hot.queueUpdate(1);               // publishes generation 1 (copy 1)
        hot.queueUpdate(2);               // needs copy 0: this thread holds it through h
        assertEquals(before, mine.writes, "the writer rewrote the copy this thread holds");
        hot.close();
        assertFalse(mine.released, "close() released the copy this thread holds");
        h.close();
        assertTrue(mine.released);
    }

    /** The thread a handle was handed to may quiesce and close it while the first thread lives on. */
    @Test
    @Timeout(60)
    void handedOffHandle_quiescentAndCloseOnItsNewThread_areAllowed() throws Exception {
        HotRead<Box, Integer> hot = HotRead.create(new Box());
        HotReadHandle<Box> h = hot.createHandle();
        CountDownLatch acquired = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread first = new Thread(() -> {
            h.current();
            acquired.countDown();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pool-1");
        first.start();
        acquired.await();
        h.current();
        h.quiescent();
        h.current();
        h.close();
        end.countDown();
        first.join();
        assertEquals(0, hot.openHandles());
    }

    private static void holdInAnUnreachableHandle(HotRead<?, ?> hot) {
        hot.createHandle().current();
    }

    private static void holdGenerationZeroInAnUnreachableHandle(HotRead<Table, TableUpdate> hot) {
        hot.createHandle().current();
    }

    /**
     * A state whose initial copy (generation 0's, the one the dropped handle holds) fails to
     * release, recording the thread it ran on; its other copy releases quietly at close().
     */
    static final class Failing implements HotReadState<Integer> {
        private final AtomicReference<String> releasedOn;
        private final boolean fails;

        Failing(AtomicReference<String> releasedOn) {
            this(releasedOn, true);
        }

        private Failing(AtomicReference<String> releasedOn, boolean fails) {
            this.releasedOn = releasedOn;
            this.fails = fails;
        }

        @Override
        public void apply(Integer action) {
        }

        @Override
        public Failing copy() {
            return new Failing(releasedOn, false);
        }

        @Override
        public void release() {
            if (fails) {
                releasedOn.set(Thread.currentThread().getName());
                throw new IllegalStateException("cannot release");
            }
        }
    }

    /** A state whose initial copy's release waits until the test lets it finish. */
    static final class Blocking implements HotReadState<Integer> {
        private final CountDownLatch started;
        private final CountDownLatch finish;
        private final boolean blocks;

        Blocking(CountDownLatch started, CountDownLatch finish) {
            this(started, finish, true);
        }

        private Blocking(CountDownLatch started, CountDownLatch finish, boolean blocks) {
            this.started = started;
            this.finish = finish;
            this.blocks = blocks;
        }

        @Override
        public void apply(Integer action) {
        }

        @Override
        public Blocking copy() {
            return new Blocking(started, finish, false);
        }

        @Override
        public void release() {
            if (!blocks) {
                return;
            }
            started.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
