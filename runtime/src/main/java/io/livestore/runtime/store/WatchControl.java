package io.livestore.runtime.store;

/** What an {@link UpdateCallback} wants after handling an update. */
public enum WatchControl {
    /** Keep delivering updates. */
    CONTINUE,
    /** Stop: the callback's subscription is closed and it receives nothing more. */
    BREAK
}
