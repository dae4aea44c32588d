package io.livestore.samples.value;

import io.livestore.runtime.store.Mutator;

/** The changes a player can go through; a {@code switch} over it is exhaustive. */
public sealed interface PlayerChange extends Mutator<Player, GameError> permits Damage, Move {
}
