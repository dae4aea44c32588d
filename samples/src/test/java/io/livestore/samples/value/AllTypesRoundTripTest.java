package io.livestore.samples.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Round trips of every supported type at its extremes through native memory, at an offset that
 * is not zero (so absolute addressing is exercised) and over memory that held other data.
 */
class AllTypesRoundTripTest {

    private static final long OFFSET = 24;
    private final OffHeap memory = new OffHeap(OFFSET + 2L * AllTypesLayout.SIZE);

    @AfterEach
    void free() {
        memory.close();
    }

    private AllTypes roundTrip(AllTypes value) {
        AllTypesLayout.INSTANCE.encode(value, memory.bytes, OFFSET);
        AllTypes back = AllTypesLayout.INSTANCE.decode(memory.bytes, OFFSET);
        assertEquals(value, back);
        return back;
    }

    private static AllTypes sample() {
        return new AllTypes(true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6d, Suit.HEARTS, new UUID(7, 8),
                Instant.ofEpochSecond(9, 10), "short", "long", new Tag((byte) 11, "tag"), new Position(12, 13));
    }

    @Test
    void roundTrip_minimums() {
        roundTrip(new AllTypes(false, Byte.MIN_VALUE, Short.MIN_VALUE, Character.MIN_VALUE, Integer.MIN_VALUE,
                Long.MIN_VALUE, -Float.MAX_VALUE, -Double.MAX_VALUE, Suit.CLUBS, new UUID(Long.MIN_VALUE, Long.MIN_VALUE),
                Instant.MIN, "", "", new Tag(Byte.MIN_VALUE, ""), new Position(Double.MIN_VALUE, Float.MIN_VALUE)));
    }

    @Test
    void roundTrip_maximums() {
        roundTrip(new AllTypes(true, Byte.MAX_VALUE, Short.MAX_VALUE, Character.MAX_VALUE, Integer.MAX_VALUE,
                Long.MAX_VALUE, Float.MAX_VALUE, Double.MAX_VALUE, Suit.SPADES, new UUID(Long.MAX_VALUE, -1L),
                Instant.MAX, "12345678", "x".repeat(300), new Tag(Byte.MAX_VALUE, "abc"),
                new Position(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
    }

    @Test
    void roundTrip_nanAndNegativeZeroKeepTheirBits() {
        float nanF = Float.intBitsToFloat(0x7fc0_1234);
        double nanD = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);
        AllTypes back = roundTrip(new AllTypes(false, (byte) 0, (short) 0, '\0', 0, 0, nanF, nanD, Suit.DIAMONDS,
                new UUID(0, 0), Instant.EPOCH, "", "", new Tag((byte) 0, ""), new Position(-0.0, Double.NaN)));
        assertEquals(Float.floatToRawIntBits(nanF), Float.floatToRawIntBits(back.f()));
        assertEquals(Double.doubleToRawLongBits(nanD), Double.doubleToRawLongBits(back.d()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.pos().x()));

        AllTypes zeros = roundTrip(new AllTypes(false, (byte) 0, (short) 0, '\0', 0, 0, -0.0f, -0.0, Suit.DIAMONDS,
                new UUID(0, 0), Instant.EPOCH, "", "", new Tag((byte) 0, ""), new Position(0, 0)));
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(zeros.f()));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(zeros.d()));
    }

    @Test
    void roundTrip_everyEnumConstant() {
        for (Suit suit : Suit.values()) {
            AllTypes s = sample();
            AllTypes value = new AllTypes(s.flag(), s.b(), s.s(), s.c(), s.i(), s.l(), s.f(), s.d(), suit, s.id(),
                    s.at(), s.shortText(), s.longText(), s.tag(), s.pos());
            assertEquals(suit, roundTrip(value).suit());
            assertEquals(suit, AllTypesLayout.suit(memory.bytes, OFFSET));
        }
    }

    @Test
    void roundTrip_maxLengthStringsWithFourByteUtf8() {
        String emoji = "\uD83D\uDE00"; // U+1F600, four UTF-8 bytes
        String shortText = emoji + emoji; // exactly 8 bytes
        String longText = emoji.repeat(74) + "\u00e9ab"; // 296 + 2 + 1 + 1 = exactly 300 bytes
        String code = "\u20ac"; // three bytes, the whole of Tag.code
        AllTypes s = sample();
        AllTypes back = roundTrip(new AllTypes(s.flag(), s.b(), s.s(), s.c(), s.i(), s.l(), s.f(), s.d(), s.suit(),
                s.id(), s.at(), shortText, longText, new Tag((byte) -1, code), s.pos()));
        assertEquals(8, AllTypesLayout.shortTextUtf8Length(memory.bytes, OFFSET));
        assertEquals(300, AllTypesLayout.longTextUtf8Length(memory.bytes, OFFSET));
        assertEquals(longText, back.longText());
        assertEquals(shortText, AllTypesLayout.shortText(memory.bytes, OFFSET, new StringBuilder()).toString());
    }

