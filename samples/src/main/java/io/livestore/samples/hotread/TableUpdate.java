package io.livestore.samples.hotread;

/** The actions that change a {@link Table}: plain data, so they can be applied to both copies. */
public sealed interface TableUpdate {

    /** Sets {@code key} to {@code value}. */
    record Set(long key, long value) implements TableUpdate {
    }

    /** Removes {@code key}. */
    record Remove(long key) implements TableUpdate {
    }
}
