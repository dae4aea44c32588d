package io.livestore.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.table.MemoryLimitExceededException;
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
            assertEquals(whileHeld, store.memoryUsed(), "records freed after catch-up were not reused");
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
}
