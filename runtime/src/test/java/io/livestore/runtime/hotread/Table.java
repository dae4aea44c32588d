package io.livestore.runtime.hotread;

import java.util.HashMap;
import java.util.Map;

/** The seed's example state: a table of {@code long -> long}, changed by {@link TableUpdate}s. */
final class Table implements HotReadState<TableUpdate> {

    private final Map<Long, Long> values;
    private int releases;

    Table() {
        this(new HashMap<>());
    }

    private Table(Map<Long, Long> values) {
        this.values = values;
    }

    Map<Long, Long> values() {
        return values;
    }

    /** How many times {@link #release()} ran on this copy. */
    int releases() {
        return releases;
    }

    @Override
    public void apply(TableUpdate action) {
        if (action instanceof TableUpdate.Set set) {
            values.put(set.key(), set.value());
        } else if (action instanceof TableUpdate.Remove remove) {
            values.remove(remove.key());
        } else {
            throw new IllegalArgumentException("unknown update " + action);
        }
    }

    @Override
    public Table copy() {
        return new Table(new HashMap<>(values));
    }

    @Override
    public void release() {
        releases++;
    }
}
