package io.livestore.runtime.store;

import java.lang.ref.Reference;
import java.util.Objects;

import net.openhft.chronicle.bytes.BytesStore;

/**
 * A reusable, allocation-free window onto one entry of a reader's snapshot: the base of the
 * generated {@code XView} classes ({@code PlayerView.hp()}, {@code PlayerView.name(StringBuilder)}).
 * Position it with {@link Snapshot#find}; it then reads that entry until its reader's next
 * {@code current()}, {@code quiescent()} or {@code close()}, after which every read throws
 * {@link IllegalStateException} until it is positioned again.
 *
 * <pre>{@code
 * PlayerView view = new PlayerView();                 // once per thread; reuse it
 * try (StoreReader<Player> reader = store.reader()) {
 *     if (reader.current().find(key, view)) {
 *         int hp = view.hp();                          // no allocation, no lock
 *         double x = view.at().x();                    // a nested value through its own view
 *     }
 * }
 * }</pre>
 *
 * <p><b>Nested views.</b> A view of a value nested in another ({@code PlayerView.at()} returning
 * a {@code PositionView}) is created by its parent view with {@link #ValueView(ValueView, long)}
 * and reads wherever its parent is positioned, with the parent's checks; it cannot be positioned
 * by itself.
 *
 * <p><b>For generated subclasses.</b> Read fields through {@link #checkedBytes()} and
 * {@link #valueOffset()}, which check on every call that the reader still holds the snapshot the
 * view was positioned in and that the caller is the reader's thread, and end each accessor with
 * {@code Reference.reachabilityFence(this)} so that the reader (and the copy it protects) stays
 * reachable until the read is done:
 *
 * <pre>{@code
 * public int hp() {
 *     try {
 *         return PlayerLayout.hp(checkedBytes(), valueOffset());
 *     } finally {
 *         Reference.reachabilityFence(this);
 *     }
 * }
 * }</pre>
 *
 * <p>A view belongs to the thread of the reader it is positioned with; it is not thread-safe.
 *
 * @param <V> the value type
 */
public abstract class ValueView<V> {

    /** The view this one is nested in, or null for a view positioned by a snapshot. */
    private final ValueView<?> parent;
    /** Offset of this value from the start of the parent's value; 0 without a parent. */
    private final long offsetInParent;

    private StoreReader<?> reader;
    private long generation = -1;
    /**
     * The memory that holds the entry's record: an arena chunk, which never moves and is freed
     * only after every copy is released; read only after {@link StoreReader#checkHolds}.
     */
    private BytesStore<?, ?> bytes;
    /** Offset of the entry's record in {@link #bytes} ({@link StoredEntryLayout}). */
    private long record;

    /** For subclasses: a view positioned by {@link Snapshot#find}. A new view is not positioned. */
    protected ValueView() {
        this.parent = null;
        this.offsetInParent = 0;
    }

    /**
     * For subclasses: a view of a value nested in {@code parent}'s value, at
     * {@code offsetInParent} from its start (the parent layout's {@code X_OFFSET} constant).
     *
     * @param parent the view of the enclosing value
     * @param offsetInParent the nested value's offset in the enclosing value
     */
    protected ValueView(ValueView<?> parent, long offsetInParent) {
        this.parent = Objects.requireNonNull(parent, "parent");
        if (offsetInParent < 0) {
            throw new IllegalArgumentException("offsetInParent is negative: " + offsetInParent);
        }
        this.offsetInParent = offsetInParent;
    }

    /** @return whether the view is positioned on an entry (it may still be stale) */
    public final boolean isPositioned() {
        return parent != null ? parent.isPositioned() : reader != null;
    }