    @Test
    void encode_tooLongStringNamesRecordFieldAndLength() {
        AllTypes s = sample();
        AllTypes value = new AllTypes(s.flag(), s.b(), s.s(), s.c(), s.i(), s.l(), s.f(), s.d(), s.suit(), s.id(),
                s.at(), "\uD83D\uDE00\uD83D\uDE00a", s.longText(), s.tag(), s.pos());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllTypesLayout.INSTANCE.encode(value, memory.bytes, OFFSET));
        assertEquals("AllTypes.shortText is 9 UTF-8 bytes long, more than its @MaxLength(8): \"\uD83D\uDE00\uD83D\uDE00a\"",
                e.getMessage());
    }

    @Test
    void encode_tooLongNestedStringWritesNothing() {
        roundTrip(sample());
        AllTypes s = sample();
        AllTypes value = new AllTypes(false, (byte) 99, s.s(), s.c(), 99, 99, s.f(), s.d(), s.suit(), s.id(),
                s.at(), s.shortText(), s.longText(), new Tag((byte) 1, "four"), s.pos());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllTypesLayout.INSTANCE.encode(value, memory.bytes, OFFSET));
        assertTrue(e.getMessage().startsWith("Tag.code is 4 UTF-8 bytes long, more than its @MaxLength(3)"),
                e.getMessage());
        assertEquals(sample(), AllTypesLayout.read(memory.bytes, OFFSET));
    }

    @Test
    void encode_nullComponentNamesRecordAndField() {
        AllTypes s = sample();
        AllTypes value = new AllTypes(s.flag(), s.b(), s.s(), s.c(), s.i(), s.l(), s.f(), s.d(), null, s.id(),
                s.at(), s.shortText(), s.longText(), s.tag(), s.pos());
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> AllTypesLayout.INSTANCE.encode(value, memory.bytes, OFFSET));
        assertEquals("AllTypes.suit is null; LiveStore values have no null components", e.getMessage());
    }

    @Test
    void decode_unknownEnumHashFailsLoudly() {
        roundTrip(sample());
        memory.bytes.writeInt(OFFSET + AllTypesLayout.SUIT_OFFSET, 0x12345678);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AllTypesLayout.suit(memory.bytes, OFFSET));
        assertTrue(e.getMessage().startsWith("AllTypes.suit: stored hash 0x12345678"), e.getMessage());
    }

    @Test
    void readers_readEachFieldInPlace() {
        AllTypes s = sample();
        AllTypesLayout.write(s, memory.bytes, OFFSET);
        assertEquals(s.i(), AllTypesLayout.i(memory.bytes, OFFSET));
        assertEquals(s.l(), AllTypesLayout.l(memory.bytes, OFFSET));
        assertEquals(s.c(), AllTypesLayout.c(memory.bytes, OFFSET));
        assertEquals(s.id().getMostSignificantBits(), AllTypesLayout.idMostSignificantBits(memory.bytes, OFFSET));
        assertEquals(s.id().getLeastSignificantBits(), AllTypesLayout.idLeastSignificantBits(memory.bytes, OFFSET));
        assertEquals(s.at().getEpochSecond(), AllTypesLayout.atEpochSecond(memory.bytes, OFFSET));
        assertEquals(s.at().getNano(), AllTypesLayout.atNano(memory.bytes, OFFSET));
        assertEquals(s.pos().y(), PositionLayout.y(memory.bytes, OFFSET + AllTypesLayout.POS_OFFSET));
        assertEquals(s.tag().code(), TagLayout.code(memory.bytes, OFFSET + AllTypesLayout.TAG_OFFSET));
    }

    @Test
    void layout_primitivesAreNaturallyAlignedAndSizeIsWordMultiple() {
        assertEquals(0, AllTypesLayout.SIZE % 8);
        for (int offset : List.of(AllTypesLayout.L_OFFSET, AllTypesLayout.D_OFFSET, AllTypesLayout.ID_OFFSET,
                AllTypesLayout.AT_OFFSET, AllTypesLayout.POS_OFFSET, AllTypesLayout.TAG_OFFSET)) {
            assertEquals(0, offset % 8, "8-byte field at " + offset);
        }
        for (int offset : List.of(AllTypesLayout.I_OFFSET, AllTypesLayout.F_OFFSET, AllTypesLayout.SUIT_OFFSET)) {
            assertEquals(0, offset % 4, "4-byte field at " + offset);
        }
        assertEquals(0, AllTypesLayout.S_OFFSET % 2);
        assertEquals(0, AllTypesLayout.LONG_TEXT_OFFSET % 2);
    }
}
