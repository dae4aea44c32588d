package io.livestore.samples.value;

import java.util.UUID;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * What the generated code does, without a store: a {@link Player} written to native memory, one
 * field read in place, mutations carried as bytes (the way a journal or a replica will carry
 * them) and applied by id, and a message through its codec.
 *
 * <p>Run with {@code mvn -Pdemo -pl samples -am verify -Ddemo.main=io.livestore.samples.value.PlayerLayoutDemo}.
 */
public final class PlayerLayoutDemo {

    private PlayerLayoutDemo() {
    }

    /**
     * @param args ignored
     * @throws Exception if a mutation is rejected (it is not)
     */
    public static void main(String[] args) throws Exception {
        int frame = Math.max(PlayerMutations.INSTANCE.maxEncodedSize(), PlayerMessages.INSTANCE.maxEncodedSize());
        BytesStore<?, ?> memory = BytesStore.nativeStoreWithFixedCapacity(PlayerLayout.SIZE + frame);
        try {
            long value = 0;
            long journal = PlayerLayout.SIZE;
            PlayerLayout.write(new Player("ada", 100, 0, Team.RED, new Position(0, 0)), memory, value);
            System.out.println(PlayerLayout.INSTANCE);
            System.out.println("hp read in place: " + PlayerLayout.hp(memory, value));

            for (PlayerChange change : new PlayerChange[] {new Damage(30), new Move(new Position(3, 4))}) {
                int id = PlayerMutations.INSTANCE.encode(change, memory, journal);
                Player next = PlayerMutations.INSTANCE.apply(id, memory, journal, PlayerLayout.read(memory, value));
                PlayerLayout.write(next, memory, value);
                System.out.printf("applied %s (id 0x%08x): %s%n", PlayerMutations.INSTANCE.name(id), id, next);
            }

            // A message changes nothing; its codec lets it leave the process as bytes.
            PlayerMessage chat = new PlayerMessage.Chat(new UUID(0, 1), "gg");
            int id = PlayerMessages.INSTANCE.encode(chat, memory, journal);
            System.out.printf("message %s (id 0x%08x, %d bytes) read back: %s%n", PlayerMessages.INSTANCE.name(id), id,
                    PlayerMessages.INSTANCE.encodedSize(id), PlayerMessages.INSTANCE.decode(id, memory, journal));
        } finally {
            memory.releaseLast();
        }
    }
}
