package io.livestore.runtime.hotread;

/**
 * One copy of the state that a {@link HotRead} keeps twice.
 *
 * <p>A {@code HotRead} owns two instances: readers read the published one while the writer
 * applies actions to the other. Every queued action is applied exactly once to each copy, in
 * queue order, so the two copies end identical. That makes two demands on an implementation:
 *
 * <ul>
 *   <li>{@link #apply} must be <em>deterministic</em>: the same action applied to equal states
 *       gives equal states. It must read nothing but this copy and the action (no clock, no
 *       random, no shared mutable object), because it runs twice, at different times.
 *   <li>{@link #apply} must not throw. Validate an action before it is queued. If {@code apply}
 *       throws anyway, the copies may have diverged: the {@code HotRead} stops accepting writes
 *       (readers keep the last published copy) and reports the cause.
 * </ul>
 *
 * <p>Methods are called by one writer thread at a time, never while a reader can see this copy.
 * A copy needs no synchronization of its own: the {@code HotRead} publishes it safely.
 *
 * @param <A> the type of the actions applied to the state
 */
public interface HotReadState<A> {

    /**
     * Applies one action to this copy. Deterministic and non-throwing (see the class comment).
     *
     * @param action the action, never {@code null}
     */
    void apply(A action);

    /**
     * Returns a new, independent copy of this state: equal to it, sharing no mutable data with
     * it, and of the same class. Called once, by {@link HotRead#create}, to make the second copy.
     *
     * @return a new instance equal to this one
     */
    HotReadState<A> copy();

    /**
     * Frees what this copy holds outside the Java heap (off-heap memory, files). Called at most
     * once per copy, after {@link HotRead#close()}, once no handle holds the copy any more, by
     * whichever thread saw that last: the closer, a reader leaving in {@code current()},
     * {@code quiescent()} or {@code close()}, or the shared cleaner thread of abandoned handles.
     * Keep it short and non-blocking. If it throws, the copy still counts as released and the
     * exception reaches that thread (wrapped in an {@code IllegalStateException}). The default
     * does nothing.
     */
    default void release() {
    }
}
