package io.livestore.runtime.store;

/**
 * Receives the updates of one key, for {@code LiveStore.onUpdate}: one call at a time, in order,
 * on the store's callback executor.
 *
 * @param <V> the value type
 * @param <M> the message type
 */
@FunctionalInterface
public interface UpdateCallback<V, M> {

    /**
     * Handles one update. After a {@link Update.Removed} no more calls come, whatever it returns.
     * If it throws, the callback stops (as on {@code BREAK}) and the exception is logged.
     *
     * @param update the update
     * @return {@link WatchControl#CONTINUE} for more, {@link WatchControl#BREAK} to stop
     */
    WatchControl onUpdate(Update<V, M> update);
}
