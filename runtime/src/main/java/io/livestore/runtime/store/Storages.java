package io.livestore.runtime.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A container of stores of different values, looked up by value class or by store class: the
 * one object a server passes around instead of one field per store.
 *
 * <pre>{@code
 * Storages storages = Storages.of(playerStore, roomStore);
 * PlayerStore players = storages.store(PlayerStore.class);
 * ManagedStore<Room> rooms = storages.forValue(Room.class);
 * storages.close();    // closes every store
 * }</pre>
 *
 * <p>Immutable once built, thread-safe. Holds at most one store per value class.
 */
public final class Storages implements AutoCloseable {

    private final Map<Class<?>, ManagedStore<?>> byValue;

    private Storages(Map<Class<?>, ManagedStore<?>> byValue) {
        this.byValue = byValue;
    }

    /**
     * Creates a container of the given stores.
     *
     * @param stores the stores, one per value class
     * @return the container
     * @throws IllegalArgumentException if two stores hold the same value class
     */
    public static Storages of(ManagedStore<?>... stores) {
        return of(List.of(stores));
    }

    /**
     * Creates a container of the given stores.
     *
     * @param stores the stores, one per value class
     * @return the container
     * @throws IllegalArgumentException if two stores hold the same value class
     */
    public static Storages of(Collection<? extends ManagedStore<?>> stores) {
        final Map<Class<?>, ManagedStore<?>> byValue = new LinkedHashMap<>();
        for (ManagedStore<?> store : stores) {
            Objects.requireNonNull(store, "store");
            final ManagedStore<?> previous = byValue.putIfAbsent(store.valueType(), store);
            if (previous != null) {
                throw new IllegalArgumentException("two stores hold " + store.valueType().getName() + ": " + previous
                        + " and " + store + "; Storages holds one store per value class");
            }
        }
        return new Storages(Collections.unmodifiableMap(byValue));
    }

    /**
     * Returns the store of a value class.
     *
     * @param valueType the value class
     * @param <V> the value type
     * @return its store
     * @throws IllegalArgumentException if no store of it was added, naming the ones that were
     */
    @SuppressWarnings("unchecked")
    public <V> ManagedStore<V> forValue(Class<V> valueType) {
        final ManagedStore<?> store = byValue.get(Objects.requireNonNull(valueType, "valueType"));
        if (store == null) {
            throw new IllegalArgumentException("no store of " + valueType.getName() + " in these Storages; they hold "
                    + names());
        }
        return (ManagedStore<V>) store;
    }

    /**
     * Returns the store of a store class ({@code PlayerStore.class}, or {@code LiveStore.class}
     * when exactly one plain store was added).
     *
     * @param storeType the store class
     * @param <S> the store type
     * @return the store
     * @throws IllegalArgumentException if none, or more than one, store is of that class
     */
    public <S extends ManagedStore<?>> S store(Class<S> storeType) {
        Objects.requireNonNull(storeType, "storeType");
        S found = null;
        for (ManagedStore<?> store : byValue.values()) {
            if (storeType.isInstance(store)) {
                if (found != null) {
                    throw new IllegalArgumentException("more than one store is a " + storeType.getName()
                            + "; look it up by value class with forValue");
                }
                found = storeType.cast(store);
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("no " + storeType.getName() + " in these Storages; they hold " + names());
        }
        return found;
    }

    /** @return whether a store of the value class was added */
    public boolean contains(Class<?> valueType) {
        return byValue.containsKey(valueType);
    }

    /** @return the stores, in the order they were given */
    public Collection<ManagedStore<?>> stores() {
        return byValue.values();
    }

    /**
     * Closes every store, even if one throws; the first failure is rethrown with the others
     * suppressed.
     */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (ManagedStore<?> store : byValue.values()) {
            try {
                store.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Storages" + names();
    }

    private List<String> names() {
        final List<String> names = new ArrayList<>();
        for (Map.Entry<Class<?>, ManagedStore<?>> e : byValue.entrySet()) {
            names.add(e.getKey().getSimpleName() + "=" + e.getValue());
        }
        return names;
    }
}
