package io.livestore.runtime.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import org.junit.jupiter.api.Test;

/** The entry table as the state of a real {@link HotRead}. */
class EntryTableHotReadTest {

    private static final int VALUE_SIZE = 16;

    @Test
    void queuedBatch_visibleToReaderAfterPublish() {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        final EntryTableCopy initial = EntryTableCopy.create(VALUE_SIZE, 0);
        final RedoLog log = initial.log();
        try (HotRead<EntryTableCopy, Replay> hotRead = HotRead.create(initial);
             HotReadHandle<EntryTableCopy> reader = hotRead.createHandle()) {
            put(log, 1, 2, 10);
            hotRead.queueUpdate(log.commit());

            final EntryTable table = reader.current().table();
            final long slot = table.lookup(1, 2);
            assertEquals(10, table.version(slot));
            assertEquals(10, table.bytes().readLong(table.valueOffset(slot, 0, 8)));
        }
        assertEquals(allocatedBefore, OffHeapMemory.allocatedBytes(), "copies and log not freed on close");
    }

    @Test
    void heldCopy_staysUnchangedThenBothCopiesEndByteIdentical() {
        final EntryTableCopy initial = EntryTableCopy.create(VALUE_SIZE, 0);
        final RedoLog log = initial.log();
        try (HotRead<EntryTableCopy, Replay> hotRead = HotRead.create(initial);
             HotReadHandle<EntryTableCopy> reader = hotRead.createHandle()) {
            put(log, 1, 1, 1);
            hotRead.queueUpdate(log.commit());
            final EntryTableCopy held = reader.current();
            assertTrue(held.table().contains(1, 1));

            // The reader holds the copy it saw: 1,000 more batches go to the other copy, or wait.
            for (int i = 2; i <= 1000; i++) {
                put(log, i, i, i);
                hotRead.queueUpdate(log.commit());
            }
            assertEquals(1, held.table().size());

            reader.current();
            hotRead.maintain();
            final EntryTableCopy latest = reader.current();
            assertEquals(1000, latest.table().size());
            // One more (empty) batch publishes the other copy while the reader holds this one;
            // once the reader moves on, maintain() replays the batch into this one too.
            hotRead.queueUpdate(log.commit());
            final EntryTableCopy other = reader.current();
            hotRead.maintain();
            assertNotSame(latest, other);
            EntryTableTest.assertSameBytes(latest.table(), other.table());
            assertEquals(0, log.pendingBytes());
        }
    }

    @Test
    void close_readerHoldingACopyDelaysItsRelease() {
        final long allocatedBefore = OffHeapMemory.allocatedBytes();
        final EntryTableCopy initial = EntryTableCopy.create(VALUE_SIZE, 0);
        final HotRead<EntryTableCopy, Replay> hotRead = HotRead.create(initial);
        final HotReadHandle<EntryTableCopy> reader = hotRead.createHandle();
        put(initial.log(), 5, 5, 5);
        hotRead.queueUpdate(initial.log().commit());
        final EntryTableCopy held = reader.current();

        hotRead.close();

        assertTrue(held.table().contains(5, 5), "a held copy must stay readable after close");
        reader.close();
        assertThrows(IllegalStateException.class, () -> held.table().lookup(5, 5));
        assertEquals(allocatedBefore, OffHeapMemory.allocatedBytes());
    }

    @Test
    void concurrentReader_seesOnlyWholeWrites() throws Exception {
        // The writer stores the version in the header and v, ~v in the value of the same key;
        // a reader that saw a half-applied record would find them disagreeing.
        final EntryTableCopy initial = EntryTableCopy.create(VALUE_SIZE, 0);
        final RedoLog log = initial.log();
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicLong reads = new AtomicLong();
        try (HotRead<EntryTableCopy, Replay> hotRead = HotRead.create(initial)) {
            final Thread readerThread = new Thread(() -> {
                try (HotReadHandle<EntryTableCopy> reader = hotRead.createHandle()) {
                    long n = 0;
                    while (!done.get()) {
                        final EntryTable table = reader.current().table();
                        for (long key = 0; key < 64; key++) {
                            final long slot = table.lookup(key, key);
                            if (slot != EntryTable.NO_SLOT) {
                                final long version = table.version(slot);
                                final long v0 = table.bytes().readLong(table.valueOffset(slot, 0, 8));
                                final long v1 = table.bytes().readLong(table.valueOffset(slot, 8, 8));
                                if (v0 != version || v1 != ~version) {
                                    failure.compareAndSet(null, "key " + key + ": version " + version
                                            + ", value " + v0 + ", " + v1);
                                }
                                n++;
                            }
                        }
                    }
                    reads.set(n);
                }
            });
            readerThread.start();
            for (long version = 1; version <= 200_000; version++) {
                final long key = version & 63;
                if ((version & 15) == 0) {
                    log.appendRemove(key, key);
                } else {
                    put(log, key, key, version);
                }
                hotRead.queueUpdate(log.commit());
            }
            done.set(true);
            readerThread.join();
        }
        assertNull(failure.get());
        assertTrue(reads.get() > 0, "the reader never found an entry");
    }

    private static void put(RedoLog log, long msb, long lsb, long version) {
        final long value = log.appendPut(msb, lsb, version, 0, 0, VALUE_SIZE);
        log.bytes().writeLong(value, version);
        log.bytes().writeLong(value + 8, ~version);
    }

    @Test
    void create_copyIsSameClass() {
        final EntryTableCopy initial = EntryTableCopy.create(VALUE_SIZE, 0);
        try (HotRead<EntryTableCopy, Replay> hotRead = HotRead.create(initial);
             HotReadHandle<EntryTableCopy> reader = hotRead.createHandle()) {
            assertSame(initial, reader.current());
            assertFalse(reader.current().table().contains(0, 0));
        }
    }
}
