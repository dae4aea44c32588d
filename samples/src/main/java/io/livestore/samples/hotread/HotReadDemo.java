package io.livestore.samples.hotread;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import io.livestore.runtime.hotread.MaintainResult;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HotRead walk-through: one writer, readers that never lock, and what happens when a reader
 * lags behind. Run it with {@code ./demo.sh}.
 */
public final class HotReadDemo {

    private HotReadDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (HotRead<Table, TableUpdate> table = HotRead.create(new Table())) {
            basics(table);
            laggingReader(table);
            readersAndWriterTogether(table);
        }
        System.out.println("\nclosed; every copy released once no handle held it");
    }

    /** The seed example: queue an update, and a reader's next current() sees it. */
    private static void basics(HotRead<Table, TableUpdate> table) {
        System.out.println("== basics");
        try (HotReadHandle<Table> reader = table.createHandle()) {
            table.queueUpdate(new TableUpdate.Set(1, 42));
            System.out.println("reader.current().values().get(1) = " + reader.current().values().get(1L));
            MaintainResult r = table.maintain();
            System.out.println("maintain(): " + r);
        }
    }

    /** A reader that holds an old copy keeps the writer from reusing it; the writer queues instead. */
    private static void laggingReader(HotRead<Table, TableUpdate> table) {
        System.out.println("\n== a lagging reader");
        try (HotReadHandle<Table> slow = table.createHandle()) {
            Table held = slow.current();
            table.queueUpdate(new TableUpdate.Set(2, 7));   // published into the other copy
            table.queueUpdate(new TableUpdate.Set(3, 9));   // needs the copy `slow` holds: queued
            MaintainResult blocked = table.maintain();
            System.out.println("slow reader still sees " + held.values() + " (a stale but whole copy)");
            System.out.println("maintain(): blockedByWorkers=" + blocked.blockedByWorkers()
                    + " by " + blocked.blockingHandles() + " handle(s), pending=" + blocked.pendingActions());
            slow.current();                                 // the slow reader moves on
            MaintainResult done = table.maintain();
            System.out.println("after it moved on, maintain(): published=" + done.published()
                    + ", generation=" + done.generation());
            System.out.println("slow reader now sees " + slow.current().values());
        }
    }

    /** Two reader threads check an invariant while the writer changes two keys together. */
    private static void readersAndWriterTogether(HotRead<Table, TableUpdate> table) throws InterruptedException {
        System.out.println("\n== two readers, one writer, 200 ms");
        table.queueUpdates(java.util.List.of(new TableUpdate.Set(10, 0), new TableUpdate.Set(11, 0)));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        AtomicLong torn = new AtomicLong();
        Thread[] readers = new Thread[2];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Thread(() -> {
                long n = 0;
                try (HotReadHandle<Table> handle = table.createHandle()) {
                    while (running.get()) {
                        Table t = handle.current();          // no lock, no allocation
                        if (!t.values().get(10L).equals(t.values().get(11L))) {
                            torn.incrementAndGet();
                        }
                        n++;
                    }
                }
                reads.addAndGet(n);
            });
            readers[i].start();
        }
        long writes = 0;
        long deadline = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < deadline) {
            writes++;
            // Both keys in one batch: readers see both changes or neither.
            table.queueUpdates(java.util.List.of(new TableUpdate.Set(10, writes), new TableUpdate.Set(11, writes)));
        }
        running.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        table.maintain();
        System.out.printf("%,d batches written, %,d reads, %d torn reads, final generation %d%n",
                writes, reads.get(), torn.get(), table.generation());
        // Fewer generations than batches: while a reader holds the older copy (here: is descheduled
        // holding it, as 3 busy threads share the cores) the writer queues instead of waiting, and
        // the next publication carries every queued batch. Real readers call quiescent() when idle.
        System.out.println("(fewer generations than batches: while a reader held the older copy the writer queued,"
                + " never waited, and published the queued batches together)");
    }
}
