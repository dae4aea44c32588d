package io.livestore.runtime.store;

import java.lang.ref.Reference;
import java.util.Objects;

import io.livestore.runtime.table.CopyLookup;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

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
 * <p><b>For generated subclasses.</b> Read primitive fields with {@link #readLong},
 * {@link #readInt}, {@link #readShort} and {@link #readByte} at the layout's offsets, and other
 * fields through {@link #checkedBytes()} and {@link #valueOffset()} with the layout's codec. Each
 * checks on every call that the reader still holds the snapshot the view was positioned in and
 * that the caller is the reader's thread (and the primitive readers that the field lies inside
 * the value; for a nested view, at a non-negative offset and inside the top-level value, since a
 * nested view does not know its own value's size). End each accessor with
 * {@code Reference.reachabilityFence(this)} so that the reader (and the copy it protects) stays
 * reachable until the read is done (the primitive readers also fence the view themselves):
 *
 * <pre>{@code
 * public int hp() {
 *     try {
 *         return readInt(PlayerLayout.HP_OFFSET);
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
     * The entry's record in the held copy's arena ({@link StoredEntryLayout}). Its address is
     * computed on each read from the lookup of the reader that passed the check, never kept: a
     * view shared by two threads against the rules could otherwise pair one reader's check with
     * another store's address, which that store may have freed. A reference is checked against
     * the reader's own arena, which lives while the reader holds a copy.
     */
    private int ref;

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
            final StoreReader<?> r = checkedReader();
            return heldRecordLong(r, r.entryLayout().versionOffset);
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
            final StoreReader<?> r = checkedReader();
            return heldRecordLong(r, r.entryLayout().lastWriteTimeOffset);
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
            final StoreReader<?> r = checkedReader();
            return heldRecordLong(r, r.entryLayout().createdAtOffset);
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
            final StoreReader<?> r = checkedReader();
            return heldRecordLong(r, r.entryLayout().expiryDeadlineOffset);
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
        return checkedReader().heldLookup().bytes(ref);
    }

    /**
     * Returns the offset of the value (in the value's generated layout) in {@link #checkedBytes()}.
     * Arithmetic only: pass it with {@code checkedBytes()}, whose check protects the read (so a
     * read does not check twice); it checks the hold only when this view's reader holds nothing.
     *
     * @return the value's offset
     * @throws IllegalStateException if not positioned, or the reader holds no snapshot
     */
    protected final long valueOffset() {
        if (parent != null) {
            return parent.valueOffset() + offsetInParent;
        }
        final StoreReader<?> r = reader;
        final CopyLookup lookup = r != null ? r.heldLookup() : null;
        // Without a lookup, checkedReader() throws the reason (not positioned, nothing held).
        return (lookup != null ? lookup : checkedReader().heldLookup()).offset(ref) + StoredEntryLayout.VALUE_OFFSET;
    }

    /**
     * Reads 8 bytes of the value, as the layout's {@code bytes.readLong} would.
     *
     * @param offsetInValue the field's offset in this view's value (the layout's {@code X_OFFSET})
     * @return the bytes, in the platform's order (the order the layout writes)
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     * @throws IndexOutOfBoundsException if the field does not lie inside the value
     */
    protected final long readLong(long offsetInValue) {
        try {
            return UnsafeMemory.unsafeGetLong(checkedAddress(offsetInValue, Long.BYTES));
        } finally {
            Reference.reachabilityFence(this); // also for a subclass that forgets its own
        }
    }

    /**
     * Reads 4 bytes of the value, as the layout's {@code bytes.readInt} would.
     *
     * @param offsetInValue the field's offset in this view's value
     * @return the bytes
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     * @throws IndexOutOfBoundsException if the field does not lie inside the value
     */
    protected final int readInt(long offsetInValue) {
        try {
            return UnsafeMemory.unsafeGetInt(checkedAddress(offsetInValue, Integer.BYTES));
        } finally {
            Reference.reachabilityFence(this); // also for a subclass that forgets its own
        }
    }

    /**
     * Reads 2 bytes of the value, as the layout's {@code bytes.readShort} would.
     *
     * @param offsetInValue the field's offset in this view's value
     * @return the bytes
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     * @throws IndexOutOfBoundsException if the field does not lie inside the value
     */
    protected final short readShort(long offsetInValue) {
        try {
            // A null base makes the offset an absolute address (Chronicle has no one-argument form).
            return UnsafeMemory.unsafeGetShort(null, checkedAddress(offsetInValue, Short.BYTES));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Reads a byte of the value, as the layout's {@code bytes.readByte} would.
     *
     * @param offsetInValue the field's offset in this view's value
     * @return the byte
     * @throws IllegalStateException if not positioned, stale, or used from another thread
     * @throws IndexOutOfBoundsException if the field does not lie inside the value
     */
    protected final byte readByte(long offsetInValue) {
        try {
            return UnsafeMemory.unsafeGetByte(checkedAddress(offsetInValue, Byte.BYTES));
        } finally {
            Reference.reachabilityFence(this); // also for a subclass that forgets its own
        }
    }

    /**
     * The native address of {@code width} bytes at {@code offsetInValue} in the value, after
     * checking that the reader holds the snapshot (so the record stays where it is) and that
     * those bytes lie inside the value (so no offset reaches another record's memory).
     */
    private long checkedAddress(long offsetInValue, int width) {
        if (parent != null) {
            // A negative offset lies outside this nested value even where the sum lands inside
            // the parent's; the top level then checks the sum (an overflow turns it negative).
            if (offsetInValue < 0) {
                throw new IndexOutOfBoundsException(width + " bytes at offset " + offsetInValue
                        + " lie outside the value of " + getClass().getSimpleName());
            }
            return parent.checkedAddress(offsetInParent + offsetInValue, width);
        }
        final StoreReader<?> r = checkedReader();
        if (offsetInValue < 0 || offsetInValue > r.valueSize() - width) {
            throw new IndexOutOfBoundsException(width + " bytes at offset " + offsetInValue + " lie outside the "
                    + r.valueSize() + "-byte value of " + getClass().getSimpleName());
        }
        return r.heldLookup().recordAddress(ref) + StoredEntryLayout.VALUE_OFFSET + offsetInValue;
    }

    /**
     * A long of the record's own fields (a {@link StoredEntryLayout} offset), for a caller that
     * took the offset from {@link #checkedReader()}: checking first, before the reader is used,
     * also makes a view that is not positioned (no reader) an {@link IllegalStateException}.
     */
    private long heldRecordLong(StoreReader<?> r, int offsetInRecord) {
        return UnsafeMemory.unsafeGetLong(r.heldLookup().recordAddress(ref) + offsetInRecord);
    }

    /** This top-level view's reader, after checking that it still holds the view's snapshot. */
    private StoreReader<?> checkedReader() {
        final StoreReader<?> r = reader;
        if (r == null) {
            throw new IllegalStateException(getClass().getSimpleName()
                    + " is not positioned on an entry: call snapshot.find(key, view) first (and check its result)");
        }
        r.checkHolds(generation);
        return r;
    }

    /**
     * Positions this top-level view on record {@code ref} of the copy that {@code reader} holds
     * at {@code generation}.
     */
    final void position(StoreReader<?> reader, long generation, int ref) {
        // The reader is written only when it changes: a view is long-lived (an old object), and
        // G1's write barrier for a reference store into it can execute a full fence, which stops
        // the next lookup's cache misses from overlapping this one's. Repositioning a view with
        // the same reader stores only primitives.
        if (this.reader != reader) {
            this.reader = reader;
        }
        this.generation = generation;
        this.ref = ref;
    }

    /** The positioned record's reference, for tests. */
    final int positionedRef() {
        return ref;
    }

    final void unposition() {
        checkTopLevel();
        this.reader = null;
        this.generation = -1;
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
