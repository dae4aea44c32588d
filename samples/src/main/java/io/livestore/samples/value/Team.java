package io.livestore.samples.value;

/** A player's team. Stored by the hash of the constant's name, so reordering is safe. */
public enum Team {
    RED,
    BLUE
}
