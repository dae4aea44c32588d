package io.livestore.samples.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.livestore.runtime.layout.BoundedUtf8;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/** Random records through native memory and back: values and the mutations that change them. */
class AllTypesProperties {

    private static final long OFFSET = 40;
    private final OffHeap memory = new OffHeap(OFFSET + AllTypesLayout.SIZE + 8);

    @AfterProperty
    void free() {
        memory.close();
    }

    @Property(tries = 500)
    void value_roundTrips(@ForAll("values") AllTypes value) {
        AllTypesLayout.INSTANCE.encode(value, memory.bytes, OFFSET);
        assertEquals(value, AllTypesLayout.INSTANCE.decode(memory.bytes, OFFSET));
        assertEquals(value.d(), AllTypesLayout.d(memory.bytes, OFFSET));
        assertEquals(value.longText(), AllTypesLayout.longText(memory.bytes, OFFSET, new StringBuilder()).toString());
    }

    @Property(tries = 300)
    void replace_roundTripsAndApplies(@ForAll("values") AllTypes before, @ForAll("values") AllTypes after)
            throws Exception {
        Replace mutation = new Replace(after);
        int id = AllTypesMutations.INSTANCE.encode(mutation, memory.bytes, OFFSET);
        assertEquals(AllTypesMutations.REPLACE, id);
        assertEquals(mutation, AllTypesMutations.INSTANCE.decode(id, memory.bytes, OFFSET));
        assertEquals(after, AllTypesMutations.INSTANCE.apply(id, memory.bytes, OFFSET, before));
    }

    @Property(tries = 300)
    void retag_roundTripsAndApplies(@ForAll("retags") Retag mutation, @ForAll("values") AllTypes before)
            throws Exception {
        int id = AllTypesMutations.INSTANCE.encode(mutation, memory.bytes, OFFSET);
        assertEquals(AllTypesMutations.RETAG, id);
        assertEquals(mutation, AllTypesMutations.INSTANCE.decode(id, memory.bytes, OFFSET));
        if (!Double.isNaN(mutation.delta())) {
            assertEquals(mutation.apply(before), AllTypesMutations.INSTANCE.apply(id, memory.bytes, OFFSET, before));
        }
    }

    /** Strings of valid code points (any plane), cut to fit {@code maxBytes} of UTF-8. */
    static Arbitrary<String> text(int maxBytes) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7e)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0xd7ff)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
        return codePoint.list().ofMaxSize(maxBytes).map(cps -> {
            StringBuilder s = new StringBuilder();
            for (int cp : cps) {
                s.appendCodePoint(cp);
                if (BoundedUtf8.utf8Length(s) > maxBytes) {
                    s.setLength(s.length() - Character.charCount(cp));
                    break;
                }
            }
            return s.toString();
        });
    }

    static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE,
                        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    static Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<AllTypes> values() {
        Arbitrary<Tag> tags = Combinators.combine(Arbitraries.bytes(), text(3)).as(Tag::new);
        Arbitrary<Position> positions = Combinators.combine(doubles(), doubles()).as(Position::new);
        var primitives = Combinators.combine(Arbitraries.of(true, false), Arbitraries.bytes(), Arbitraries.shorts(),
                Arbitraries.chars(), Arbitraries.integers(), Arbitraries.longs(),
                Arbitraries.integers().map(Float::intBitsToFloat), doubles()).as(Primitives::new);
        return Combinators.combine(primitives, Arbitraries.of(Suit.class), uuids(), instants(), text(8), text(300),
                tags, positions).as((p, suit, id, at, shortText, longText, tag, pos) -> new AllTypes(
                        p.flag, p.b, p.s, p.c, p.i, p.l, p.f, p.d, suit, id, at, shortText, longText, tag, pos));
    }

    @Provide
    Arbitrary<Retag> retags() {
        return Combinators.combine(text(8), Arbitraries.of(Suit.class), uuids(), instants(), doubles())
                .as(Retag::new);
    }

    private record Primitives(boolean flag, byte b, short s, char c, int i, long l, float f, double d) {
    }
}
