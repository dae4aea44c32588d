package io.livestore.runtime.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.openhft.chronicle.bytes.BytesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every field encoding refuses an offset outside its memory before touching it. */
class FieldBoundsTest {

    private static final int CAPACITY = 64;

    private final BytesStore<?, ?> bytes = BytesStore.nativeStoreWithFixedCapacity(CAPACITY);

    @AfterEach
    void free() {
        bytes.releaseLast();
    }

    @Test
    void write_fieldPastTheEnd_throwsAndWritesNothing() {
        // A 10-byte field (1 + 9) at 60 would run 6 bytes past the end of the 64.
        final IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> BoundedUtf8.write(bytes, 60, "a", 9, "Player", "name"));
        assertEquals("Player.name string field at offset 60, length 10 lies outside the memory's capacity of 64 bytes",
                e.getMessage());
        assertEquals(0, bytes.readInt(60));
    }

    @Test
    void write_negativeOrHugeOffset_throws() {
        assertThrows(IndexOutOfBoundsException.class, () -> BoundedUtf8.write(bytes, -1, "a", 9, "P", "n"));
        assertThrows(IndexOutOfBoundsException.class, () -> BoundedUtf8.write(bytes, 1L << 40, "a", 9, "P", "n"));
        assertThrows(IndexOutOfBoundsException.class,
                () -> BoundedUtf8.write(bytes, Long.MAX_VALUE - 2, "a", 9, "P", "n"));
    }

    @Test
    void length_fieldPastTheEnd_throws() {
        final IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> BoundedUtf8.length(bytes, 60, 9));
        assertEquals("string field at offset 60, length 10 lies outside the memory's capacity of 64 bytes",
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> BoundedUtf8.length(bytes, -1, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> BoundedUtf8.length(bytes, 1L << 40, 9));
    }

    @Test
    void read_fieldPastTheEnd_throws() {
        assertThrows(IndexOutOfBoundsException.class, () -> BoundedUtf8.read(bytes, 60, 9));
        assertThrows(IndexOutOfBoundsException.class,
                () -> BoundedUtf8.read(bytes, 1L << 40, 9, new StringBuilder()));
        assertThrows(IndexOutOfBoundsException.class, () -> BoundedUtf8.read(bytes, -5, 9));
    }

    @Test
    void readAndWrite_fieldEndingExactlyAtTheEnd_work() {
        BoundedUtf8.write(bytes, CAPACITY - 10, "abcdefghi", 9, "P", "n");
        assertEquals("abcdefghi", BoundedUtf8.read(bytes, CAPACITY - 10, 9));
    }

    @Test
    void unknownConstant_offsetOutside_throwsInsteadOfReading() {
        final IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> StoredEnums.unknownConstant("Player", "team", "Team", bytes, 62));
        assertEquals("Player.team enum field at offset 62, length 4 lies outside the memory's capacity of 64 bytes",
                e.getMessage());
        assertThrows(IndexOutOfBoundsException.class,
                () -> StoredEnums.unknownConstant("Player", "team", "Team", bytes, -4));
        assertThrows(IndexOutOfBoundsException.class,
                () -> StoredEnums.unknownConstant("Player", "team", "Team", bytes, 1L << 40));
    }

    @Test
    void check_negativeSize_throws() {
        final IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> ValueBounds.check(bytes, 8, -8, "Player"));
        assertEquals("Player value at [8, 0) lies outside the memory's 64 bytes", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> ValueBounds.check(bytes, 0, Integer.MIN_VALUE, "P"));
    }

    @Test
    void check_valueEndingExactlyAtTheEnd_passes() {
        ValueBounds.check(bytes, CAPACITY - 8, 8, "Player");
        ValueBounds.check(bytes, CAPACITY, 0, "Player");
    }
}
