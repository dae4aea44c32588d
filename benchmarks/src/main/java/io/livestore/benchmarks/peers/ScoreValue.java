package io.livestore.benchmarks.peers;

/**
 * {@code Score} as a Chronicle Values interface: Chronicle Map stores it as a 12-byte flyweight
 * and reads it with {@code getUsing} into a reused instance, without serialization or garbage,
 * the configuration its documentation recommends for speed.
 */
public interface ScoreValue {

    long getPoints();

    void setPoints(long points);

    int getLevel();

    void setLevel(int level);
}
