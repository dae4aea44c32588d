package io.livestore.samples.value;

import io.livestore.annotations.Mutation;

/**
 * Takes hit points from a player, down to zero.
 *
 * @param amount the damage, at least zero
 */
@Mutation
public record Damage(int amount) implements PlayerChange {

    @Override
    public Player apply(Player p) throws GameError {
        if (amount < 0) {
            throw new GameError("negative damage " + amount);
        }
        if (p.hp() == 0) {
            throw new GameError(p.name() + " is already down");
        }
        return new Player(p.name(), Math.max(0, p.hp() - amount), p.score(), p.team(), p.at());
    }
}
