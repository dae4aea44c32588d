package io.livestore.samples.value;

import io.livestore.annotations.Mutation;
import io.livestore.annotations.MaxLength;
import io.livestore.runtime.store.Mutator;
import java.time.Instant;
import java.util.UUID;

/**
 * Changes a few fields; its components cover every non-primitive kind.
 *
 * @param text the new short text
 * @param suit the new suit
 * @param id the new id
 * @param at the new instant
 * @param delta added to {@code i}
 */
@Mutation
public record Retag(@MaxLength(8) String text, Suit suit, UUID id, Instant at, double delta)
        implements Mutator<AllTypes, IllegalStateException> {

    @Override
    public AllTypes apply(AllTypes v) {
        if (Double.isNaN(delta)) {
            throw new IllegalStateException("delta is NaN");
        }
        return new AllTypes(v.flag(), v.b(), v.s(), v.c(), v.i(), v.l(), v.f(), v.d() + delta, suit, id, at, text,
                v.longText(), v.tag(), v.pos());
    }
}
