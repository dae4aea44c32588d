package io.livestore.runtime.hotread;

/** The seed's example actions on a {@link Table}. */
sealed interface TableUpdate {

    record Set(long key, long value) implements TableUpdate {
    }

    record Remove(long key) implements TableUpdate {
    }
}
