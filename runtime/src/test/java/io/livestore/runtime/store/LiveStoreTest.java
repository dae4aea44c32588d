package io.livestore.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.livestore.runtime.table.MemoryLimitExceededException;

/** The store's behaviour, one capability at a time, on a hand-written {@link CounterLayout}. */
class LiveStoreTest {

    private static final long START = 1_700_000_000_000L;

    private final ManualClock clock = new ManualClock(START);
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private LiveStore<Counter, String> store() {
        return store(LiveStore.builder(CounterLayout.INSTANCE).messages(String.class));
    }

    private LiveStore<Counter, String> store(LiveStoreBuilder<Counter, String> builder) {
        final LiveStore<Counter, String> store = builder.clock(clock).build();
        toClose.add(store);
        return store;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    // ---- keys and writes ----

    @Test
    void init_givesRandomV4Keys_andTheEntryWithMetadata() {
        final LiveStore<Counter, String> store = store();
        final UUID a = store.init(new Counter(1, "a"));
        final UUID b = store.init(new Counter(2, "b"));
        assertNotEquals(a, b);
        assertEquals(4, a.version());
        assertEquals(2, a.variant());
        final Entry<Counter> entry = store.get(a).orElseThrow();
        assertEquals(new Counter(1, "a"), entry.value());
        assertEquals(1, entry.version());
        assertEquals(Instant.ofEpochMilli(START), entry.createdAt());
        assertEquals(Instant.ofEpochMilli(START), entry.lastWriteAt());
        assertNull(entry.expiresAt());
        assertEquals(2, store.size());
    }

    @Test
    void create_insertsOnlyIfAbsent() {
        final LiveStore<Counter, String> store = store();
        final UUID key = UUID.randomUUID();
        assertEquals(Optional.empty(), store.create(key, new Counter(1, "x")));
        final Optional<Entry<Counter>> existing = store.create(key, new Counter(9, "y"));
        assertEquals(new Counter(1, "x"), existing.orElseThrow().value());
        assertEquals(new Counter(1, "x"), store.get(key).orElseThrow().value());
    }

    @Test
    void insert_overwritesAndReturnsThePrevious_keepingCreationTime() {
        final LiveStore<Counter, String> store = store();
        final UUID key = UUID.randomUUID();
        assertEquals(Optional.empty(), store.insert(key, new Counter(1, "x")));
        clock.advance(Duration.ofSeconds(5));
        final Entry<Counter> previous = store.insert(key, new Counter(2, "y")).orElseThrow();
        assertEquals(1, previous.version());
        final Entry<Counter> now = store.get(key).orElseThrow();
        assertEquals(2, now.version());
        assertEquals(Instant.ofEpochMilli(START), now.createdAt());
        assertEquals(Instant.ofEpochMilli(START + 5000), now.lastWriteAt());
    }

    @Test
    void assign_changesOnlyPresentKeys() {
        final LiveStore<Counter, String> store = store();
        final UUID key = UUID.randomUUID();
        assertEquals(Optional.empty(), store.assign(key, new Counter(1, "x")));
        assertFalse(store.contains(key));
        store.insert(key, new Counter(1, "x"));
        assertEquals(new Counter(1, "x"), store.assign(key, new Counter(3, "z")).orElseThrow().value());
        assertEquals(new Counter(3, "z"), store.get(key).orElseThrow().value());
    }

    @Test
    void remove_returnsTheLastEntry() {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(5, "x"));
        assertEquals(new Counter(5, "x"), store.remove(key).orElseThrow().value());
        assertEquals(Optional.empty(), store.remove(key));
        assertFalse(store.contains(key));
        assertEquals(0, store.size());
    }

    @Test
    void entries_iterateOneSnapshot() {
        final LiveStore<Counter, String> store = store();
        for (int i = 0; i < 100; i++) {
            store.init(new Counter(i, "n"));
        }
        assertEquals(100, store.entries().size());
        assertEquals(4950, store.entries().stream().mapToLong(e -> e.value().count()).sum());
        store.clear();
        assertEquals(0, store.size());
        assertTrue(store.entries().isEmpty());
    }

