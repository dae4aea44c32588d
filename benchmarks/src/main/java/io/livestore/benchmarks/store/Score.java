package io.livestore.benchmarks.store;

import io.livestore.annotations.LiveValue;

/**
 * The value of the store benchmarks: small (16 bytes in its layout), as a game server's per-player
 * score. The processor generates {@code ScoreStore}, {@code ScoreView} and {@code ScoreLayout}.
 *
 * @param points the score
 * @param level the player's level
 */
@LiveValue
public record Score(long points, int level) {
}
