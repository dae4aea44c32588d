package io.livestore.runtime.store;

import java.lang.ref.Reference;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.livestore.runtime.hotread.HotReadHandle;
import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.table.CopyLookup;
import io.livestore.runtime.table.IndexCopy;
import io.livestore.runtime.table.KeyIndex;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * A reader of a store for hot loops: {@link #current()} gives a consistent snapshot of the whole
 * store that stays put until this reader's next {@code current()}, without a lock and without
 * allocating.
 *
 * <pre>{@code
 * try (StoreReader<Player> reader = store.reader()) {
 *     while (serving) {
 *         Snapshot<Player> now = reader.current();   // one volatile read when nothing changed
 *         long v = now.version(key);
 *         ...
 *         reader.quiescent();                        // going idle: let the writer reuse the copy
 *     }
 * }
 * }</pre>
 *
 * <p><b>Staleness.</b> A snapshot shows every write published before the {@code current()} that
 * returned it. A write is published when it is made, unless a reader still holds the copy the
 * writer must update; then it is published at the first retry (the next write, or the store's
 * maintenance every {@code publishInterval}) after the slowest such reader has called
 * {@code current()}, {@code quiescent()} or {@code close()}. A reader that comes back with
 * {@code current()} may therefore first see an in-between state (the writes published before it
 * started holding back), and the rest a retry later. A reader that holds a snapshot for long therefore delays what other
 * readers see, never the writer.
 *
 * <p><b>Threading.</b> A reader belongs to the thread that created it: every method (and every
 * view over its snapshot) throws {@link IllegalStateException} on another thread. Create one
 * reader per thread. Close it when the thread is done; a reader dropped without {@code close()}
 * is closed once the garbage collector finds it, and blocks the writer until then.
 *
 * <p><b>Safety.</b> Its snapshot and views read off-heap memory only while this reader holds the
 * copy they point into; they check that (and keep this reader reachable) on every read, so a
 * stale view, a closed reader or a closed store is an exception, never a read of freed memory.
 *
 * @param <V> the value type
 */
public final class StoreReader<V> implements AutoCloseable {

    private static final long NONE = -1;

    private final HotReadHandle<IndexCopy> handle;
    private final ValueLayout<V> layout;
    private final StoredEntryLayout entryLayout;
    private final Thread owner;
    private final Snapshot<V> snapshot;
    private final Consumer<StoreReader<V>> onClose;
    /** {@code layout.size()}, in a field of its own: every view read checks against it. */
    private final int valueSize;

    /** The held copy's index, or null. Owner thread only. */
    private KeyIndex index;
    /** The held copy's lookup, or null; the hot path of {@link Snapshot#find}. Owner thread only. */
    private CopyLookup lookup;
    /** The generation {@link #index} belongs to, or {@link #NONE}. Owner thread only. */
    private long generation = NONE;

    /**
     * When this reader took the generation it holds ({@code System.nanoTime()}), or 0 when it
     * holds none. Volatile: written by the owner on the slow path only, read by the store's
     * maintenance thread for slow-reader reports.
     */
    private volatile long heldSinceNanos;

    private boolean closed;

    StoreReader(HotReadHandle<IndexCopy> handle, ValueLayout<V> layout, StoredEntryLayout entryLayout,
            Consumer<StoreReader<V>> onClose) {
        this.handle = handle;
        this.layout = layout;
        this.entryLayout = entryLayout;
        this.owner = Thread.currentThread();
        this.onClose = onClose;
        this.snapshot = new Snapshot<>(this);
        this.valueSize = layout.size();
    }

    /**
     * Returns the latest published snapshot and holds it until this reader's next
     * {@code current()}, {@code quiescent()} or {@code close()}. Returns the same
     * {@link Snapshot} object every time: it always stands for what this reader holds now.
     * Lock-free and allocation-free; one volatile read while nothing new was published.
     *
     * @return the snapshot
     * @throws IllegalStateException if this reader or its store is closed, or called from
     *     another thread than the reader's
     */
    public Snapshot<V> current() {
        // The fast path: this thread already holds the generation published now. The reader's
        // generation is NONE whenever its handle holds nothing (quiescent, closed: forget()), and
        // a published generation is never NONE, nor equal to any once the store is closed.
        if (Thread.currentThread() == owner && handle.publishedGeneration() == generation) {
            return snapshot;
        }
        return currentSlow();
    }

    /** {@link #current()} when a new generation was published, or this reader holds none. */
    private Snapshot<V> currentSlow() {
        checkOwner();
        if (closed) {
            throw new IllegalStateException("this StoreReader is closed");
        }
        final IndexCopy copy;
        try {
            copy = handle.current();
        } catch (IllegalStateException closedStore) {
            // The handle gave its copy back (it may be freed now): the snapshot and views must
            // stop passing the held-generation check before the exception reaches the caller.
            forget();
            throw closedStore;
        }
        final long held = handle.heldGeneration();
        if (held != generation) {
            index = copy.index();
            lookup = copy.lookup();
            generation = held;
            heldSinceNanos = System.nanoTime();
        }
        return snapshot;
    }

    /**
     * Stops holding a snapshot until the next {@code current()}, so that the writer can reuse its
     * copy. Call it when the thread goes idle. Views and the snapshot refuse to read until then.
     *
     * @throws IllegalStateException if called from another thread than the reader's
     */
    public void quiescent() {
        checkOwner();
        forget();
        handle.quiescent();
    }

    /**
     * Stops holding a snapshot and frees this reader's slot; later calls throw. Idempotent.
     *
     * @throws IllegalStateException if called from another thread than the reader's (closing
     *     from elsewhere could let the writer free memory the owner is reading)
     */
    @Override
    public void close() {
        checkOwner();
        if (closed) {
            return;
        }
        closed = true;
        forget();
        handle.close();
        onClose.accept(this);
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /** @return the thread this reader belongs to */
    public Thread owner() {
        return owner;
    }

    /**
     * Returns how long this reader has held its snapshot, or {@link Duration#ZERO} if it holds
     * none. Any thread.
     *
     * @return the holding time
     */
    public Duration heldFor() {
        final long since = heldSinceNanos;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    @Override
    public String toString() {
        return "StoreReader[" + owner.getName() + (closed ? ", closed" : generation == NONE ? ", idle"
                : ", holding for " + heldFor().toMillis() + " ms") + "]";
    }

    // ---- For Snapshot and ValueView: every read goes through these checks. ----

    ValueLayout<V> layout() {
        return layout;
    }

    /** Where the store's records keep each field. */
    StoredEntryLayout entryLayout() {
        return entryLayout;
    }

    /** The held generation, or -1: for slow-reader reports from the maintenance thread (racy, approximate). */
    boolean holdsSnapshot() {
        return heldSinceNanos != 0;
    }

    /** The generation held now; views remember it when positioned. */
    long generation() {
        return generation;
    }

    /** Bytes of a value: views check that a field lies within them. */
    int valueSize() {
        return valueSize;
    }

    /** Checks that this reader still holds {@code expected} and returns the held copy's index. */
    KeyIndex index(long expected) {
        checkHolds(expected);
        return index;
    }

    /** Checks that this reader still holds {@code expected} and returns the held copy's lookup. */
    CopyLookup lookup(long expected) {
        checkHolds(expected);
        return lookup;
    }

    /** The held copy's lookup, for a caller that just passed {@link #checkHolds}. */
    CopyLookup heldLookup() {
        return lookup;
    }

    /**
     * Checks that this reader still holds generation {@code expected}: then the copy it was
     * taken from, and every record that copy's index points at, stay as they are (see
     * {@code IndexLog}: a record is freed only by a replay into a copy that no reader holds).
     * The caller keeps this reader, and so its handle, reachable until its read is done.
     */
    void checkHolds(long expected) {
        // Closing and quiescent() set generation to NONE (forget()), so the comparison covers them.
        if (Thread.currentThread() != owner || generation != expected || expected == NONE) {
            throw cannotRead();
        }
    }

    /** Why {@link #checkHolds} failed; out of line, so that the check inlines small. */
    private IllegalStateException cannotRead() {
        checkOwner();
        return new IllegalStateException(generation == NONE || closed
                ? "the reader holds no snapshot: call reader.current() first"
                        + (closed ? " (the reader is closed)" : "")
                : "stale: positioned in an earlier snapshot; the reader has moved on with current()");
    }

    /**
     * Whether {@link #index} would succeed now, without throwing: for {@code toString} and
     * {@link ValueView#isReadable()}, which any thread may call.
     */
    boolean canRead(long expected) {
        return Thread.currentThread() == owner && !closed && generation == expected && generation != NONE;
    }

    /**
     * Decodes the value of the record at {@code record} of the held copy. A value's constructor
     * is user code that decoding runs, and it may move this reader on (or close it, and the store)
     * half-way: what decoding read after that may come from a record reused by a later write, or
     * from memory given back. So the hold is checked again after decoding (and before a failure
     * of decoding is passed on): a value is returned only if every byte of it was read while the
     * copy was held. Chronicle's memory refuses reads after it is given back (no crash); the
     * check turns whatever decoding made of them into this reader's error.
     */
    V decodeHeld(long expected, BytesStore<?, ?> bytes, long record) {
        return readHeld(expected, () -> layout.decode(bytes, record + StoredEntryLayout.VALUE_OFFSET));
    }

    /** {@link #decodeHeld} for a whole entry: the header is read first, then the value. */
    Entry<V> readEntryHeld(long expected, UUID key, BytesStore<?, ?> bytes, long record) {
        return readHeld(expected, () -> StoreWriter.readEntry(key, bytes, record, layout, entryLayout));
    }

    /** Runs a read that runs user code, then checks that this reader still holds {@code expected}. */
    private <T> T readHeld(long expected, Supplier<T> read) {
        final T result;
        try {
            result = read.get();
        } catch (RuntimeException readFailed) {
            checkHolds(expected);
            throw readFailed;
        }
        checkHolds(expected);
        return result;
    }

    private void forget() {
        index = null;
        lookup = null;
        generation = NONE;
        heldSinceNanos = 0;
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a StoreReader is used only by the thread that created it ("
                    + owner.getName() + "), not by " + Thread.currentThread().getName()
                    + "; create one reader per thread");
        }
    }

    /** Keeps this reader (and so its handle) reachable up to this point. */
    void fence() {
        Reference.reachabilityFence(this);
    }
}
