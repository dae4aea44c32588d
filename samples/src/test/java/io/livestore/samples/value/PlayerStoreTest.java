package io.livestore.samples.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.livestore.runtime.store.EntryGuard;
import io.livestore.runtime.store.StoreReader;
import io.livestore.runtime.store.Storages;
import io.livestore.runtime.store.Subscription;
import io.livestore.runtime.store.Update;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generated {@code PlayerStore} and {@code PlayerView}, used as a game server would use them. */
class PlayerStoreTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final PlayerStore store = PlayerStore.builder().name("players").expectedEntries(64).build();
    private final Player ada = new Player("ada", 100, 7, Team.RED, new Position(1.5, -2));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void builder_passesOptionsToTheRuntimeStore() {
        assertEquals("players", store.name());
        assertEquals(Player.class, store.valueType());
        assertSame(store.asLiveStore().layout(), PlayerLayout.INSTANCE);
        assertThrows(IllegalArgumentException.class, () -> PlayerStore.builder().watchBuffer(0));
    }

    @Test
    void mutate_typedBySealedParent_appliesOrRejectsWithGameError() throws GameError {
        UUID key = store.init(ada);
        assertEquals(70, store.mutate(key, new Damage(30)).hp());
        assertEquals(0, store.damage(key, 100).hp());
        GameError down = assertThrows(GameError.class, () -> store.damage(key, 1));
        assertEquals("ada is already down", down.getMessage());
        assertEquals(3, store.get(key).orElseThrow().version(), "the rejection changed nothing");
        assertEquals(new Position(3, 4), store.move(key, new Position(3, 4)).at());
    }

    @Test
    void mutateIfVersion_andAsync_areTyped() throws Exception {
        UUID key = store.init(ada);
        assertEquals(90, store.mutateIfVersion(key, 1, new Damage(10)).hp());
        CompletableFuture<Player> later = store.mutateAsync(key, new Damage(10));
        assertEquals(80, later.get().hp());
    }

    @Test
    void watchAndBroadcast_carryTypedMessages() throws Exception {
        UUID key = store.init(ada);
        try (Subscription<Player, PlayerMessage> updates = store.watch(key)) {
            PlayerMessage.Chat chat = new PlayerMessage.Chat(key, "gg");
            assertEquals(1, store.broadcast(key, chat));
            Update<Player, PlayerMessage> update = updates.next();
            assertEquals(chat, assertInstanceOf(Update.Message.class, update).message());
        }
    }

    @Test
    void guard_mutatesBroadcastsAndDeletes() throws Exception {
        UUID key = store.init(ada);
        try (EntryGuard<Player, PlayerMessage> guard = store.acquire(key)) {
            assertEquals(List.of(key), store.heldKeys());
            assertEquals(99, guard.mutate(new Damage(1)).hp());
            guard.delete();
        }
        assertFalse(store.contains(key));
    }

    @Test
    void view_readsEveryFieldOfTheSnapshot_andNestedValuesThroughTheirView() {
        UUID key = store.init(ada);
        PlayerView view = new PlayerView();
        try (StoreReader<Player> reader = store.reader()) {
            assertTrue(reader.current().find(key, view));
            assertEquals(100, view.hp());
            assertEquals(7, view.score());
            assertEquals(Team.RED, view.team());
            assertEquals("ada", view.name());
            assertEquals("ada", view.name(new StringBuilder()).toString());
            assertEquals(3, view.nameUtf8Length());
            assertEquals(1.5, view.at().x());
            assertEquals(-2, view.at().y());
            assertSame(view.at(), view.at(), "the nested view is created once");
            assertEquals(1, view.version());
            assertEquals(1, view.at().version(), "a nested view reads its entry's version");
            assertEquals(ada, view.toRecord());
            assertEquals(new Position(1.5, -2), view.at().toRecord());
            assertEquals("PlayerView[" + ada + ", version 1]", view.toString());
            assertFalse(reader.current().find(UUID.randomUUID(), view));
            assertFalse(view.isPositioned());
        }
    }

    @Test
    void view_afterTheReaderMovesOn_throwsUntilPositionedAgain() throws GameError {
        UUID key = store.init(ada);
        PlayerView view = new PlayerView();
        try (StoreReader<Player> reader = store.reader()) {
            assertTrue(reader.current().find(key, view));
            store.damage(key, 10);
            reader.current();
            assertFalse(view.isReadable());
            assertThrows(IllegalStateException.class, view::hp);
            assertThrows(IllegalStateException.class, () -> view.at().x());
            assertTrue(reader.current().find(key, view));
            assertEquals(90, view.hp());
            assertEquals(2, view.version());
        }
        assertThrows(IllegalStateException.class, view::hp, "the reader is closed");
    }

    @Test
    void view_onAnotherThread_throws_butToStringDoesNot() throws Exception {
        UUID key = store.init(ada);
        PlayerView view = new PlayerView();
        try (StoreReader<Player> reader = store.reader()) {
            assertTrue(reader.current().find(key, view));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<String> described = new AtomicReference<>();
            Thread other = new Thread(() -> {
                described.set(view.toString());
                try {
                    view.hp();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            other.start();
            other.join();
            assertInstanceOf(IllegalStateException.class, thrown.get());
            assertTrue(described.get().startsWith("PlayerView[not readable here"), described.get());
        }
    }

    @Test
    void find_withANestedView_isRefused() {
        UUID key = store.init(ada);
        try (PositionStore positions = PositionStore.builder().build();
                StoreReader<Position> reader = positions.reader()) {
            UUID at = positions.init(new Position(0, 0));
            PositionView nested = new PlayerView().at();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> reader.current().find(at, nested));
            assertTrue(e.getMessage().contains("nested in a PlayerView"), e.getMessage());
            assertTrue(store.contains(key));
        }
    }

    @Test
    void viewReads_allocateNothing() {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled());
        UUID key = store.init(ada);
        PlayerView view = new PlayerView();
        StringBuilder name = new StringBuilder(32);
        try (StoreReader<Player> reader = store.reader()) {
            long sink = 0;
            for (int i = 0; i < 20_000; i++) {
                sink += read(reader, view, key, name);
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                sink += read(reader, view, key, name);
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            // Well under one byte per read: reading the counter itself may allocate a little once.
            assertTrue(allocated < 10_000, "view reads allocated " + allocated + " bytes (sink " + sink + ")");
        }
    }

    private static long read(StoreReader<Player> reader, PlayerView view, UUID key, StringBuilder name) {
        if (!reader.current().find(key, view)) {
            return -1;
        }
        name.setLength(0);
        view.name(name);
        return view.hp() + view.score() + (long) view.at().x() + name.length() + view.version();
    }

    @Test
    void storages_findTheGeneratedStoreByClass() {
        try (PositionStore positions = PositionStore.builder().build()) {
            Storages all = Storages.of(store, positions);
            assertSame(store, all.store(PlayerStore.class));
            assertSame(positions, all.forValue(Position.class));
        }
    }

    @Test
    void closedStore_refusesWrites() {
        UUID key = store.init(ada);
        store.close();
        assertTrue(store.isClosed());
        assertThrows(IllegalStateException.class, () -> store.damage(key, 1));
        assertThrows(IllegalStateException.class, () -> store.init(ada));
    }

    @Test
    void tryAcquire_timesOut_whileAnotherGuardHoldsTheEntry() throws Exception {
        UUID key = store.init(ada);
        try (EntryGuard<Player, PlayerMessage> held = store.acquire(key)) {
            CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.tryAcquire(key, Duration.ofMillis(20)).isPresent();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertFalse(other.get());
            assertFalse(held.isClosed());
        }
    }
}
