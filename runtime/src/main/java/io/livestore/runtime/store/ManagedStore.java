package io.livestore.runtime.store;

/**
 * What every store has in common, whatever its value: for {@link Storages}, which holds stores
 * of different values in one place. {@link LiveStore} and the generated {@code XStore} classes
 * implement it.
 *
 * @param <V> the value type
 */
public interface ManagedStore<V> extends AutoCloseable {

    /** @return the class of the values this store holds */
    Class<V> valueType();

    /** @return the number of entries */
    int size();

    /** @return whether {@link #close()} has been called */
    boolean isClosed();

    /** Closes the store (see {@link LiveStore#close()}). Idempotent. */
    @Override
    void close();
}
