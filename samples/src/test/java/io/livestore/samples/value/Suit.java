package io.livestore.samples.value;

/** An enum for the round-trip tests. */
public enum Suit {
    CLUBS,
    DIAMONDS,
    HEARTS,
    SPADES
}
