package io.livestore.runtime.hotread;

import java.lang.ref.Cleaner;

/**
 * A reader's hold on a {@link HotRead}. {@link #current()} returns the published copy and keeps
 * the writer from touching it until this handle's next {@code current()}, {@link #quiescent()}
 * or {@link #close()}.
 *
 * <p><b>Threading:</b> a handle belongs to one thread at a time (it keeps which copy it holds in
 * plain fields). Create one per reading thread; hand a handle to another thread only with a
 * happens-before edge, as with any unsynchronized object.
 *
 * <p><b>Cost:</b> {@code current()} takes no lock and allocates nothing. While no new generation
 * was published it is one volatile read and a comparison; after a publication it also performs
 * one volatile store and one more volatile read (the Dekker handshake of {@code package-info}).
 *
 * <p><b>Lifetime:</b> close a handle when its thread is done ({@code try}-with-resources). A
 * handle that becomes unreachable without {@code close()} is closed once the garbage collector
 * finds it, so it cannot block the writer forever; until a collection runs it holds its copy
 * (and blocks the writer), so do not rely on this in place of {@code close()}.
 *
 * <p><b>Reachability:</b> the protection lasts only while the handle is reachable. The JIT may
 * consider a local variable dead after its last use, even inside its scope: in
 * {@code S s = handle.current(); readALot(s);} with no later use of {@code handle}, the handle can
 * be collected during {@code readALot}, and the writer may then overwrite {@code s}. These keep it
 * reachable: try-with-resources (the implicit {@code close()} uses it), a field of an object that
 * outlives the reads, or {@link java.lang.ref.Reference#reachabilityFence} after the last read.
 *
 * @param <S> the state type
 */
public final class HotReadHandle<S> implements AutoCloseable {

    /** Shared by all HotReads: one daemon thread that closes handles dropped without close(). */
    private static final Cleaner ABANDONED_HANDLES = Cleaner.create(task -> {
        Thread thread = new Thread(task, "livestore-hotread-handle-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    /** {@link #heldGeneration} when this handle holds nothing. Never a published value. */
    private static final long NOTHING = -1;

    private final HotRead<? extends S, ?> owner;
    private final ReaderSlot slot;
    private final Cleaner.Cleanable slotReturn;

    /** The generation this handle holds, or {@link #NOTHING}. Mirrors {@code slot.held} for the fast path. */
    private long heldGeneration = NOTHING;
    private S heldCopy;
    private boolean closed;

    HotReadHandle(HotRead<? extends S, ?> owner, ReaderSlot slot) {
        this.owner = owner;
        this.slot = slot;
        // The action references the HotRead and the slot, never this handle, so that it can run
        // once the handle is unreachable.
        this.slotReturn = ABANDONED_HANDLES.register(this, new SlotReturn(owner, slot));
    }

    /**
     * Returns the published copy and holds it: the writer will not touch it until this handle's
     * next {@code current()}, {@code quiescent()} or {@code close()}. Successive calls return
     * generations that never go backwards. Lock-free and allocation-free.
     *
     * @return the published copy
     * @throws IllegalStateException if this handle or its HotRead is closed
     */
    public S current() {
        // The fast path: one volatile read. Equal means this handle already announced and
        // verified this generation, so the writer sees it in the slot and leaves the copy alone.
        long published = owner.publishedGeneration;
        if (published == heldGeneration) {
            return heldCopy;
        }
        return acquire(published);
    }

    /**
     * The slow path: a new generation was published (or this handle held nothing). Announces the
     * generation in the slot, then re-reads the published generation; only if it is unchanged
     * may the copy be read. Both accesses are volatile, so either the re-read sees a newer
     * generation (and the loop moves on to it) or the writer's later scan sees this slot's
     * announcement (and it leaves the copy alone).
     */
    private S acquire(long published) {
        if (closed) {
            throw new IllegalStateException("this HotReadHandle is closed");
        }
        long generation = published;
        while (true) {
            if (generation == HotRead.CLOSED) {
                // The slot may carry an announcement from an earlier turn of this loop.
                leave();
                throw HotRead.closedException();
            }
            slot.announce(generation);
            long again = owner.publishedGeneration;
            if (again == generation) {
                break;
            }
            generation = again;
        }
        // Copy first: the fast path trusts heldCopy as soon as heldGeneration matches.
        S copy = owner.copyOf(generation);
        heldCopy = copy;
        heldGeneration = generation;
        return copy;
    }

    /**
     * Returns the generation this handle holds since its last {@code current()}, or -1 when it
     * holds none (new, quiescent or closed). A plain read: call it from the handle's thread.
     * Views over the copy compare it with the generation they were positioned in, to refuse
     * reading a copy the handle no longer protects.
     *
     * @return the held generation, or -1
     */
    public long heldGeneration() {
        return heldGeneration;
    }

    /**
     * Stops holding any copy, so that the writer can reuse it, until the next {@code current()}.
     * Call it when a reader goes idle for a while (between requests). Idempotent; allowed after
     * close (it does nothing then).
     */
    public void quiescent() {
        if (heldGeneration == NOTHING) {
            return;
        }
        leave();
    }

    /**
     * Stops holding any copy and frees this handle's slot. Later {@code current()} calls throw.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        heldGeneration = NOTHING;
        heldCopy = null;
        slotReturn.clean();
    }

    private void leave() {
        heldGeneration = NOTHING;
        heldCopy = null;
        slot.leave();
        owner.afterReaderLeft();
    }

    /** Gives a handle's slot back: on close(), or by the cleaner once the handle is unreachable. Runs once. */
    private static final class SlotReturn implements Runnable {
        private final HotRead<?, ?> owner;
        private final ReaderSlot slot;

        SlotReturn(HotRead<?, ?> owner, ReaderSlot slot) {
            this.owner = owner;
            this.slot = slot;
        }

        @Override
        public void run() {
            owner.readers().giveBack(slot);
            owner.afterReaderLeft();
        }
    }
}
