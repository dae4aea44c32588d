package io.livestore.runtime.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedUtf8Test {

    private final BytesStore<?, ?> bytes = BytesStore.nativeStoreWithFixedCapacity(1024);

    @AfterEach
    void free() {
        bytes.releaseLast();
    }

    @Test
    void fieldSize_prefixIsOneByteUpTo255ThenTwo() {
        assertEquals(1 + 1, BoundedUtf8.fieldSize(1));
        assertEquals(1 + 255, BoundedUtf8.fieldSize(255));
        assertEquals(2 + 256, BoundedUtf8.fieldSize(256));
        assertEquals(2 + 65535, BoundedUtf8.fieldSize(BoundedUtf8.MAX_BOUND));
    }

    @Test
    void utf8Length_matchesTheJdkForWellFormedText() {
        for (String s : new String[] {"", "abc", "\u00e9t\u00e9", "\u20ac", "\uD83D\uDE00", "a\uD83D\uDE00\u00e9\u20ac"}) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, BoundedUtf8.utf8Length(s), s);
        }
    }

    @Test
    void write_thenRead_everyWidthOfUtf8() {
        String s = "a\u00e9\u20ac\uD83D\uDE00"; // 1 + 2 + 3 + 4 bytes
        BoundedUtf8.write(bytes, 3, s, 10, "V", "f");
        assertEquals(10, BoundedUtf8.length(bytes, 3, 10));
        assertEquals(s, BoundedUtf8.read(bytes, 3, 10));
        assertEquals("x" + s, BoundedUtf8.read(bytes, 3, 10, new StringBuilder("x")).toString());
    }

    @Test
    void read_malformedUtf8_throwsOnBothPaths() {
        int[][] malformed = {
            {0xC3, 0x41},             // missing continuation
            {0xC0, 0x80},             // overlong NUL
            {0xED, 0xA0, 0x80},       // a surrogate
            {0xF8, 0x88, 0x80, 0x80}, // a five-byte lead
            {0x80},                   // stray continuation
            {0xF4, 0x90, 0x80, 0x80}, // past U+10FFFF
            {0xE2, 0x82},             // truncated
        };
        for (int[] utf8 : malformed) {
            bytes.writeUnsignedByte(0, utf8.length);
            for (int i = 0; i < utf8.length; i++) {
                bytes.writeUnsignedByte(1 + i, utf8[i]);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> BoundedUtf8.read(bytes, 0, 8));
            assertEquals("corrupt string field at offset 0: malformed UTF-8 at byte 0 of the string", e.getMessage());
            assertThrows(IllegalStateException.class, () -> BoundedUtf8.read(bytes, 0, 8, new StringBuilder()));
        }
    }

    @Test
    void maxBytes_outsideOneToMaxBound_isRefused() {
        assertEquals("@MaxLength must be in [1, 65535], got 70000",
                assertThrows(IllegalArgumentException.class, () -> BoundedUtf8.write(bytes, 0, "x", 70_000, "V", "f"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> BoundedUtf8.read(bytes, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> BoundedUtf8.length(bytes, 0, -1));
    }

    @Test
    void write_twoBytePrefix() {
        String s = "\u20ac".repeat(100);
        BoundedUtf8.write(bytes, 0, s, 300, "V", "f");
        assertEquals(300, bytes.readUnsignedShort(0));
        assertEquals(s, BoundedUtf8.read(bytes, 0, 300));
    }

    @Test
    void write_unpairedSurrogateBecomesQuestionMark() {
        BoundedUtf8.write(bytes, 0, "a\uD83Db", 8, "V", "f");
        assertEquals("a?b", BoundedUtf8.read(bytes, 0, 8));
    }

    @Test
    void write_tooLong_namesOwnerComponentAndLengths_andWritesNothing() {
        BoundedUtf8.write(bytes, 0, "ok", 4, "V", "f");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundedUtf8.write(bytes, 0, "\u00e9\u00e9\u00e9", 4, "Player", "name"));
        assertEquals("Player.name is 6 UTF-8 bytes long, more than its @MaxLength(4): \"\u00e9\u00e9\u00e9\"",
                e.getMessage());
        assertEquals("ok", BoundedUtf8.read(bytes, 0, 4));
    }

    @Test
    void length_corruptPrefixIsRefused() {
        bytes.writeByte(0, (byte) 9);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BoundedUtf8.read(bytes, 0, 4));
        assertEquals("corrupt string field at offset 0: length 9 exceeds its @MaxLength(4)", e.getMessage());
    }

    @Test
    void unknownConstant_namesTheFieldAndTheHash() {
        bytes.writeInt(16, 0xCAFEBABE);
        IllegalStateException e = StoredEnums.unknownConstant("Player", "team", "Team", bytes, 16);
        assertEquals("Player.team: stored hash 0xcafebabe at offset 16 matches no constant of Team; was a constant "
                + "renamed or removed since the value was written?", e.getMessage());
    }
}
