package io.livestore.runtime.hotread;

import java.lang.ref.Cleaner;

/**
 * A reader's hold on a {@link HotRead}. {@link #current()} returns the published copy and keeps
 * the writer from touching it until this handle's next {@code current()}, {@link #quiescent()}
 * or {@link #close()}.
 *
 * <p><b>Threading:</b> a handle belongs to one thread at a time (it keeps which copy it holds in
 * plain fields). Create one per reading thread; hand a handle to another thread only with a
 * happens-before edge, as with any unsynchronized object, and call {@code current()} there
 * before reading: a copy is protected for the thread that acquired it. {@code quiescent()} and
 * {@code close()} while the handle holds a copy must come from the thread that acquired it
 * (they throw otherwise: from elsewhere they would take the protection away from a reader that
 * may still be reading); once it holds nothing, or that thread has ended, any thread that
 * received the handle with a happens-before edge may close it.
 *
 * <p><b>Cost:</b> {@code current()} takes no lock and allocates nothing. While no new generation
 * was published (and the same thread calls it) it is one volatile read and two comparisons;
 * after a publication, or on a thread the handle was handed to, it also performs one volatile
 * store and one more volatile read (the Dekker handshake of {@code package-info}), a
 * {@code System.nanoTime()} and two plain stores (who holds the copy and since when, for reports).
 *
 * <p><b>Lifetime:</b> close a handle when its thread is done ({@code try}-with-resources). A
 * handle whose thread ended without closing it stops blocking the writer at the writer's next
 * attempt. A handle that becomes unreachable without {@code close()} is closed once the garbage
 * collector finds it (a warning names its thread if that thread is still alive, since it may
 * still have been reading); until then it holds its copy and blocks the writer, and
 * {@link HotRead#blockingHandles()} names it. What remains is a live thread that keeps a handle
 * and never calls {@code current()}, {@code quiescent()} or {@code close()} again: it blocks the
 * writer for as long as it lives; call {@code quiescent()} when a thread goes idle.
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

    private static final System.Logger LOG = System.getLogger("io.livestore.hotread");

    /**
     * {@link #heldTag} when this handle holds nothing: the field's default, so that a handle whose
     * fields a thread sees at their defaults takes the slow path rather than returning a null copy.
     * (A handle still needs a happens-before edge to be used on another thread: see the class doc.)
     */
    private static final long NOTHING = 0;

    private final HotRead<? extends S, ?> owner;
    private final ReaderSlot slot;
    private final Cleaner.Cleanable slotReturn;
    /** Whether its users serialize every use with their own lock ({@link HotRead#createSharedHandle()}). */
    private final boolean shared;
    /** What {@link #slotReturn} runs: on close(), or on the cleaner's thread. */
    private final SlotReturn slotReturnAction;

    /**
     * The generation this handle holds plus one, or {@link #NOTHING}. Mirrors {@code slot.held}
     * for the fast path. Plus one so that the default value means nothing: generation 0 exists.
     */
    private long heldTag;
    /**
     * The thread that acquired {@link #heldCopy}. The fast path serves only that thread: a thread
     * the handle was handed to announces anew, so that the slot names it (the writer reclaims a
     * slot whose named thread has ended, and {@code close()} checks who holds the copy).
     */
    private Thread heldBy;
    private S heldCopy;
    private boolean closed;

    HotReadHandle(HotRead<? extends S, ?> owner, ReaderSlot slot, boolean shared) {
        this.owner = owner;
        this.slot = slot;
        this.shared = shared;
        // The action references the HotRead and the slot, never this handle, so that it can run
        // once the handle is unreachable.
        this.slotReturnAction = new SlotReturn(owner, slot);
        this.slotReturn = ABANDONED_HANDLES.register(this, slotReturnAction);
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
        // verified this generation on this thread, so the writer sees it in the slot, named after
        // this thread, and leaves the copy alone.
        long published = owner.publishedGeneration;
        if (published + 1 == heldTag && heldBy == Thread.currentThread()) {
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
            slot.announce(generation, Thread.currentThread(), System.nanoTime());
            long again = owner.publishedGeneration;
            if (again == generation) {
                break;
            }
            generation = again;
        }
        // Copy and thread first: the fast path trusts heldCopy as soon as heldTag matches.
        S copy = owner.copyOf(generation);
        heldCopy = copy;
        heldBy = Thread.currentThread();
        heldTag = generation + 1;
        return copy;
    }

    /**
     * Returns the generation published now: one volatile read, never -1, and never a generation
     * once the HotRead is closed. A caller on the handle's thread that finds it equal to
     * {@link #heldGeneration()} knows that {@link #current()} would return the copy it holds.
     *
     * @return the published generation
     */
    public long publishedGeneration() {
        return owner.publishedGeneration;
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
        return heldTag - 1;
    }

    /**
     * Stops holding any copy, so that the writer can reuse it, until the next {@code current()}.
     * Call it when a reader goes idle for a while (between requests). Idempotent; allowed after
     * close (it does nothing then).
     *
     * @throws IllegalStateException if the handle holds a copy that another, live, thread acquired
     */
    public void quiescent() {
        if (heldTag == NOTHING) {
            return;
        }
        checkHolder("quiescent()");
        leave();
    }

    /**
     * Stops holding any copy and frees this handle's slot. Later {@code current()} calls throw.
     * Idempotent.
     *
     * @throws IllegalStateException if the handle holds a copy that another, live, thread acquired:
     *     closing from here could let the writer rewrite what that thread is reading
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkHolder("close()");
        closed = true;
        heldTag = NOTHING;
        heldCopy = null;
        slotReturnAction.explicitlyClosed = true;
        slotReturn.clean();
    }

    /**
     * Refuses to drop the protection of a copy that another thread acquired and may be reading.
     * The volatile read of the slot comes first: it makes the reader recorded with that
     * announcement visible.
     */
    private void checkHolder(String operation) {
        if (shared || slot.held() == ReaderSlot.IDLE) {
            return;
        }
        Thread reader = slot.lastReader;
        if (reader != null && reader != Thread.currentThread() && reader.isAlive()) {
            throw new IllegalStateException(operation + " called by thread " + Thread.currentThread().getName()
                    + " on a HotReadHandle whose copy thread " + reader.getName() + " acquired and may be reading; "
                    + "call it on " + reader.getName() + " (or call quiescent() there first)");
        }
    }

    /**
     * {@link #quiescent()} without the holder check, for test frameworks that guarantee (with a
     * happens-before edge the handle cannot see) that the thread which acquired the copy has
     * finished reading it.
     */
    void quiescentAfterItsReaderFinished() {
        if (heldTag != NOTHING) {
            leave();
        }
    }

    private void leave() {
        heldTag = NOTHING;
        heldBy = null;
        // The reader's side only (the writer never clears it): a dead thread and its class
        // loader need not stay reachable from an idle handle.
        slot.forgetReader();
        heldCopy = null;
        slot.leave();
        owner.afterReaderLeft();
    }

    /**
     * Gives a handle's slot back: on close(), or by the cleaner once the handle is unreachable.
     * Runs once. On the cleaner's thread, which every HotRead shares, it does only what is cheap
     * and cannot fail; releasing a closed HotRead's copies (user code) runs on a thread of its own.
     */
    private static final class SlotReturn implements Runnable {
        private final HotRead<?, ?> owner;
        private final ReaderSlot slot;
        /**
         * Set by close() before it runs this. Volatile: if the JIT lets the handle go right after
         * that store, the cleaner's thread may be the one that runs this, and must see it.
         */
        volatile boolean explicitlyClosed;

        SlotReturn(HotRead<?, ?> owner, ReaderSlot slot) {
            this.owner = owner;
            this.slot = slot;
        }

        @Override
        public void run() {
            if (explicitlyClosed) {
                owner.readers().giveBack(slot);
                owner.afterReaderLeft();
                return;
            }
            warnIfItsThreadMayStillRead();
            owner.readers().giveBack(slot);
            owner.afterReaderLeftOffThread();
        }

        /**
         * A handle collected while it held a copy, by a thread that is still alive: if the JIT
         * let it go before that thread's last read, the writer may now rewrite what it reads.
         */
        private void warnIfItsThreadMayStillRead() {
            long held = slot.held();
            Thread reader = slot.lastReader;
            if (held != ReaderSlot.IDLE && reader != null && reader.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, "a HotReadHandle that thread " + reader.getName()
                        + " used was garbage-collected without close() while holding generation " + held
                        + "; it is released now. If that thread was still reading the copy, the writer may "
                        + "rewrite it under it: close handles (try-with-resources), or keep them reachable "
                        + "until the last read (Reference.reachabilityFence).");
            }
        }
    }
}