    @Test
    void invalidValue_isRefused_andChangesNothing() {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(1, "ok"));
        assertThrows(IllegalArgumentException.class, () -> store.insert(key, new Counter(2, "much too long")));
        assertThrows(NullPointerException.class, () -> store.insert(key, null));
        assertThrows(IllegalArgumentException.class, () -> store.init(new Counter(2, "much too long")));
        assertEquals(1, store.size());
        assertEquals(1, store.get(key).orElseThrow().version());
    }

    // ---- mutations ----

    @Test
    void mutate_appliesToTheLatestValue_andBumpsTheVersion() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(1, "x"));
        assertEquals(new Counter(11, "x"), store.mutate(key, new Counter.Add(10)));
        assertEquals(new Counter(12, "x"), store.mutate(key, new Counter.Add(1)));
        assertEquals(3, store.get(key).orElseThrow().version());
    }

    @Test
    void mutate_typedRejection_changesNothing() {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(1, "x"));
        final Counter.CounterError e = assertThrows(Counter.CounterError.class, () -> store.mutate(key, new Counter.Add(-5)));
        assertTrue(e.getMessage().contains("negative"));
        assertEquals(1, store.get(key).orElseThrow().version());
    }

    @Test
    void mutate_thatThrowsRuntimeExceptionOrError_changesNothing_andTheStoreGoesOn() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(1, "x"));
        assertThrows(IllegalStateException.class, () -> store.mutate(key, new Counter.Throw(new IllegalStateException("boom"))));
        assertThrows(StackOverflowError.class, () -> store.mutate(key, new Counter.Throw(new StackOverflowError())));
        assertThrows(IllegalArgumentException.class, () -> store.mutate(key, new Counter.Rename("far too long!")));
        assertThrows(NullPointerException.class, () -> store.mutate(key, c -> null));
        assertEquals(new Counter(1, "x"), store.get(key).orElseThrow().value());
        assertEquals(new Counter(2, "x"), store.mutate(key, new Counter.Add(1)));
    }

    @Test
    void mutate_missingKey_isItsOwnOutcome() {
        final LiveStore<Counter, String> store = store();
        final UUID key = UUID.randomUUID();
        final KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> store.mutate(key, new Counter.Add(1)));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(key.toString()));
    }

    @Test
    void mutateIfVersion_refusesAStaleVersion() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(1, "x"));
        store.mutateIfVersion(key, 1, new Counter.Add(1));
        final VersionConflictException e = assertThrows(VersionConflictException.class,
                () -> store.mutateIfVersion(key, 1, new Counter.Add(1)));
        assertEquals(2, e.actual());
        assertEquals(new Counter(2, "x"), store.get(key).orElseThrow().value());
    }

    @Test
    void mutate_fromInsideApply_isRefused() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(1, "x"));
        assertThrows(IllegalStateException.class, () -> store.mutate(key, c -> {
            store.mutate(key, new Counter.Add(1));
            return c;
        }));
        assertEquals(1, store.get(key).orElseThrow().version());
    }

    @Test
    void mutate_seesTheLatestValue_whileAReaderHoldsPublicationBack() throws Exception {
        final LiveStore<Counter, String> store = store(LiveStore.builder(CounterLayout.INSTANCE).messages(String.class)
                .publishInterval(Duration.ofDays(1)));
        final UUID key = store.init(new Counter(0, "x"));
        try (StoreReader<Counter> reader = store.reader()) {
            final Snapshot<Counter> held = reader.current();
            assertEquals(1, held.version(key));
            for (int i = 0; i < 10_000; i++) {
                store.mutate(key, new Counter.Add(1));
            }
            assertEquals(10_000, store.get(key).orElseThrow().value().count());
            assertEquals(10_001, store.get(key).orElseThrow().version());
            assertEquals(1, held.version(key), "a snapshot moves only on current()");
            assertTrue(store.maintain() > 0, "publication is held back by the reader");
        }
        try (StoreReader<Counter> reader = store.reader()) {
            store.maintain();
            assertEquals(10_000, reader.current().get(key).count());
        }
    }

    @Test
    void mutations_outsideTheStoresSet_areRefused() {
        final MutationSet<Counter> onlyAdd = new OnlyAddMutations();
        final LiveStore<Counter, String> store = store(LiveStore.builder(CounterLayout.INSTANCE).messages(String.class)
                .mutations(onlyAdd));
        final UUID key = store.init(new Counter(1, "x"));
        assertThrows(IllegalArgumentException.class, () -> store.mutate(key, c -> c));
    }

    @Test
    void mutateAsync_completesWithTheValueOrTheRejection() {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(1, "x"));
        assertEquals(new Counter(2, "x"), store.mutateAsync(key, new Counter.Add(1)).join());
        final CompletableFuture<Counter> rejected = store.mutateAsync(key, new Counter.Add(-10));
        final ExecutionException e = assertThrows(ExecutionException.class, rejected::get);
        assertInstanceOf(Counter.CounterError.class, e.getCause());
    }

    // ---- reads ----

    @Test
    void reader_readsASnapshotWithoutAllocatingViews_andRefusesStaleViews() {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(7, "x"));
        try (StoreReader<Counter> reader = store.reader()) {
            final Snapshot<Counter> snapshot = reader.current();
            final CounterView view = new CounterView();
            assertTrue(snapshot.find(key, view));
            assertEquals(7, view.count());
            assertEquals(1, view.version());
            assertEquals(START, view.createdMillis());
            assertFalse(snapshot.find(UUID.randomUUID(), view));
            assertThrows(IllegalStateException.class, view::count);
            assertTrue(snapshot.find(key, view));
            store.insert(key, new Counter(8, "y"));
            assertSame(snapshot, reader.current());
            final IllegalStateException stale = assertThrows(IllegalStateException.class, view::count);
            assertTrue(stale.getMessage().contains("stale"), stale.getMessage());
            assertTrue(snapshot.find(key, view));
            assertEquals(8, view.count());
            reader.quiescent();
            assertThrows(IllegalStateException.class, view::count);
            assertThrows(IllegalStateException.class, () -> snapshot.contains(key));
        }
    }

    @Test
    void viewPrimitiveReaders_readTheLayoutsBytes_checkTheHold_andStayInsideTheValue() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(7_000_000_000L, "x"));
        try (StoreReader<Counter> reader = store.reader()) {
            final CounterView view = new CounterView();
            assertThrows(IllegalStateException.class, view::countDirect, "not positioned");
            assertTrue(reader.current().find(key, view));
            assertEquals(7_000_000_000L, view.countDirect());
            assertEquals(view.count(), view.countDirect(), "the same bytes as the layout's codec");
            assertEquals(1, view.byteAt(CounterLayout.LABEL_OFFSET), "the label's length prefix");
            assertEquals('x', view.byteAt(CounterLayout.LABEL_OFFSET + 1), "the label's UTF-8 byte");
            view.byteAt(CounterLayout.SIZE - 1);
            view.longAt(CounterLayout.SIZE - Long.BYTES);
            final IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class,
                    () -> view.longAt(CounterLayout.SIZE - Long.BYTES + 1));
            assertTrue(past.getMessage().contains("CounterView"), past.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> view.byteAt(CounterLayout.SIZE));
            assertThrows(IndexOutOfBoundsException.class, () -> view.longAt(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> view.longAt(Long.MIN_VALUE));
            assertThrows(IndexOutOfBoundsException.class, () -> view.longAt(Long.MAX_VALUE));

            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final Thread other = new Thread(() -> {
                try {
                    view.countDirect();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            other.start();
            other.join();
            assertInstanceOf(IllegalStateException.class, thrown.get(), "read from another thread");

            store.mutate(key, new Counter.Add(1));
            reader.current();
            assertThrows(IllegalStateException.class, view::countDirect, "stale");
            assertTrue(reader.current().find(key, view));
            assertEquals(7_000_000_001L, view.countDirect());
            reader.quiescent();
            assertThrows(IllegalStateException.class, view::countDirect, "quiescent");
        }
    }

    @Test
    void reader_onAnotherThread_isRefused() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(7, "x"));
        final StoreReader<Counter> reader = store.reader();
        final Snapshot<Counter> snapshot = reader.current();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread other = new Thread(() -> {
            try {
                snapshot.version(key);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        other.start();
        other.join();
        assertInstanceOf(IllegalStateException.class, thrown.get());
        reader.close();
    }

    @Test
    void readsAfterClose_throw_butAReaderInFlightKeepsItsCopy() {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(7, "x"));
        final StoreReader<Counter> reader = store.reader();
        final Snapshot<Counter> snapshot = reader.current();
        store.close();
        assertEquals(1, snapshot.version(key), "the held copy stays valid until the reader moves on");
        assertThrows(IllegalStateException.class, reader::current);
        assertThrows(IllegalStateException.class, () -> store.get(key));
        assertThrows(IllegalStateException.class, () -> store.mutate(key, new Counter.Add(1)));
        assertThrows(IllegalStateException.class, store::reader);
        reader.close();
        assertTrue(store.isClosed());
    }

    @Test
    void get_neverLeavesACopyHeld() throws Exception {
        final LiveStore<Counter, String> store = store(LiveStore.builder(CounterLayout.INSTANCE).messages(String.class)
                .publishInterval(Duration.ofDays(1)));
        final UUID key = store.init(new Counter(0, "x"));
        final Thread idle = new Thread(() -> store.get(key));
        idle.start();
        idle.join();
        store.mutate(key, new Counter.Add(1));
        store.mutate(key, new Counter.Add(1));
        assertEquals(0, store.maintain(), "nothing is held back");
    }

    // ---- watchers and messages ----

    @Test
    void watch_deliversUpdatesInOrder_thenRemovedEndsIt() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(1, "x"));
        try (Subscription<Counter, String> sub = store.watch(key)) {
            store.mutate(key, new Counter.Add(1));
            assertEquals(1, store.broadcast(key, "hello"));
            store.assign(key, new Counter(10, "y"), "reset");
            store.remove(key, "bye");
            final Update.Mutated<Counter, String> m = assertInstanceOf(Update.Mutated.class, sub.next());
            assertEquals(1, m.previous().value().count());
            assertEquals(2, m.value().count());
            assertEquals(2, m.version());
            assertEquals(new Counter.Add(1), m.mutation());
            final Update.Message<Counter, String> msg = assertInstanceOf(Update.Message.class, sub.next());
            assertEquals("hello", msg.message());
            assertEquals(2, msg.current().value().count());
            final Update.Overwritten<Counter, String> o = assertInstanceOf(Update.Overwritten.class, sub.next());
            assertEquals("reset", o.message());
            assertEquals(3, o.version());
            final Update.Removed<Counter, String> r = assertInstanceOf(Update.Removed.class, sub.next());
            assertEquals(RemovalCause.REMOVED, r.cause());
            assertEquals("bye", r.message());
            assertTrue(sub.isEnded());
            assertThrows(NoSuchElementException.class, sub::next);
        }
    }

    @Test
    void watch_missingKey_isAClearError_andBroadcastToo() {
        final LiveStore<Counter, String> store = store();
        assertThrows(KeyNotFoundException.class, () -> store.watch(UUID.randomUUID()));
        assertThrows(KeyNotFoundException.class, () -> store.broadcast(UUID.randomUUID(), "x"));
    }

    @Test
    void slowWatcher_getsLagged_andGoesOn() throws Exception {
        final LiveStore<Counter, String> store = store(LiveStore.builder(CounterLayout.INSTANCE).messages(String.class)
                .watchBuffer(4));
        final UUID key = store.init(new Counter(0, "x"));
        try (Subscription<Counter, String> sub = store.watch(key)) {
            for (int i = 0; i < 10; i++) {
                store.mutate(key, new Counter.Add(1));
            }
            final Update.Lagged<Counter, String> lagged = assertInstanceOf(Update.Lagged.class, sub.next());
            assertEquals(6, lagged.missed());
            long expected = 8;
            for (int i = 0; i < 4; i++) {
                assertEquals(expected++, assertInstanceOf(Update.Mutated.class, sub.next()).version());
            }
            assertNull(sub.poll(Duration.ofMillis(10)));
        }
    }

    @Test
    void fetchAndWatch_missesNothingBetweenTheTwo() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(0, "x"));
        try (WatchedEntry<Counter, String> watched = store.fetchAndWatch(key)) {
            assertEquals(1, watched.entry().version());
            store.mutate(key, new Counter.Add(1));
            assertEquals(2, assertInstanceOf(Update.Mutated.class, watched.subscription().next()).version());
        }
        try (WatchedEntry<Counter, String> created = store.initAndWatch(new Counter(3, "n"))) {
            assertEquals(3, created.entry().value().count());
            store.mutate(created.key(), new Counter.Add(1));
            assertInstanceOf(Update.Mutated.class, created.subscription().next());
        }
    }

    @Test
    void onUpdate_callsBackUntilBreak() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(0, "x"));
        final List<Long> seen = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        store.onUpdate(key, u -> {
            seen.add(((Update.Mutated<Counter, String>) u).version());
            if (seen.size() == 2) {
                done.countDown();
                return WatchControl.BREAK;
            }
            return WatchControl.CONTINUE;
        });
        for (int i = 0; i < 3; i++) {
            store.mutate(key, new Counter.Add(1));
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of(2L, 3L), seen);
    }

    @Test
    void asPublisher_deliversOnDemand_andCompletesAfterRemoved() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(0, "x"));
        final List<Object> signals = new CopyOnWriteArrayList<>();
        final CountDownLatch complete = new CountDownLatch(1);
        final Subscription<Counter, String> sub = store.watch(key);
        sub.asPublisher(r -> new Thread(r).start()).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Update<Counter, String> item) {
                signals.add(item.getClass().getSimpleName());
            }

            @Override
            public void onError(Throwable t) {
                signals.add(t);
            }

            @Override
            public void onComplete() {
                complete.countDown();
            }
        });
        store.mutate(key, new Counter.Add(1));
        store.remove(key);
        assertTrue(complete.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("Mutated", "Removed"), signals);
    }

    @Test
    void close_endsSubscriptionsWithClosed() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(0, "x"));
        final Subscription<Counter, String> sub = store.watch(key);
        store.close();
        assertEquals(RemovalCause.CLOSED, assertInstanceOf(Update.Removed.class, sub.next()).cause());
    }

    // ---- entry locks ----

    @Test
    void acquire_makesOtherWritersWait_untilTheGuardCloses() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(0, "x"));
        final EntryGuard<Counter, String> guard = store.acquire(key);
        final CompletableFuture<Counter> waiting = store.mutateAsync(key, new Counter.Add(100));
        final Thread blocked = new Thread(() -> {
            try {
                store.mutate(key, new Counter.Add(1000));
            } catch (Counter.CounterError e) {
                throw new AssertionError(e);
            }
        });
        blocked.start();
        Thread.sleep(50);
        assertFalse(waiting.isDone());
        assertTrue(blocked.isAlive());
        assertEquals(new Counter(1, "x"), guard.mutate(new Counter.Add(1)));
        assertEquals(List.of(key), store.heldKeys());
        assertTrue(store.tryAcquire(key, Duration.ofMillis(10)).isEmpty());
        guard.close();
        waiting.get(10, TimeUnit.SECONDS);
        blocked.join(10_000);
        assertEquals(1101, store.get(key).orElseThrow().value().count());
        assertTrue(store.heldKeys().isEmpty());
    }

    @Test
    void guard_setsBroadcastsWatchesAndDeletes() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(0, "x"));
        try (EntryGuard<Counter, String> guard = store.acquire(key); Subscription<Counter, String> sub = guard.watch()) {
            guard.set(new Counter(5, "s"), "set");
            guard.broadcast("ping");
            assertEquals(5, guard.value().count());
            guard.delete("gone");
            assertTrue(guard.isClosed());
            assertInstanceOf(Update.Overwritten.class, sub.next());
            assertInstanceOf(Update.Message.class, sub.next());
            assertEquals("gone", assertInstanceOf(Update.Removed.class, sub.next()).message());
        }
        assertFalse(store.contains(key));
        assertThrows(KeyNotFoundException.class, () -> store.acquire(key));
        assertTrue(store.heldKeys().isEmpty(), "a failed acquire holds nothing");
    }

    @Test
    void acquireAsync_completesAfterRelease_fromAnyThread() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(0, "x"));
        final EntryGuard<Counter, String> first = store.acquire(key);
        final CompletableFuture<EntryGuard<Counter, String>> second = store.acquireAsync(key);
        assertFalse(second.isDone());
        final Thread closer = new Thread(first::close);
        closer.start();
        closer.join();
        try (EntryGuard<Counter, String> guard = second.get(10, TimeUnit.SECONDS)) {
            guard.mutate(new Counter.Add(1));
        }
        assertEquals(1, store.get(key).orElseThrow().value().count());
    }

    @Test
    void droppedGuard_isReleasedOnceCollected() throws Exception {
        final LiveStore<Counter, String> store = store();
        final UUID key = store.init(new Counter(0, "x"));
        store.acquire(key); // dropped without close
        for (int i = 0; i < 100 && !store.heldKeys().isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(store.heldKeys().isEmpty(), "the cleaner releases a collected guard");
        store.mutate(key, new Counter.Add(1));
    }

    @Test
    void combinedAcquireForms_holdTheNewEntry() throws Exception {
        final LiveStore<Counter, String> store = store();
        try (EntryGuard<Counter, String> guard = store.initAndAcquire(new Counter(1, "i"))) {
            assertEquals(List.of(guard.key()), store.heldKeys());
        }
        final UUID key = UUID.randomUUID();
        try (EntryGuard<Counter, String> guard = store.createAndAcquire(key, new Counter(2, "c"))) {
            assertEquals(2, guard.value().count());
        }
        try (EntryGuard<Counter, String> guard = store.assignAndAcquire(key, new Counter(3, "a"))) {
            assertEquals(3, guard.value().count());
        }
        assertThrows(KeyNotFoundException.class, () -> store.assignAndAcquire(UUID.randomUUID(), new Counter(1, "z")));
        assertTrue(store.heldKeys().isEmpty());
    }

    // ---- expiry ----

    @Test
    void expireAfterWrite_removesIdleEntries_tellsWatchers_andCallsBack() throws Exception {
        final List<Entry<Counter>> expired = new CopyOnWriteArrayList<>();
        final LiveStore<Counter, String> store = store(LiveStore.builder(CounterLayout.INSTANCE).messages(String.class)
                .expireAfterWrite(Duration.ofMinutes(10)).expireCheckEvery(Duration.ofDays(1)).onExpire(expired::addAll));
        final UUID idle = store.init(new Counter(1, "idle"));
        final UUID busy = store.init(new Counter(2, "busy"));
        final UUID own = store.init(new Counter(3, "own"), Duration.ofHours(1));
        final Subscription<Counter, String> sub = store.watch(idle);
        clock.advance(Duration.ofMinutes(6));
        store.mutate(busy, new Counter.Add(1));
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, store.evictExpired().size());
        assertEquals(List.of(idle), expired.stream().map(Entry::key).toList());
        assertEquals(RemovalCause.EXPIRED, assertInstanceOf(Update.Removed.class, sub.next()).cause());
        assertTrue(store.contains(busy));
        assertTrue(store.contains(own));
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(busy), store.evictExpired().stream().map(Entry::key).toList());
        clock.advance(Duration.ofHours(1));
        assertEquals(List.of(own), store.evictExpired().stream().map(Entry::key).toList());
    }

    @Test
    void expiry_withoutCallback_andHeldEntriesDoNotExpire() throws Exception {
        final LiveStore<Counter, String> store = store(LiveStore.builder(CounterLayout.INSTANCE).messages(String.class)
                .expireAfterWrite(Duration.ofSeconds(1)));
        final UUID held = store.init(new Counter(1, "h"));
        final UUID free = store.init(new Counter(1, "f"));
        try (EntryGuard<Counter, String> guard = store.acquire(held)) {
            clock.advance(Duration.ofSeconds(2));
            assertEquals(List.of(free), store.evictExpired().stream().map(Entry::key).toList());
            assertTrue(guard.get().expiresAt().isBefore(clock.instant()));
        }
        assertEquals(List.of(held), store.evictExpired().stream().map(Entry::key).toList());
        assertEquals(0, store.size());
    }

    // ---- memory and lifecycle ----

    @Test
    void maxMemory_refusesAWriteThatWouldPassIt_andChangesNothing() {
        final LiveStore<Counter, String> store = store(LiveStore.builder(CounterLayout.INSTANCE).messages(String.class)
                .expectedEntries(0).maxMemory(512 * 1024));
        int inserted = 0;
        MemoryLimitExceededException refused = null;
        while (refused == null) {
            try {
                store.init(new Counter(inserted, "m"));
                inserted++;
            } catch (MemoryLimitExceededException e) {
                refused = e;
            }
        }
        assertTrue(inserted > 0);
        assertEquals(inserted, store.size());
        assertTrue(store.memoryUsed() <= store.maxMemory(), store.memoryUsed() + " > " + store.maxMemory());
        assertTrue(refused.getMessage().contains("maxMemory"), refused.getMessage());
        final UUID any = store.entries().get(0).key();
        store.remove(any);
        store.insert(UUID.randomUUID(), new Counter(1, "again"));
        assertEquals(inserted, store.size());
    }

    @Test
    void storages_findStoresByValueAndClass_andCloseAll() {
        final LiveStore<Counter, String> counters = store();
        final Storages storages = Storages.of(counters);
        assertSame(counters, storages.forValue(Counter.class));
        assertSame(counters, storages.store(LiveStore.class));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> storages.forValue(String.class));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Storages.of(counters, counters));
        storages.close();
        assertTrue(counters.isClosed());
    }

    @Test
    void slowReader_isReported_withItsThread() throws Exception {
        final List<SlowReader> reports = new CopyOnWriteArrayList<>();
        final LiveStore<Counter, String> store = store(LiveStore.builder(CounterLayout.INSTANCE).messages(String.class)
                .publishInterval(Duration.ofDays(1)).slowReaderThreshold(Duration.ofMillis(20)).onSlowReader(reports::add));
        final UUID key = store.init(new Counter(0, "x"));
        try (StoreReader<Counter> reader = store.reader()) {
            reader.current();
            store.mutate(key, new Counter.Add(1));
            store.mutate(key, new Counter.Add(1));
            store.maintain();
            Thread.sleep(40);
            store.maintain();
            assertEquals(1, reports.size());
            assertEquals(Thread.currentThread().getName(), reports.get(0).thread());
            assertTrue(reports.get(0).pendingWrites() > 0);
            assertEquals(1, store.slowReaders().size());
        }
    }

    /** A mutation set that knows only {@link Counter.Add}. */
    private static final class OnlyAddMutations implements MutationSet<Counter> {
        @Override
        public Class<Counter> valueType() {
            return Counter.class;
        }

        @Override
        public int[] ids() {
            return new int[] {1};
        }

        @Override
        public long fingerprint() {
            return 1;
        }

        @Override
        public int idOf(Mutator<Counter, ?> mutation) {
            if (mutation instanceof Counter.Add) {
                return 1;
            }
            throw new IllegalArgumentException(mutation.getClass().getName() + " is not a mutation of Counter");
        }

        @Override
        public String name(int id) {
            return "Add";
        }

        @Override
        public int encodedSize(int id) {
            return 8;
        }

        @Override
        public int maxEncodedSize() {
            return 8;
        }

        @Override
        public int encode(Mutator<Counter, ?> mutation, net.openhft.chronicle.bytes.BytesStore<?, ?> bytes, long offset) {
            bytes.writeLong(offset, ((Counter.Add) mutation).amount());
            return 1;
        }

        @Override
        public Mutator<Counter, ?> decode(int id, net.openhft.chronicle.bytes.BytesStore<?, ?> bytes, long offset) {
            return new Counter.Add(bytes.readLong(offset));
        }

        @Override
        public Counter apply(int id, net.openhft.chronicle.bytes.BytesStore<?, ?> bytes, long offset, Counter current)
                throws Exception {
            return new Counter.Add(bytes.readLong(offset)).apply(current);
        }
    }
}
