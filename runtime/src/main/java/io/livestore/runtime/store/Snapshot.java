package io.livestore.runtime.store;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import io.livestore.runtime.table.CopyLookup;
import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.RecordArena;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * The whole store as one {@link StoreReader} holds it now: every read of a snapshot sees the same
 * published state, until the reader's next {@code current()}. There is one snapshot object per
 * reader, returned by every {@code current()}; it reads whatever its reader holds at the time
 * and throws {@link IllegalStateException} when the reader holds nothing (after
 * {@code quiescent()} or {@code close()}) or is used from another thread.
 *
 * <p>Methods that return values or entries allocate them; {@link #contains}, {@link #version},
 * {@link #size} and {@link #find} (with a view's field accessors) allocate nothing.
 *
 * @param <V> the value type
 */
public final class Snapshot<V> {

    private final StoreReader<V> reader;

    Snapshot(StoreReader<V> reader) {
        this.reader = reader;
    }

    /**
     * @param key a key
     * @return whether the key has an entry in this snapshot
     */
    public boolean contains(UUID key) {
        try {
            return find(key) != KeyIndex.NO_RECORD;
        } finally {
            reader.fence();
        }
    }

    /**
     * @param key a key
     * @return the entry's version in this snapshot, or -1 if the key has no entry
     */
    public long version(UUID key) {
        try {
            final KeyIndex index = index();
            final int ref = index.find(key.getMostSignificantBits(), key.getLeastSignificantBits());
            return ref == KeyIndex.NO_RECORD ? -1 : index.arena().readHeaderLong(ref, reader.entryLayout().versionOffset);
        } finally {
            reader.fence();
        }
    }

    /** @return the number of entries in this snapshot */
    public int size() {
        try {
            return index().size();
        } finally {
            reader.fence();
        }
    }

    /**
     * Decodes a key's value. Allocates the record; for single fields use a view ({@link #find}).
     *
     * @param key a key
     * @return the value, or {@code null} if the key has no entry
     */
    public V get(UUID key) {
        return readHeld(key, reader::decodeHeld);
    }

    /**
     * Decodes a key's entry with its metadata. Allocates.
     *
     * @param key a key
     * @return the entry, or {@code null} if the key has no entry
     */
    public Entry<V> entry(UUID key) {
        Objects.requireNonNull(key, "key");
        return readHeld(key, (generation, bytes, record) -> reader.readEntryHeld(generation, key, bytes, record));
    }

    /**
     * Positions {@code view} on a key's entry in this snapshot. The view then reads that entry's
     * fields without allocating, until this reader's next {@code current()}, {@code quiescent()}
     * or {@code close()}, after which it throws until positioned again.
     *
     * @param key a key
     * @param view a view created by this snapshot's reader's store (any reader of it)
     * @return whether the key has an entry; if not, the view is left unpositioned
     * @throws IllegalArgumentException if the view is nested in another view ({@code
     *     playerView.at()}): position the enclosing view instead
     */
    public boolean find(UUID key, ValueView<V> view) {
        view.checkTopLevel();
        try {
            // The hot path: one check of the reader, then the held copy's lookup.
            final long generation = reader.generation();
            final CopyLookup lookup = reader.lookup(generation);
            final int ref = lookup.find(key.getMostSignificantBits(), key.getLeastSignificantBits());
            if (ref == KeyIndex.NO_RECORD) {
                view.unposition();
                return false;
            }
            view.position(reader, generation, ref);
            return true;
        } finally {
            reader.fence();
        }
    }

    /**
     * Decodes every entry, in index order, and passes it to {@code action}. Allocates each entry.
     *
     * @param action receives each entry; it must not call this reader's {@code current()},
     *     {@code quiescent()} or {@code close()}
     */
    public void forEach(Consumer<? super Entry<V>> action) {
        Objects.requireNonNull(action, "action");
        try {
            final KeyIndex index = index();
            final RecordArena arena = index.arena();
            final long generation = reader.generation();
            index.forEach(ref -> {
                final UUID key = new UUID(arena.readHeaderLong(ref, StoredEntryLayout.KEY_MSB_OFFSET),
                        arena.readHeaderLong(ref, StoredEntryLayout.KEY_LSB_OFFSET));
                action.accept(reader.readEntryHeld(generation, key, arena.bytes(ref), arena.offset(ref)));
                reader.checkHolds(generation); // throws if the action moved the reader on
            });
        } finally {
            reader.fence();
        }
    }

    /**
     * Positions {@code view} on every entry in turn, in index order, and passes it to
     * {@code action}: a scan that allocates nothing per entry.
     *
     * @param view the view to position
     * @param action reads the view; it must not keep it past its call nor move the reader on
     * @param <W> the view type
     * @throws IllegalArgumentException if the view is nested in another view
     */
    public <W extends ValueView<V>> void forEach(W view, Consumer<? super W> action) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(action, "action");
        view.checkTopLevel();
        try {
            final KeyIndex index = index();
            final long generation = reader.generation();
            index.forEach(ref -> {
                view.position(reader, generation, ref);
                action.accept(view);
                reader.checkHolds(generation);
            });
        } finally {
            reader.fence();
        }
    }

    @Override
    public String toString() {
        return "Snapshot[" + reader + "]";
    }

    /** Reads a record of the held copy, from its memory and offset, at a checked generation. */
    @FunctionalInterface
    private interface HeldRead<T> {
        T read(long generation, BytesStore<?, ?> bytes, long record);
    }

    /** Finds the key's record in the held copy and reads it, or returns null if it has none. */
    private <T> T readHeld(UUID key, HeldRead<T> read) {
        try {
            final long generation = reader.generation();
            final CopyLookup lookup = reader.lookup(generation);
            final int ref = lookup.find(key.getMostSignificantBits(), key.getLeastSignificantBits());
            if (ref == KeyIndex.NO_RECORD) {
                return null;
            }
            return read.read(generation, lookup.bytes(ref), lookup.offset(ref));
        } finally {
            reader.fence();
        }
    }

    /** The held copy's index, after checking that the reader holds it. */
    private KeyIndex index() {
        return reader.index(reader.generation());
    }

    /** The key's record in the held copy, or {@link KeyIndex#NO_RECORD}. */
    private int find(UUID key) {
        return reader.lookup(reader.generation()).find(key.getMostSignificantBits(), key.getLeastSignificantBits());
    }
}
