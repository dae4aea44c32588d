package io.livestore.samples.hotread;

import io.livestore.runtime.hotread.HotReadState;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A table of {@code long -> long}: the state that a {@code HotRead} keeps twice. Its
 * {@link #apply} is deterministic and never throws, as {@link HotReadState} requires.
 */
public final class Table implements HotReadState<TableUpdate> {

    private final Map<Long, Long> values;

    public Table() {
        this(new HashMap<>());
    }

    private Table(Map<Long, Long> values) {
        this.values = values;
    }

    /** A read-only view of the values (reading it never changes the copy). */
    public Map<Long, Long> values() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public void apply(TableUpdate update) {
        if (update instanceof TableUpdate.Set set) {
            values.put(set.key(), set.value());
        } else if (update instanceof TableUpdate.Remove remove) {
            values.remove(remove.key());
        }
    }

    @Override
    public Table copy() {
        return new Table(new HashMap<>(values));
    }
}
