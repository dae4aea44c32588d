package io.livestore.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.ref.Reference;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.openhft.chronicle.bytes.BytesStore;

/** The checks of {@link ValueView}'s raw readers: metadata and primitive reads, top-level and nested. */
class ValueViewCheckedReadTest {

    private LiveStore<Counter, String> store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private LiveStore<Counter, String> store() {
        store = LiveStore.builder(CounterLayout.INSTANCE).messages(String.class).build();
        return store;
    }

    /** The metadata accessors document IllegalStateException when the view is not positioned. */
    @Test
    void metadataAccessors_ofANeverPositionedView_throwIllegalState_notNullPointer() {
        final CounterView view = new CounterView();
        assertThrows(IllegalStateException.class, view::version);
        assertThrows(IllegalStateException.class, view::lastWriteMillis);
        assertThrows(IllegalStateException.class, view::createdMillis);
        assertThrows(IllegalStateException.class, view::expiresAtMillis);
    }

    @Test
    void metadataAccessors_afterAMissedFind_throwIllegalState_notNullPointer() {
        final LiveStore<Counter, String> s = store();
        s.init(new Counter(1, "a"));
        try (StoreReader<Counter> reader = s.reader()) {
            final CounterView view = new CounterView();
            assertEquals(false, reader.current().find(UUID.randomUUID(), view));
            assertThrows(IllegalStateException.class, view::version);
            assertThrows(IllegalStateException.class, view::expiresAtMillis);
        }
    }

    /**
     * A view nested at offset 8 of a Counter (its label): a negative offset in the nested value
     * lies outside it, yet lands inside the parent's value and was read (the count) instead of
     * refused, as readLong's javadoc promises.
     */
    @Test
    void nestedView_negativeOffset_isRefused_notReadFromTheParent() {
        final LiveStore<Counter, String> s = store();
        final UUID key = s.init(new Counter(42, "a"));
        try (StoreReader<Counter> reader = s.reader()) {
            final CounterView parent = new CounterView();
            final Nested nested = new Nested(parent, CounterLayout.LABEL_OFFSET);
            reader.current().find(key, parent);
            assertEquals(1, nested.byteAt(0), "the label's length prefix, through the nested view");
            assertThrows(IndexOutOfBoundsException.class, () -> nested.longAt(-CounterLayout.LABEL_OFFSET));
            assertThrows(IndexOutOfBoundsException.class, () -> nested.longAt(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> nested.longAt(Long.MAX_VALUE));
            assertThrows(IndexOutOfBoundsException.class, () -> nested.longAt(Long.MIN_VALUE));
        }
    }

    /** A user subclass nested in another view. */
    private static final class Nested extends ValueView<Object> {

        Nested(ValueView<?> parent, long offsetInParent) {
            super(parent, offsetInParent);
        }

        long longAt(long offsetInValue) {
            try {
                return readLong(offsetInValue);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        byte byteAt(long offsetInValue) {
            try {
                return readByte(offsetInValue);
            } finally {
                Reference.reachabilityFence(this);
            }
        }

        @Override
        protected Object decodeRecord(BytesStore<?, ?> bytes, long offset) {
            throw new UnsupportedOperationException();
        }
    }
}
