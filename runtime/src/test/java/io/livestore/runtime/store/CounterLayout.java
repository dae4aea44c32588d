package io.livestore.runtime.store;

import io.livestore.runtime.layout.BoundedUtf8;
import io.livestore.runtime.layout.ValueBounds;
import io.livestore.runtime.layout.ValueLayout;
import net.openhft.chronicle.bytes.BytesStore;

/** A hand-written layout of {@link Counter}, as the processor would generate it: count, then the label. */
final class CounterLayout implements ValueLayout<Counter> {

    static final CounterLayout INSTANCE = new CounterLayout();
    static final int LABEL_MAX = 8;
    static final int COUNT_OFFSET = 0;
    static final int LABEL_OFFSET = 8;
    static final int SIZE = (LABEL_OFFSET + BoundedUtf8.fieldSize(LABEL_MAX) + 7) & -8;

    @Override
    public Class<Counter> valueType() {
        return Counter.class;
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public long fingerprint() {
        return 0x1234_5678L;
    }

    @Override
    public String description() {
        return "Counter{count:long;label:String(8)}";
    }

    @Override
    public void encode(Counter value, BytesStore<?, ?> bytes, long offset) {
        BoundedUtf8.check(value.label(), LABEL_MAX, "Counter", "label");
        ValueBounds.check(bytes, offset, SIZE, "Counter");
        bytes.writeLong(offset + COUNT_OFFSET, value.count());
        BoundedUtf8.write(bytes, offset + LABEL_OFFSET, value.label(), LABEL_MAX, "Counter", "label");
    }

    @Override
    public Counter decode(BytesStore<?, ?> bytes, long offset) {
        ValueBounds.check(bytes, offset, SIZE, "Counter");
        return new Counter(bytes.readLong(offset + COUNT_OFFSET), BoundedUtf8.read(bytes, offset + LABEL_OFFSET, LABEL_MAX));
    }

    static long count(BytesStore<?, ?> bytes, long offset) {
        ValueBounds.check(bytes, offset, SIZE, "Counter");
        return bytes.readLong(offset + COUNT_OFFSET);
    }
}
