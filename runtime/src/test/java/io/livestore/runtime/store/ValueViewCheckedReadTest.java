package io.livestore.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
}
