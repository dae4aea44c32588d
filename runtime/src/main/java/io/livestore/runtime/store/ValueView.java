package io.livestore.runtime.store;

import static io.livestore.runtime.table.EntryTableLayout.EXPIRY_DEADLINE_FROM_VALUE;
import static io.livestore.runtime.table.EntryTableLayout.LAST_WRITE_TIME_FROM_VALUE;
import static io.livestore.runtime.table.EntryTableLayout.VERSION_FROM_VALUE;

import java.lang.ref.Reference;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * A reusable, allocation-free window onto one entry of a reader's snapshot: the base of the
 * generated {@code XView} classes ({@code PlayerView.hp()}, {@code PlayerView.name(StringBuilder)}).
 * Position it with {@link Snapshot#find}; it then reads that entry until its reader's next
 * {@code current()}, {@code quiescent()} or {@code close()}, after which every read throws
 * {@link IllegalStateException} until it is positioned again.
 *
 * <p>Subclasses read fields through {@link #bytes()} and {@link #valueOffset()}, which check on
 * every call that the reader still holds the snapshot the view was positioned in and that the
 * caller is the reader's thread, and they end each accessor with
 * {@code Reference.reachabilityFence(this)} so that the reader (and the copy it protects) stays
 * reachable until the read is done:
 *
 * <pre>{@code
 * public int hp() {
 *     try {
 *         return PlayerLayout.hp(bytes(), valueOffset());
 *     } finally {
 *         Reference.reachabilityFence(this);
 *     }
 * }
 * }</pre>
 *
 * @param <V> the value type
 */
public abstract class ValueView<V> {

    private StoreReader<V> reader;
    private long generation = -1;
    /** Offset of the entry's value area (store header, then the value) in the held table. */
    private long area;

    /** For subclasses. A new view is not positioned. */
    protected ValueView() {
    }

    /** @return whether the view is positioned on an entry (it may still be stale) */
    public final boolean isPositioned() {
        return reader != null;
    }

    /**
     * @return the entry's version
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    public final long version() {
        try {
            return bytes().readLong(area + VERSION_FROM_VALUE);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * @return the entry's last-write time, epoch milliseconds of the store's clock
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    public final long lastWriteMillis() {
        try {
            return bytes().readLong(area + LAST_WRITE_TIME_FROM_VALUE);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * @return the entry's creation time, epoch milliseconds of the store's clock
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    public final long createdMillis() {
        try {
            return bytes().readLong(area + StoredEntryLayout.CREATED_AT_OFFSET);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * @return the entry's expiry deadline in epoch milliseconds, or 0 if it never expires
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    public final long expiresAtMillis() {
        try {
            return bytes().readLong(area + EXPIRY_DEADLINE_FROM_VALUE);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Returns the memory the positioned entry lives in, after checking that it may be read.
     * Valid for this call's read only: do not keep it.
     *
     * @return the held copy's bytes
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    protected final BytesStore<?, ?> bytes() {
        final StoreReader<V> r = reader;
        if (r == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is not positioned on an entry: call snapshot.find(key, view) first (and check its result)");
        }
        return r.bytes(generation);
    }

    /**
     * Returns the offset of the value (in the value's generated layout) in {@link #bytes()}.
     *
     * @return the value's offset
     */
    protected final long valueOffset() {
        return area + StoredEntryLayout.VALUE_OFFSET;
    }

    final void position(StoreReader<V> reader, long generation, long area) {
        this.reader = reader;
        this.generation = generation;
        this.area = area;
    }

    final void unposition() {
        this.reader = null;
        this.generation = -1;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (reader == null ? "[not positioned]" : "[" + reader + "]");
    }
}
