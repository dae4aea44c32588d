package io.livestore.samples.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livestore.runtime.store.MessageSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Player's messages through bytes and back, the way a websocket or a replica will carry them. */
class PlayerMessagesTest {

    private final OffHeap memory = new OffHeap(256);
    private final MessageSet<PlayerMessage> messages = PlayerMessages.INSTANCE;

    @AfterEach
    void free() {
        memory.close();
    }

    private PlayerMessage roundTrip(PlayerMessage message, long offset) {
        int id = messages.encode(message, memory.bytes, offset);
        assertEquals(messages.idOf(message), id);
        PlayerMessage back = messages.decode(id, memory.bytes, offset);
        assertEquals(message, back);
        return back;
    }

    @Test
    void everyMessage_roundTrips() {
        List<PlayerMessage> all = List.of(
                new PlayerMessage.Chat(new UUID(1, 2), "gg \u00e9\uD83D\uDE00"),
                new PlayerMessage.Chat(new UUID(-1, Long.MIN_VALUE), "x".repeat(64)),
                new PlayerMessage.Chat(new UUID(0, 0), ""),
                new PlayerMessage.Ping(Instant.ofEpochSecond(1_700_000_000L, 123_456_789)),
                new PlayerMessage.Ping(Instant.MIN),
                new PlayerMessage.Wave(new Position(3.5, -0.0), Team.BLUE));
        long offset = 0;
        for (PlayerMessage m : all) {
            roundTrip(m, offset);
            offset += 7; // odd offsets too: encodings have no alignment requirement
        }
    }

    @Test
    void randomMessages_roundTrip() {
        SeededTrials.run(500, random -> roundTrip(RandomRecords.playerMessage(random),
                random.nextLong(256 - messages.maxEncodedSize() + 1)));
    }

    @Test
    void set_describesItself() {
        assertEquals(PlayerMessage.class, messages.messageType());
        assertArrayEquals(IntStream.of(PlayerMessages.PLAYER_MESSAGE_CHAT, PlayerMessages.PLAYER_MESSAGE_PING,
                PlayerMessages.PLAYER_MESSAGE_WAVE).sorted().toArray(), messages.ids());
        assertEquals("io.livestore.samples.value.PlayerMessage.Chat", messages.name(PlayerMessages.PLAYER_MESSAGE_CHAT));
        assertEquals(16 + 1 + 64, messages.encodedSize(PlayerMessages.PLAYER_MESSAGE_CHAT));
        assertEquals(81, messages.maxEncodedSize());
        assertEquals(PlayerMessages.FINGERPRINT, messages.fingerprint());
    }

    @Test
    void badInput_failsClearlyAndWritesNothing() {
        roundTrip(new PlayerMessage.Ping(Instant.EPOCH), 0);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> messages.encode(new PlayerMessage.Chat(new UUID(1, 1), "y".repeat(65)), memory.bytes, 0));
        assertTrue(tooLong.getMessage().startsWith("PlayerMessage.Chat.text is 65 UTF-8 bytes long, more than its "
                + "@MaxLength(64)"), tooLong.getMessage());
        NullPointerException nullComponent = assertThrows(NullPointerException.class,
                () -> messages.encode(new PlayerMessage.Wave(null, Team.RED), memory.bytes, 0));
        assertEquals("PlayerMessage.Wave.at is null; LiveStore values have no null components",
                nullComponent.getMessage());
        assertThrows(NullPointerException.class, () -> messages.idOf(null));
        assertThrows(IndexOutOfBoundsException.class,
                () -> messages.encode(new PlayerMessage.Ping(Instant.EPOCH), memory.bytes, 250));
        assertEquals(new PlayerMessage.Ping(Instant.EPOCH),
                messages.decode(PlayerMessages.PLAYER_MESSAGE_PING, memory.bytes, 0));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> messages.decode(42, memory.bytes, 0));
        assertTrue(unknown.getMessage().startsWith("no message of Player has id 0x2a; known: "), unknown.getMessage());
    }
}
