package io.livestore.samples.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livestore.runtime.store.StoreReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The generated view's accessors of every primitive type (which read the record straight, through
 * {@code ValueView.readLong} and the others, not through the layout's codec) against the record
 * the store was given: sign extension of byte and short, char above 0x7FFF, boolean, NaN bits,
 * and the same through a nested view.
 */
class AllTypesViewTest {

    private static final List<AllTypes> VALUES = List.of(
            new AllTypes(false, Byte.MIN_VALUE, Short.MIN_VALUE, Character.MIN_VALUE, Integer.MIN_VALUE,
                    Long.MIN_VALUE, -Float.MAX_VALUE, -Double.MAX_VALUE, Suit.CLUBS, new UUID(1, 2),
                    Instant.EPOCH, "", "", new Tag(Byte.MIN_VALUE, ""), new Position(-0.0, Double.MIN_VALUE)),
            new AllTypes(true, Byte.MAX_VALUE, Short.MAX_VALUE, Character.MAX_VALUE, Integer.MAX_VALUE,
                    Long.MAX_VALUE, Float.intBitsToFloat(0x7fc0_1234), Double.longBitsToDouble(0x7ff8_0000_dead_beefL),
                    Suit.SPADES, new UUID(3, 4), Instant.EPOCH, "a", "b", new Tag(Byte.MAX_VALUE, "abc"),
                    new Position(Double.POSITIVE_INFINITY, Double.NaN)),
            new AllTypes(true, (byte) -2, (short) -3, '\u8001', -4, -5L, -0.0f, -0.0, Suit.HEARTS, new UUID(5, 6),
                    Instant.EPOCH, "x", "y", new Tag((byte) -6, "z"), new Position(7.5, -8.25)));

    @Test
    void primitiveAccessors_readWhatWasStored_topLevelAndNested() {
        try (AllTypesStore store = AllTypesStore.builder().build();
             StoreReader<AllTypes> reader = store.reader()) {
            final AllTypesView view = new AllTypesView();
            for (AllTypes value : VALUES) {
                final UUID key = store.init(value);
                assertTrue(reader.current().find(key, view));
                assertEquals(value.flag(), view.flag());
                assertEquals(value.b(), view.b());
                assertEquals(value.s(), view.s());
                assertEquals(value.c(), view.c());
                assertEquals(value.i(), view.i());
                assertEquals(value.l(), view.l());
                assertEquals(Float.floatToRawIntBits(value.f()), Float.floatToRawIntBits(view.f()));
                assertEquals(Double.doubleToRawLongBits(value.d()), Double.doubleToRawLongBits(view.d()));
                assertEquals(value.tag().b(), view.tag().b(), "nested byte");
                assertEquals(Double.doubleToRawLongBits(value.pos().x()), Double.doubleToRawLongBits(view.pos().x()));
                assertEquals(Double.doubleToRawLongBits(value.pos().y()), Double.doubleToRawLongBits(view.pos().y()));
                assertEquals(value, view.toRecord(), "the codec agrees");
            }
        }
    }
}
