package io.livestore.samples.value;

import io.livestore.annotations.LiveValue;

/**
 * Where a player stands; nested in {@link Player} and inlined in its layout.
 *
 * @param x metres east
 * @param y metres north
 */
@LiveValue
public record Position(double x, double y) {
}
