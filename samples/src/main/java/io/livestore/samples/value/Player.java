package io.livestore.samples.value;

import io.livestore.annotations.LiveValue;
import io.livestore.annotations.MaxLength;

/**
 * A player of a game, kept off-heap. The processor generates {@code PlayerLayout},
 * {@code PlayerMutations} and, for its {@link PlayerMessage messages}, {@code PlayerMessages}
 * beside it.
 *
 * @param name the display name, up to 16 UTF-8 bytes
 * @param hp hit points, never negative
 * @param score the score
 * @param team the team
 * @param at the position
 */
@LiveValue(messages = PlayerMessage.class)
public record Player(@MaxLength(16) String name, int hp, long score, Team team, Position at) {
}