    /**
     * @return whether a read would succeed now: positioned, called from the reader's thread, and
     *     the reader still holds the snapshot the view was positioned in
     */
    public final boolean isReadable() {
        if (parent != null) {
            return parent.isReadable();
        }
        final StoreReader<?> r = reader;
        try {
            return r != null && r.canRead(generation);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * @return the entry's version (of the enclosing entry, for a nested view)
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    public final long version() {
        if (parent != null) {
            return parent.version();
        }
        try {
            return checkedBytes().readLong(record + reader.entryLayout().versionOffset);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * @return the entry's last-write time, epoch milliseconds of the store's clock
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    public final long lastWriteMillis() {
        if (parent != null) {
            return parent.lastWriteMillis();
        }
        try {
            return checkedBytes().readLong(record + reader.entryLayout().lastWriteTimeOffset);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * @return the entry's creation time, epoch milliseconds of the store's clock
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    public final long createdMillis() {
        if (parent != null) {
            return parent.createdMillis();
        }
        try {
            return checkedBytes().readLong(record + reader.entryLayout().createdAtOffset);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * @return the entry's expiry deadline in epoch milliseconds, or 0 if it never expires
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    public final long expiresAtMillis() {
        if (parent != null) {
            return parent.expiresAtMillis();
        }
        try {
            return checkedBytes().readLong(record + reader.entryLayout().expiryDeadlineOffset);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Decodes the whole value into its record. Allocates the record; read single fields through
     * the accessors to allocate nothing.
     *
     * @return the value the view is positioned on
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    public final V toRecord() {
        try {
            final BytesStore<?, ?> bytes = checkedBytes();
            final V value;
            try {
                value = decodeRecord(bytes, valueOffset());
            } catch (RuntimeException decodingFailed) {
                checkedBytes(); // see below
                throw decodingFailed;
            }
            // The value's constructor is user code: had it moved the reader on, what was read
            // after that may come from a reused record. Only a value read while held is returned.
            checkedBytes();
            return value;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Decodes the value stored at {@code offset}; generated views call their layout's
     * {@code read}.
     *
     * @param bytes the memory, as {@link #checkedBytes()} returned it
     * @param offset the value's offset, as {@link #valueOffset()} returned it
     * @return the value
     */
    protected abstract V decodeRecord(BytesStore<?, ?> bytes, long offset);

    /**
     * Returns the memory the positioned entry lives in, after checking that it may be read.
     * Valid for this call's read only: do not keep it.
     *
     * @return the memory of the entry's record
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     */
    protected final BytesStore<?, ?> checkedBytes() {
        if (parent != null) {
            return parent.checkedBytes();
        }
        final StoreReader<?> r = reader;
        if (r == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is not positioned on an entry: call snapshot.find(key, view) first (and check its result)");
        }
        r.checkHolds(generation);
        return bytes;
    }

    /**
     * Returns the offset of the value (in the value's generated layout) in {@link #checkedBytes()}.
     *
     * @return the value's offset
     */
    protected final long valueOffset() {
        return parent != null ? parent.valueOffset() + offsetInParent : record + StoredEntryLayout.VALUE_OFFSET;
    }

    final void position(StoreReader<?> reader, long generation, BytesStore<?, ?> bytes, long record) {
        checkTopLevel();
        // Reference fields are written only when they change: a view is long-lived (an old
        // object), and G1's write barrier for a reference store into it can execute a full fence,
        // which stops the next lookup's cache misses from overlapping this one's. Repositioning a
        // view (same reader, same arena chunk) then stores only primitives.
        if (this.reader != reader) {
            this.reader = reader;
        }
        if (this.bytes != bytes) {
            this.bytes = bytes;
        }
        this.generation = generation;
        this.record = record;
    }

    final void unposition() {
        checkTopLevel();
        this.reader = null;
        this.generation = -1;
        this.bytes = null;
    }

    /** Refuses a nested view where a snapshot would position it. */
    final void checkTopLevel() {
        if (parent != null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " is nested in a "
                    + parent.getClass().getSimpleName() + " and reads where that view is positioned; position "
                    + "the enclosing view, or create a top-level view (new " + getClass().getSimpleName() + "())");
        }
    }

    /**
     * Describes the view; reads the value only when that is safe from the calling thread (a
     * debugger calls this from its own thread), so it never throws.
     */
    @Override
    public String toString() {
        if (!isReadable()) {
            return getClass().getSimpleName() + (!isPositioned() ? "[not positioned]" : "[not readable here: "
                    + (parent != null ? "nested" : reader) + "]");
        }
        return getClass().getSimpleName() + "[" + toRecord() + ", version " + version() + "]";
    }
}
