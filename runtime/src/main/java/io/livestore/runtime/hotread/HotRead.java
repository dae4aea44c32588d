package io.livestore.runtime.hotread;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A state kept in two copies so that readers never lock and never wait: readers read the
 * published copy through a {@link HotReadHandle}, while the writer applies queued actions to the
 * other copy and publishes it once no reader still holds it.
 *
 * <pre>{@code
 * HotRead<Table, TableUpdate> table = HotRead.create(new Table());
 * HotReadHandle<Table> reader = table.createHandle();
 * table.queueUpdate(new TableUpdate.Set(1, 42));
 * assert reader.current().values().get(1L) == 42;
 * MaintainResult r = table.maintain();   // r.blockedByWorkers()
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Readers:</b> {@link HotReadHandle#current()} takes no lock, allocates nothing and, while
 *       no new generation was published, costs one volatile read. The copy it returns is never
 *       written while the handle holds it (until the handle's next {@code current()},
 *       {@code quiescent()} or {@code close()}). It may be stale; it is never half-written.
 *   <li><b>Writers:</b> every action is applied exactly once to each copy, in queue order, and a
 *       writer never waits for a reader: when a handle still holds the copy the writer needs,
 *       actions stay queued and are published by a later {@link #queueUpdate} or
 *       {@link #maintain()}. Actions queued together by {@link #queueUpdates} become visible
 *       together. Writer methods may be called from any thread; they serialize on one lock.
 *   <li><b>Generations</b> a handle sees never go backwards. The slowest live handle decides when
 *       an old copy can be reused; a handle whose thread ended stops blocking the writer at its
 *       next attempt, and one dropped without {@code close()} once the garbage collector finds
 *       it unreachable. {@link #blockingHandles()} names the handles that block it.
 *   <li><b>Scale:</b> creating and closing a handle cost O(1); a write scans the handles open now.
 *   <li><b>Closing</b> discards queued actions, makes every later call throw
 *       {@link IllegalStateException}, and {@linkplain HotReadState#release() releases} each copy
 *       once no handle holds it any more.
 * </ul>
 *
 * <p>The protocol and its memory orderings are described in {@code package-info}.
 *
 * @param <S> the state type
 * @param <A> the action type
 */
public final class HotRead<S extends HotReadState<A>, A> extends HotReadRightPad implements AutoCloseable {

    /** The value of {@code publishedGeneration} once closed: no generation, so every handle's fast path misses. */
    static final long CLOSED = Long.MIN_VALUE;

    /** Copy {@code g & 1} holds generation {@code g}. Final and never replaced. */
    private final HotReadState<A>[] copies;

    /**
     * The most actions one flush applies (rounded up to a whole batch): bounds the time a write
     * or {@code maintain} spends under the write lock catching a copy up after a long-held reader.
     */
    private final int catchUpLimit;

    private final ReaderRegistry readers = new ReaderRegistry();

    private static final System.Logger LOG = System.getLogger("io.livestore.hotread");

    /** The first failure of a release that ran off the caller's thread: set by a release thread, read by any. */
    private final AtomicReference<Throwable> releaseFailure = new AtomicReference<>();

    /** Copies whose {@code release()} has been called (1) or not (0): each is released once. */
    private final AtomicIntegerArray released = new AtomicIntegerArray(2);

    // ---- Writer state: touched only while holding writeLock. ----

    private final ReentrantLock writeLock = new ReentrantLock();

    /** Actions not yet applied to both copies. */
    private final ActionLog<A> log = new ActionLog<>();

    /** Per copy: the sequence number of the first action it has not applied yet. */
    private final long[] appliedUpTo = new long[2];

    /** The last generation published; unlike {@code publishedGeneration} it survives close. */
    private long generation;

    /**
     * True while the writer runs user code under the write lock (an action's {@code apply}, a
     * batch's iterator). The lock is reentrant, so this is what stops that code from calling back
     * into the writer (or closing the HotRead) halfway through an update.
     */
    private boolean inUserCode;

    /** Set when {@code apply} threw: the copies may differ, so no further write is accepted. */
    private Throwable failure;

    private boolean closed;

    // Filled by flushLocked() for maintain() to report, so that queueUpdate allocates nothing.
    private long lastApplied;
    private long lastPublished;
    private int lastBlocking;

    private HotRead(HotReadState<A> first, HotReadState<A> second, int catchUpLimit) {
        @SuppressWarnings("unchecked")
        HotReadState<A>[] both = (HotReadState<A>[]) new HotReadState<?>[] {first, second};
        // Final: a thread that sees this HotRead sees both copies as constructed. Generation 0
        // (the field's default) is copy 0.
        this.copies = both;
        this.catchUpLimit = catchUpLimit;
    }

    /**
     * Creates a HotRead whose two copies are {@code initial} and {@code initial.copy()}. The
     * HotRead owns both from now on: the caller must not touch {@code initial} again.
     *
     * @param initial the initial state
     * @param <S> the state type
     * @param <A> the action type
     * @return a new HotRead whose generation 0 is {@code initial}
     * @throws NullPointerException if {@code initial} is null
     * @throws IllegalArgumentException if {@code initial.copy()} returns null, {@code initial}
     *     itself, or an instance of another class
     */
    public static <S extends HotReadState<A>, A> HotRead<S, A> create(S initial) {
        return create(initial, Integer.MAX_VALUE);
    }

    /**
     * Creates a HotRead, as {@link #create(HotReadState)}, whose writer applies at most
     * {@code catchUpLimit} actions per {@code queueUpdate}, {@code queueUpdates} or
     * {@code maintain} call, plus twice the actions the call itself queues (so that every
     * unblocked call shrinks a backlog, whatever the batch sizes), rounded up to the end of a
     * batch so that readers still see whole batches. After a reader held a copy through a long
     * burst of writes, the copy is then caught up over several calls instead of one long one,
     * and each call publishes what it
     * has applied so far once that is ahead of the published copy. Writes queued meanwhile are
     * not lost or reordered; they become visible a few calls later. Call {@link #maintain()}
     * until {@link MaintainResult#caughtUp()} to finish a catch-up without writing.
     *
     * @param initial the initial state
     * @param catchUpLimit the most actions one call applies, at least 1
     * @param <S> the state type
     * @param <A> the action type
     * @return a new HotRead whose generation 0 is {@code initial}
     * @throws IllegalArgumentException if {@code catchUpLimit} is below 1, or as
     *     {@link #create(HotReadState)}
     */
    public static <S extends HotReadState<A>, A> HotRead<S, A> create(S initial, int catchUpLimit) {
        Objects.requireNonNull(initial, "initial state");
        if (catchUpLimit < 1) {
            throw new IllegalArgumentException("catchUpLimit=" + catchUpLimit + " must be at least 1");
        }
        HotReadState<A> second = initial.copy();
        if (second == null || second == initial || second.getClass() != initial.getClass()) {
            if (second != null && second != initial) {
                second.release(); // the caller never sees it: free what it holds
            }
            throw new IllegalArgumentException(initial.getClass().getName()
                    + ".copy() must return a new instance of " + initial.getClass().getName()
                    + ", but returned " + (second == initial ? "the same instance"
                            : second == null ? "null" : "an instance of " + second.getClass().getName()));
        }
        return new HotRead<>(initial, second, catchUpLimit);
    }

    /**
     * Creates a reader handle. A handle belongs to one thread at a time; create one per reading
     * thread and close it when the thread is done. A new handle holds nothing until its first
     * {@link HotReadHandle#current()}.
     *
     * @return a new handle
     * @throws IllegalStateException if this HotRead is closed
     */
    public HotReadHandle<S> createHandle() {
        if (publishedGeneration == CLOSED) {
            throw closedException();
        }
        return new HotReadHandle<>(this, readers.take(), false);
    }

    /**
     * Creates a handle for several threads that serialize every use of it, and of the copies it
     * returns, with a lock of their own (a store's writer, used by whichever thread holds the
     * write lock). Unlike {@link #createHandle()}, its {@code quiescent()} and {@code close()}
     * do not refuse a thread other than the one that acquired the copy: the lock already orders
     * that thread's reads before them.
     *
     * @return a new handle
     * @throws IllegalStateException if this HotRead is closed
     */
    public HotReadHandle<S> createSharedHandle() {
        if (publishedGeneration == CLOSED) {
            throw closedException();
        }
        return new HotReadHandle<>(this, readers.take(), true);
    }

    /**
     * Queues one action. It is applied to the inactive copy and published at once when no
     * handle holds that copy; otherwise it stays queued, in order, and a later call publishes it.
     * Never waits for a reader. Allocates nothing once the queue has grown to the writer's burst
     * size.
     *
     * @param action the action
     * @throws NullPointerException if {@code action} is null (nothing is queued)
     * @throws IllegalStateException if this HotRead is closed, if a previous action's
     *     {@code apply} threw, or if called from inside {@code apply}
     */
    public void queueUpdate(A action) {
        Objects.requireNonNull(action, "action");
        writeLock.lock();
        try {
            checkWritable();
            log.append(action);
            log.endBatch();
            flushLocked(1);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Queues several actions, in iteration order, to be published together: readers see all of
     * them or none.
     *
     * @param actions the actions
     * @throws NullPointerException if {@code actions} or one of its elements is null (nothing is
     *     queued)
     * @throws IllegalStateException as {@link #queueUpdate}
     */
    public void queueUpdates(Iterable<? extends A> actions) {
        Objects.requireNonNull(actions, "actions");
        writeLock.lock();
        try {
            checkWritable();
            long start = log.end();
            inUserCode = true; // the iterator is user code: it must not write, flush or close
            try {
                Iterator<? extends A> it = actions.iterator();
                for (int index = 0; it.hasNext(); index++) {
                    A action = it.next();
                    if (action == null) {
                        throw new NullPointerException("actions[" + index + "] is null; nothing was queued");
                    }
                    log.append(action);
                }
            } catch (Throwable t) {
                // Leave the queue as it was: a batch is all or nothing.
                log.truncate(start);
                throw t;
            } finally {
                inUserCode = false;
            }
            if (log.end() > start) {
                log.endBatch();
            }
            flushLocked(log.end() - start);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Applies and publishes what is queued if every handle has caught up, and brings the other
     * copy up to date. Call it periodically when writes are rare: queued actions are otherwise
     * published only by the next {@code queueUpdate}.
     *
     * @return what this call applied and published, or which handles blocked it
     * @throws IllegalStateException if this HotRead is closed, if a previous action's
     *     {@code apply} threw, or if called from inside {@code apply}
     */
    public MaintainResult maintain() {
        writeLock.lock();
        try {
            checkWritable();
            flushLocked(0);
            long pending = log.end() - appliedUpTo[copyIndex(generation)];
            List<BlockingHandle> blockers = lastBlocking == 0 ? List.of()
                    : readers.holdingOlderThan(generation, System.nanoTime());
            return new MaintainResult(generation, lastApplied, lastPublished, lastBlocking, pending,
                    log.end() - Math.min(appliedUpTo[0], appliedUpTo[1]), blockers);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Returns the last published generation. Generation 0 is the initial state; each publication
     * adds one.
     *
     * @return the last published generation (also after close)
     */
    public long generation() {
        writeLock.lock();
        try {
            return generation;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Returns how many queued actions readers cannot see yet: 0 when the published copy holds
     * every action queued so far. A writer that keeps its own index of unpublished writes can
     * drop it when this is 0.
     *
     * @return the number of unpublished actions (0 after close)
     */
    public long pendingActions() {
        writeLock.lock();
        try {
            return closed ? 0 : log.end() - appliedUpTo[copyIndex(generation)];
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Describes the handles that hold an older generation than the published one: while any
     * does, the writer cannot update the copy it reads and queued actions wait. Each names the
     * thread that acquired the generation and how long it has held it. Allocates; for reports.
     *
     * @return the blocking handles, empty if none
     */
    public List<BlockingHandle> blockingHandles() {
        writeLock.lock();
        try {
            return closed ? List.of() : readers.holdingOlderThan(generation, System.nanoTime());
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Returns the first failure of a {@link HotReadState#release()} that ran where no caller
     * could receive it (after the last handle of a closed HotRead was garbage-collected); it was
     * also logged as a warning ({@code System.Logger} {@code io.livestore.hotread}).
     *
     * @return the failure, or null
     */
    public Throwable releaseFailure() {
        return releaseFailure.get();
    }

    /** Returns the number of handles created and not yet closed (or collected). */
    public int openHandles() {
        return readers.openHandles();
    }

    /** Returns whether {@link #close()} has been called. */
    public boolean isClosed() {
        return publishedGeneration == CLOSED;
    }

    /**
     * Closes this HotRead: queued actions are discarded, every later write, {@code createHandle}
     * and {@code current()} throws {@link IllegalStateException}, and each copy is
     * {@linkplain HotReadState#release() released} as soon as no handle holds it (at once, or
     * when the last holder moves on). Idempotent.
     *
     * @throws IllegalStateException if called from inside {@code apply}
     */
    @Override
    public void close() {
        writeLock.lock();
        try {
            if (inUserCode) {
                throw new IllegalStateException("close() called from inside HotReadState.apply or a batch's iterator");
            }
            if (!closed) {
                closed = true;
                log.clear();
                // Volatile store, then the scan in releaseUnheldCopies(): the writer's side of the
                // Dekker handshake. A reader that announced a copy before this store is seen by the
                // scan; one that announces later re-reads CLOSED, backs off and releases it itself.
                publishedGeneration = CLOSED;
            }
        } finally {
            writeLock.unlock();
        }
        // Runs on every close(): it releases only copies not yet released and held by no one.
        releaseUnheldCopies();
    }

    // ---- Called by handles. ----

    /** Returns the copy that holds generation {@code g}. */
    @SuppressWarnings("unchecked")
    S copyOf(long g) {
        return (S) copies[copyIndex(g)];
    }

    ReaderRegistry readers() {
        return readers;
    }

    /**
     * Called after a reader's slot turned idle (quiescent, close, or collected). The caller's
     * volatile store of IDLE precedes this volatile read, so if the read misses CLOSED then
     * close()'s scan will see the idle slot; if it sees CLOSED, this reader may be the last
     * holder and tries the release itself.
     */
    void afterReaderLeft() {
        if (publishedGeneration == CLOSED) {
            releaseUnheldCopies();
        }
    }

    /**
     * As {@link #afterReaderLeft()}, for the cleaner's thread, which every HotRead shares:
     * releasing copies runs user code that may be slow or throw, so it runs on a thread of its
     * own, and a failure is logged and kept for {@link #releaseFailure()}.
     */
    void afterReaderLeftOffThread() {
        if (publishedGeneration != CLOSED || !anyCopyReleasable()) {
            // Nothing to release: start no thread (a closed HotRead may see many handles collected).
            return;
        }
        Thread release = new Thread(() -> {
            try {
                releaseUnheldCopies();
            } catch (RuntimeException | Error e) {
                releaseFailure.compareAndSet(null, e);
                LOG.log(System.Logger.Level.WARNING, "releasing a copy of a closed HotRead failed", e);
            }
        }, "livestore-hotread-release");
        release.setDaemon(true);
        release.start();
    }

    /** Whether some copy is not released yet and held by no handle. Lock-free; runs no user code. */
    private boolean anyCopyReleasable() {
        for (int i = 0; i < 2; i++) {
            if (released.get(i) == 0 && !readers.anyHoldsCopy(i)) {
                return true;
            }
        }
        return false;
    }

    static IllegalStateException closedException() {
        return new IllegalStateException("HotRead is closed");
    }

    // ---- Writer internals. ----

    private void checkWritable() {
        if (inUserCode) {
            throw new IllegalStateException(
                    "HotReadState.apply and a batch's iterator must not call back into their HotRead"
                            + " (queueUpdate/queueUpdates/maintain/close)");
        }
        if (closed) {
            throw closedException();
        }
        if (failure != null) {
            throw new IllegalStateException("HotRead stopped accepting writes because an earlier action's "
                    + "apply threw; the copies may differ. Readers keep the last published copy.", failure);
        }
    }

    /**
     * Brings the inactive copy up to date, or {@link #catchUpLimit} actions (plus twice what this
     * call appended) closer to it, and publishes it if that shows readers something new. Does
     * nothing (and records the number of blockers) while a handle holds the inactive copy.
     *
     * @param appended actions the calling write appended: a step covers them twice over (each
     *     copy applies every action), so that a step moves what readers see on by more than the
     *     call added, and the backlog a slow reader left shrinks with every unblocked call,
     *     whatever the writers' batch sizes
     */
    private void flushLocked(long appended) {
        assert !closed : "flush after close";
        lastApplied = 0;
        lastPublished = 0;
        lastBlocking = 0;
        long current = generation;
        int activeCopy = copyIndex(current);
        int inactiveCopy = copyIndex(current + 1);
        long end = log.end();
        long from = appliedUpTo[inactiveCopy];
        if (from == end) {
            return;
        }
        // Runs after our volatile store of `current` (in an earlier flush, ordered before this one
        // by the lock): the writer's half of the Dekker handshake. A handle seen here holding an
        // older generation may still be reading the inactive copy.
        int blocking = readers.countHoldingOlderThan(current);
        if (blocking > 0) {
            lastBlocking = blocking;
            return;
        }
        // Whole batches only: stopping inside one could publish half of it.
        long budget = catchUpLimit + 2 * appended;
        long to = end - from <= budget ? end : log.endOfBatchAtOrAfter(from + budget - 1);
        applyRange(inactiveCopy, from, to);
        appliedUpTo[inactiveCopy] = to;
        lastApplied = to - from;
        // Published only when it shows readers something new: a step may only have caught the
        // copy up on what they already see. (It is never behind: every step but the last applies
        // at least catchUpLimit actions, and the published copy is at most one step ahead.)
        long newActions = to - appliedUpTo[activeCopy];
        if (newActions > 0) {
            generation = current + 1;
            // Release: the copy is fully written before any reader can load this generation.
            publishedGeneration = current + 1;
            lastPublished = newActions;
        }
        log.discardBefore(Math.min(appliedUpTo[0], appliedUpTo[1]));
    }

    private void applyRange(int copyIndex, long from, long to) {
        HotReadState<A> copy = copies[copyIndex];
        long sequence = from;
        inUserCode = true;
        try {
            for (; sequence < to; sequence++) {
                copy.apply(log.get(sequence));
            }
        } catch (Throwable t) {
            // The copy is partly updated and cannot be rolled back: never publish it, refuse
            // further writes, and let readers keep the last published (consistent) copy.
            failure = t;
            throw new IllegalStateException(copy.getClass().getName() + ".apply threw on queued action #"
                    + sequence + " (" + log.get(sequence).getClass().getName() + "); the HotRead accepts no "
                    + "further writes. Readers keep the last published copy.", t);
        } finally {
            inUserCode = false;
        }
    }

    private static int copyIndex(long generation) {
        return (int) (generation & 1);
    }

    /**
     * Releases each copy that no handle holds, once. Only after close. A copy whose
     * {@code release()} throws counts as released (it is not retried: its state is unknown), and
     * the other copy is still released; the first exception is rethrown.
     */
    private void releaseUnheldCopies() {
        Throwable failed = null;
        for (int i = 0; i < 2; i++) {
            if (released.get(i) == 0 && !readers.anyHoldsCopy(i) && released.compareAndSet(i, 0, 1)) {
                try {
                    copies[i].release();
                } catch (Throwable t) {
                    if (failed == null) {
                        failed = t;
                    } else {
                        failed.addSuppressed(t);
                    }
                }
            }
        }
        if (failed != null) {
            throw new IllegalStateException("HotReadState.release() threw while releasing a copy of "
                    + copies[0].getClass().getName(), failed);
        }
    }
}
