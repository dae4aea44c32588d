package io.livestore.samples.value;

import io.livestore.annotations.MaxLength;
import java.time.Instant;
import java.util.UUID;

/**
 * What a player's subscribers receive besides changes: messages, which change nothing. Declared
 * as {@link Player}'s message type, so the processor generates {@code PlayerMessages}, their
 * codecs, and they can leave the process as bytes.
 */
public sealed interface PlayerMessage permits PlayerMessage.Chat, PlayerMessage.Ping, PlayerMessage.Wave {

    /**
     * A line of chat.
     *
     * @param from the player who wrote it
     * @param text the text, up to 64 UTF-8 bytes
     */
    record Chat(UUID from, @MaxLength(64) String text) implements PlayerMessage {
    }

    /**
     * A liveness check.
     *
     * @param sentAt when it was sent
     */
    record Ping(Instant sentAt) implements PlayerMessage {
    }

    /**
     * A wave, seen by those near the player.
     *
     * @param at where the player waved
     * @param team whom it was meant for
     */
    record Wave(Position at, Team team) implements PlayerMessage {
    }
}
