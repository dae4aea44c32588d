package io.livestore.benchmarks.peers;

/**
 * {@code Score} as a Chronicle Values interface: Chronicle Map stores it as a 12-byte flyweight
 * and reads it with {@code getUsing} into a reused instance, without serialization or garbage,
 * the configuration its documentation recommends for speed.
 */
public interface ScoreValue {

    /** The score's points. */
    long getPoints();

    /** Sets the score's points. */
    void setPoints(long points);

    /** The player's level. */
    int getLevel();

    /** Sets the player's level. */
    void setLevel(int level);
}
