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

    /**
     * A view shared by two threads against the rules can end up with one thread's reader and
     * generation beside a record reference found in another store (position() writes its fields
     * one by one). Simulated here directly: the read must stay inside the checking reader's own
     * arena and refuse a reference it does not hold, never follow the other store's memory,
     * which that store may have freed by then.
     */
    @Test
    void aViewTornBetweenTwoStores_refusesTheForeignRecord_insteadOfReadingIt() {
        final LiveStore<Counter, String> small = store();
        final UUID only = small.init(new Counter(1, "a"));
        try (LiveStore<Counter, String> large = LiveStore.builder(CounterLayout.INSTANCE).messages(String.class)
                .expectedEntries(100_000).build()) {
            UUID last = null;
            for (int i = 0; i < 100_000; i++) {
                last = large.init(new Counter(i, "b"));
            }
            final int foreignRef;
            try (StoreReader<Counter> largeReader = large.reader()) {
                final CounterView probe = new CounterView();
                largeReader.current().find(last, probe);
                foreignRef = probe.positionedRef();
            }
            try (StoreReader<Counter> reader = small.reader()) {
                final CounterView view = new CounterView();
                reader.current().find(only, view);
                view.position(reader, reader.generation(), foreignRef);
                assertThrows(IndexOutOfBoundsException.class, view::countDirect);
                assertThrows(IndexOutOfBoundsException.class, view::version);
                assertThrows(IndexOutOfBoundsException.class, view::count);
            }
        }
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
            return readLong(offsetInValue); // the reader fences this view itself
        }

        byte byteAt(long offsetInValue) {
            return readByte(offsetInValue); // the reader fences this view itself
        }

        @Override
        protected Object decodeRecord(BytesStore<?, ?> bytes, long offset) {
            throw new UnsupportedOperationException();
        }
    }
}
