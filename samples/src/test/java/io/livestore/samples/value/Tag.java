package io.livestore.samples.value;

import io.livestore.annotations.LiveValue;
import io.livestore.annotations.MaxLength;

/**
 * A small nested value with an odd size, to test alignment inside {@link AllTypes}.
 *
 * @param b a byte
 * @param code a short code, up to 3 UTF-8 bytes
 */
@LiveValue
public record Tag(byte b, @MaxLength(3) String code) {
}
