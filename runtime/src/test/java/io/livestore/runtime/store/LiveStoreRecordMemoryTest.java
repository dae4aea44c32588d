package io.livestore.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.MemoryLimitExceededException;
import io.livestore.runtime.table.RecordArena;
import io.livestore.runtime.table.RecordLayout;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The store writes each value once, into a fresh arena record, and gives a record back when no
 * copy's index points at it any more. What a user sees of that: memory stays flat under
 * overwrites and churn (records are reused, none leak), a reader holding a snapshot keeps the
 * records it can see while the writer goes on (the arena grows instead), and those records are
 * reused once it moves on. Plus: a batch that cannot be appended changes nothing.
 */
class LiveStoreRecordMemoryTest {

    private static final long START = 1_700_000_000_000L;

    private final ManualClock clock = new ManualClock(START);

    private LiveStore<Counter, String> store(LiveStoreBuilder<Counter, String> builder) {
        return builder.clock(clock).scheduler(NeverScheduler.INSTANCE).build();
    }

    private static LiveStoreBuilder<Counter, String> builder() {
        return LiveStore.builder(CounterLayout.INSTANCE).messages(String.class);
    }

    /**
     * Index growth advances with writes; a store whose writes stop mid-growth would keep its old
     * slots (and probe them for every absent key) for good. Its maintenance takes the remaining
     * steps in both copies, a bounded number per pass, and the old slots are freed.
     */
    @Test
    void aGrowthThatWritesLeftHalfDone_isFinishedByMaintenance_andItsOldSlotsFreed() {
        try (LiveStore<Counter, String> store = store(builder().expectedEntries(0));
                StoreReader<Counter> reader = store.reader()) {
            final List<UUID> keys = new ArrayList<>();
            do {
                final UUID key = UUID.randomUUID();
                store.insert(key, new Counter(keys.size(), "k"));
                keys.add(key);
                reader.current();
            } while (keys.size() < 5_000 || !reader.index(reader.generation()).isGrowing());
            reader.quiescent();
            store.maintain(); // the other copy takes the last write's step too
            final long whileGrowing = store.memoryUsed();
            int passes = 0;
            while (true) {
                store.maintain();
                reader.current();
                if (!reader.index(reader.generation()).isGrowing()) {
                    break;
                }
                reader.quiescent();
                assertTrue(++passes < 10_000, "maintenance does not finish the growth");
            }
            reader.quiescent();
            store.maintain(); // the other copy finishes too
            assertTrue(store.memoryUsed() < whileGrowing, "old slots freed: " + whileGrowing + " -> "
                    + store.memoryUsed());
            final Snapshot<Counter> snapshot = reader.current();
            assertEquals(keys.size(), snapshot.size());
            for (UUID key : keys) {
                assertTrue(snapshot.contains(key), key.toString());
            }
            assertEquals(0, store.maintain());
        }
    }

