package io.livestore.samples.value;

import io.livestore.annotations.Mutation;

/**
 * Moves a player to a new position.
 *
 * @param to the new position
 */
@Mutation
public record Move(Position to) implements PlayerChange {

    @Override
    public Player apply(Player p) {
        return new Player(p.name(), p.hp(), p.score(), p.team(), to);
    }
}
