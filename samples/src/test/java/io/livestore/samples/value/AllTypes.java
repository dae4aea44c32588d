package io.livestore.samples.value;

import io.livestore.annotations.LiveValue;
import io.livestore.annotations.MaxLength;
import java.time.Instant;
import java.util.UUID;

/**
 * Every supported component type, for the round-trip tests. {@code longText} is bounded above
 * 255 bytes, so it takes the two-byte length prefix.
 */
@LiveValue
public record AllTypes(
        boolean flag,
        byte b,
        short s,
        char c,
        int i,
        long l,
        float f,
        double d,
        Suit suit,
        UUID id,
        Instant at,
        @MaxLength(8) String shortText,
        @MaxLength(300) String longText,
        Tag tag,
        Position pos) {
}