    @Test
    void overwritesAndChurn_reuseTheRecordsTheyUnlink_soMemoryStaysFlat() throws Exception {
        try (LiveStore<Counter, String> store = store(builder().expectedEntries(1_000))) {
            final List<UUID> keys = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                keys.add(store.init(new Counter(i, "k")));
            }
            // A write takes its new record before the copies let go of the old one, so the first
            // round needs a few records more than the presized arena holds: one more chunk, once.
            for (int i = 0; i < 1_000; i++) {
                store.mutate(keys.get(i), new Counter.Add(1));
            }
            final long settled = store.memoryUsed();
            for (int round = 0; round < 200; round++) {
                for (int i = 0; i < 1_000; i++) {
                    store.mutate(keys.get(i), new Counter.Add(1));
                }
            }
            assertEquals(settled, store.memoryUsed(), "200,000 overwrites of 1,000 keys took memory: records leak");
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < 1_000; i++) {
                    store.remove(keys.get(i));
                    keys.set(i, store.init(new Counter(round, "churn")));
                }
            }
            assertEquals(settled, store.memoryUsed(), "50,000 removes and inits took memory: records leak");
            assertEquals(1_000, store.size());
        }
    }

    @Test
    void heldReader_keepsTheRecordsItSees_andTheyAreReusedOnceItMovesOn() throws Exception {
        try (LiveStore<Counter, String> store = store(builder().expectedEntries(100));
                StoreReader<Counter> reader = store.reader()) {
            final UUID key = store.init(new Counter(0, "held"));
            final CounterView view = new CounterView();
            assertTrue(reader.current().find(key, view));
            final long before = store.memoryUsed();

            for (int i = 1; i <= 20_000; i++) {
                store.mutate(key, new Counter.Add(1));
                if (i % 1_000 == 0) {
                    // The record under the view must be neither freed nor reused for a later write.
                    assertEquals(0, view.count(), "the held entry changed after " + i + " writes");
                    assertEquals(1, view.version());
                }
            }
            final long whileHeld = store.memoryUsed();
            assertTrue(whileHeld > before, "20,000 writes held back by a reader need records: " + before
                    + " -> " + whileHeld);

            reader.quiescent();
            store.maintain();
            final Snapshot<Counter> now = reader.current();
            assertTrue(now.find(key, view));
            assertEquals(20_000, view.count());
            reader.quiescent();
            // The held-back records were given back: as many writes again need no new memory.
            for (int i = 0; i < 20_000; i++) {
                store.mutate(key, new Counter.Add(1));
            }
            // (Less, in fact: once both copies caught up, the log's ring went back to its first size.)
            assertTrue(store.memoryUsed() <= whileHeld, "records freed after catch-up were not reused: "
                    + whileHeld + " -> " + store.memoryUsed());
            assertEquals(40_000, store.get(key).orElseThrow().value().count());
        }
    }

    @Test
    void aValueLayoutLargerThanARecordHolds_isRefusedAtBuild_namingTheType() {
        final ValueLayout<Counter> huge = new ValueLayout<>() {
            @Override
            public Class<Counter> valueType() {
                return Counter.class;
            }

            @Override
            public int size() {
                return 5_000;
            }

            @Override
            public long fingerprint() {
                return 1;
            }

            @Override
            public String description() {
                return "huge";
            }

            @Override
            public void encode(Counter value, BytesStore<?, ?> bytes, long offset) {
                throw new AssertionError("never written");
            }

            @Override
            public Counter decode(BytesStore<?, ?> bytes, long offset) {
                throw new AssertionError("never read");
            }
        };
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LiveStore.builder(huge).scheduler(NeverScheduler.INSTANCE).build());
        assertEquals("a io.livestore.runtime.store.Counter takes 5000 bytes in its layout; a store holds values of at"
                + " most " + StoreWriter.MAX_VALUE_SIZE + " bytes (bound its strings and lists more tightly, or split"
                + " the record)", e.getMessage());
    }

    /**
     * Expiry removes its keys in one batch. A batch too large for the log ring needs the ring to
     * grow; refused by the budget, it must leave every key as it was, for readers and writers.
     */
    @Test
    void removalBatch_refusedByTheBudget_changesNothing() throws Exception {
        final int entries = 3_000; // more than the log ring's first 2,048 records
        final long baseline;
        try (LiveStore<Counter, String> probe = store(builder().expectedEntries(entries))) {
            baseline = probe.memoryUsed();
        }
        // Room for the presized store and a little more: not for a larger log ring (64 KiB more).
        try (LiveStore<Counter, String> store = store(builder().expectedEntries(entries)
                .expireAfterWrite(Duration.ofMinutes(1)).maxMemory(baseline + 16 * 1024))) {
            final List<UUID> keys = new ArrayList<>();
            for (int i = 0; i < entries; i++) {
                keys.add(store.init(new Counter(i, "e")));
            }
            clock.advance(Duration.ofMinutes(2));

            final MemoryLimitExceededException refused = assertThrows(MemoryLimitExceededException.class,
                    store::evictExpired);
            assertTrue(refused.getMessage().contains("index log"), refused.getMessage());

            assertEquals(entries, store.size());
            for (int i = 0; i < entries; i++) {
                // Through the writer's latest state, then through a reader's snapshot.
                assertEquals(i, store.get(keys.get(i)).orElseThrow().value().count(), "key " + i);
            }
            try (StoreReader<Counter> reader = store.reader()) {
                assertEquals(entries, reader.current().size());
            }
            // Smaller writes still go through (an overwrite would need a new record chunk here).
            store.remove(keys.get(0));
            assertEquals(entries - 1, store.size());
            assertTrue(store.get(keys.get(1)).isPresent());
        }
    }

    /** Stands for the body of a record's constructor, which decoding runs: user code. */
    private static Runnable constructorBody;

    /** Counter's layout, with a hook where a generated decode would run a record's constructor. */
    private static final ValueLayout<Counter> HOOKED = new ValueLayout<>() {
        @Override
        public Class<Counter> valueType() {
            return Counter.class;
        }

        @Override
        public int size() {
            return CounterLayout.INSTANCE.size();
        }

        @Override
        public long fingerprint() {
            return CounterLayout.INSTANCE.fingerprint();
        }

        @Override
        public String description() {
            return "Counter with a constructor hook";
        }

        @Override
        public void encode(Counter value, BytesStore<?, ?> bytes, long offset) {
            CounterLayout.INSTANCE.encode(value, bytes, offset);
        }

        @Override
        public Counter decode(BytesStore<?, ?> bytes, long offset) {
            final Runnable body = constructorBody;
            constructorBody = null;
            if (body != null) {
                body.run(); // as a nested value's constructor runs before the outer fields are read
            }
            return CounterLayout.INSTANCE.decode(bytes, offset);
        }
    };

    /**
     * A value's constructor that moves the reader on and overwrites the key three times: the
     * record being decoded is freed by the second copy's replay and reused by the third write.
     * The read must fail with the reader's error, never return bytes of the reused record.
     */
    @Test
    void aConstructorThatMovesTheReaderOn_midDecode_getsTheReadersError_notAReusedRecord() throws Exception {
        try (LiveStore<Counter, String> store = store(LiveStore.builder(HOOKED).messages(String.class));
                StoreReader<Counter> reader = store.reader()) {
            final UUID key = UUID.randomUUID();
            store.insert(key, new Counter(0, "old"));
            final Runnable moveOnAndOverwrite = () -> {
                reader.quiescent();
                for (int i = 1; i <= 3; i++) {
                    store.insert(key, new Counter(i, "new"));
                }
            };
            constructorBody = moveOnAndOverwrite;
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> reader.current().entry(key));
            assertTrue(e.getMessage().contains("holds no snapshot"), e.getMessage());

            constructorBody = moveOnAndOverwrite;
            assertThrows(IllegalStateException.class, () -> reader.current().get(key));

            final ValueView<Counter> view = new ValueView<>() {
                @Override
                protected Counter decodeRecord(BytesStore<?, ?> bytes, long offset) {
                    return HOOKED.decode(bytes, offset);
                }
            };
            assertTrue(reader.current().find(key, view));
            constructorBody = moveOnAndOverwrite;
            assertThrows(IllegalStateException.class, view::toRecord);

            // Without the hook the same reads go through, and see the latest writes.
            assertEquals(new Counter(3, "new"), reader.current().get(key));
        }
    }

    /** A constructor that closes the reader and the store mid-decode: an error, never a crash. */
    @Test
    void aConstructorThatClosesTheStore_midDecode_getsTheReadersError() {
        final LiveStore<Counter, String> store = store(LiveStore.builder(HOOKED).messages(String.class)
                .expectedEntries(2_000_000)); // large chunks: freed at once, not deferred
        final StoreReader<Counter> reader = store.reader();
        final UUID key = UUID.randomUUID();
        store.insert(key, new Counter(0, "old"));
        final Snapshot<Counter> snapshot = reader.current();
        constructorBody = () -> {
            reader.close();
            store.close();
        };
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> snapshot.entry(key));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertTrue(store.isClosed());
    }

    /**
     * A reader holds its copy from the start, so neither copy replays: the index growth that the
     * 13th insert makes due (16 slots past load 0.8) happens only when the reader lets go. That
     * growth must have been reserved when the insert was admitted. Before, only checked, its room
     * went to the arena chunk the 17th insert takes (the arena starts with 16 records), and the
     * catch-up grew both copies 40 bytes past maxMemory. Sized so that exactly this happens.
     */
    @Test
    void aLaggingCopy_growsOnlyIntoRoomReservedForIt_neverPastMaxMemory() throws Exception {
        final long baseline;
        try (LiveStore<Counter, String> probe = store(builder().expectedEntries(0))) {
            baseline = probe.memoryUsed();
        }
        final long chunk = (long) RecordArena.MIN_GROWTH_RECORDS
                * RecordLayout.recordSize(StoredEntryLayout.forValueSize(CounterLayout.SIZE).recordValueSize);
        final long indexGrowth = KeyIndex.bytesFor(24) - KeyIndex.bytesFor(16); // per copy
        final long limit = baseline + chunk + 2 * indexGrowth - 40;
        try (LiveStore<Counter, String> store = store(builder().expectedEntries(0).maxMemory(limit));
                StoreReader<Counter> reader = store.reader()) {
            reader.current();
            int inserted = 0;
            try {
                for (; inserted < 100; inserted++) {
                    store.insert(UUID.randomUUID(), new Counter(inserted, "x"));
                }
            } catch (MemoryLimitExceededException refused) {
                assertTrue(refused.getMessage().contains("record chunk"), refused.getMessage());
            }
            assertEquals(16, inserted, "the chunk for the 17th entry must be refused: its room is reserved");
            reader.quiescent();
            store.maintain(); // both copies catch up and grow
            store.maintain();
            assertEquals(0, store.maintain(), "caught up");
            assertTrue(store.memoryUsed() <= store.maxMemory(), store.memoryUsed() + " > " + store.maxMemory());
            assertEquals(16, store.size());
        }
    }

    /** A clear refused by the budget changes nothing: the entries stay, and so do their watchers. */
    @Test
    void aRefusedClear_leavesEntriesAndWatchersAsTheyWere() throws Exception {
        final long baseline;
        try (LiveStore<Counter, String> probe = store(builder().expectedEntries(3_000))) {
            baseline = probe.memoryUsed();
        }
        try (LiveStore<Counter, String> store = store(builder().expectedEntries(3_000).maxMemory(baseline + 16 * 1024));
                StoreReader<Counter> reader = store.reader()) {
            final UUID key = store.init(new Counter(0, "w"));
            final Subscription<Counter, String> watcher = store.watch(key);
            reader.current(); // holds back the log: the ring fills with records the held copy needs
            store.mutate(key, new Counter.Add(1));
            while (true) {
                try {
                    store.mutate(key, new Counter.Add(1));
                } catch (MemoryLimitExceededException ringFull) {
                    break;
                }
            }
            while (watcher.tryNext() != null) {
                // what the writes sent
            }
            assertThrows(MemoryLimitExceededException.class, store::clear);
            assertTrue(store.get(key).isPresent(), "the refused clear removed the entry");
            assertEquals(null, watcher.tryNext(), "the refused clear told the watcher the entry was cleared");
            assertFalse(watcher.isEnded());
        }
    }
}
