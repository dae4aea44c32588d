package io.livestore.runtime.store;

/** Why an entry left the store, as told to its watchers by {@link Update.Removed}. */
public enum RemovalCause {
    /** Removed by {@code remove} or a guard's {@code delete}. */
    REMOVED,
    /** Not written for longer than its time to live, and removed by an expiry check. */
    EXPIRED,
    /** Removed with every other entry by {@code clear()}. */
    CLEARED,
    /** The store was closed; the entry is gone with it. */
    CLOSED
}
