package io.livestore.samples.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livestore.runtime.store.MutationSet;
import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.store.Mutator;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sample value and its two mutations, used the way the table and the store will use them. */
class PlayerTest {

    private final OffHeap memory = new OffHeap(256);
    private final ValueLayout<Player> layout = PlayerLayout.INSTANCE;
    private final MutationSet<Player> mutations = PlayerMutations.INSTANCE;
    private final Player ada = new Player("ada", 100, 7, Team.RED, new Position(1.5, -2));

    @AfterEach
    void free() {
        memory.close();
    }

    @Test
    void layout_describesItself() {
        assertEquals(Player.class, layout.valueType());
        assertEquals(56, layout.size());
        assertEquals(PlayerLayout.FINGERPRINT, layout.fingerprint());
        assertEquals("io.livestore.samples.value.Player{name:String(16);hp:int;score:long;"
                + "team:enum io.livestore.samples.value.Team;at:io.livestore.samples.value.Position{x:double;y:double}}",
                layout.description());
    }

    @Test
    void encode_thenReadersSeeEachField() {
        layout.encode(ada, memory.bytes, 64);
        assertEquals(ada, layout.decode(memory.bytes, 64));
        assertEquals(100, PlayerLayout.hp(memory.bytes, 64));
        assertEquals(Team.RED, PlayerLayout.team(memory.bytes, 64));
        assertEquals("ada", PlayerLayout.name(memory.bytes, 64));
        assertEquals(-2, PositionLayout.y(memory.bytes, 64 + PlayerLayout.AT_OFFSET));
    }

    @Test
    void readersAndCodecs_offsetOutsideMemory_throwInsteadOfTouchingIt() {
        long capacity = memory.bytes.realCapacity();
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> PlayerLayout.hp(memory.bytes, 1L << 40));
        assertEquals("Player value at [1099511627776, 1099511627832) lies outside the memory's " + capacity
                + " bytes", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> PlayerLayout.hp(memory.bytes, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> PlayerLayout.score(memory.bytes, Long.MAX_VALUE));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.encode(ada, memory.bytes, capacity - 8));
        assertThrows(IndexOutOfBoundsException.class, () -> layout.decode(memory.bytes, capacity));
        assertThrows(IndexOutOfBoundsException.class, () -> PlayerMutations.encodeMove(new Move(new Position(1, 2)),
                memory.bytes, capacity - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> PlayerMutations.decodeDamage(memory.bytes, -4));
    }

    @Test
    void applyById_decodesAndAppliesEachMutation() throws Exception {
        Mutator<Player, ?> damage = new Damage(30);
        int id = mutations.encode(damage, memory.bytes, 0);
        assertEquals(PlayerMutations.DAMAGE, id);
        assertEquals(mutations.idOf(damage), id);
        assertEquals(damage, mutations.decode(id, memory.bytes, 0));
        assertEquals(70, mutations.apply(id, memory.bytes, 0, ada).hp());

        Move move = new Move(new Position(3, 4));
        id = mutations.encode(move, memory.bytes, 100);
        assertEquals(PlayerMutations.MOVE, id);
        assertEquals(new Position(3, 4), mutations.apply(id, memory.bytes, 100, ada).at());
        assertEquals(PlayerMutations.MOVE_SIZE, mutations.encodedSize(id));
        assertEquals("io.livestore.samples.value.Move", mutations.name(id));
    }

    @Test
    void applyById_passesOnTheTypedRejection() {
        Player down = new Player("bob", 0, 0, Team.BLUE, new Position(0, 0));
        int id = mutations.encode(new Damage(1), memory.bytes, 0);
        GameError e = assertThrows(GameError.class, () -> mutations.apply(id, memory.bytes, 0, down));
        assertEquals("bob is already down", e.getMessage());
    }

    @Test
    void ids_areSortedAndUnknownIdsFail() {
        int[] ids = mutations.ids();
        assertArrayEquals(new int[] {PlayerMutations.DAMAGE, PlayerMutations.MOVE}, ids);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mutations.encodedSize(42));
        assertEquals("no mutation of Player has id 0x2a; known: Damage, Move", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> mutations.idOf(p -> p));
    }

    @Test
    void readers_allocateNothing() {
        PlayerLayout.write(ada, memory.bytes, 0);
        StringBuilder name = new StringBuilder(16);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < 3; warm++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                sink += PlayerLayout.hp(memory.bytes, 0) + PlayerLayout.score(memory.bytes, 0)
                        + PlayerLayout.team(memory.bytes, 0).ordinal()
                        + (long) PositionLayout.x(memory.bytes, PlayerLayout.AT_OFFSET)
                        + PlayerLayout.nameUtf8Length(memory.bytes, 0);
                name.setLength(0);
                PlayerLayout.name(memory.bytes, 0, name);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (warm == 2) {
                // A few hundred bytes of slack for the measurement itself; one allocation per
                // read would be megabytes.
                assertEquals(0, allocated / 10_000, "bytes allocated by 100k reads: " + allocated);
            }
        }
        assertEquals("ada", name.toString());
        assertEquals(3 * 100_000L * (100 + 7 + 0 + 1 + 3), sink);
    }
}
