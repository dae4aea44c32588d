package io.livestore.runtime.store;

import io.livestore.runtime.layout.ValueBounds;
import io.livestore.runtime.layout.ValueLayout;
import net.openhft.chronicle.bytes.BytesStore;

/**
 * A hand-written layout of {@link StressValue}, as the processor would generate it: 24 bytes,
 * largest alignment first.
 *
 * <pre>
 *  offset  size  component
 *       0     8  count long
 *       8     8  sum long
 *      16     4  writer int
 *      20     4  (padding)
 * </pre>
 *
 * <p>One addition to what the processor generates: {@link #validate} refuses a negative
 * {@code writer}, standing in for the {@code @MaxLength} check of a generated layout, so that the
 * tests can make a mutation's result fail to encode.
 */
final class StressValueLayout implements ValueLayout<StressValue> {

    static final StressValueLayout INSTANCE = new StressValueLayout();

    static final int SIZE = 24;
    static final int COUNT_OFFSET = 0;
    static final int SUM_OFFSET = 8;
    static final int WRITER_OFFSET = 16;

    static final String DESCRIPTION = "io.livestore.runtime.store.StressValue{count:long;sum:long;writer:int}";

    private StressValueLayout() {
    }

    @Override
    public Class<StressValue> valueType() {
        return StressValue.class;
    }

    @Override
    public int size() {
        return SIZE;
    }

    @Override
    public long fingerprint() {
        return 0x5752_4553_5356_4c31L;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public void encode(StressValue value, BytesStore<?, ?> bytes, long offset) {
        validate(value);
        ValueBounds.check(bytes, offset, SIZE, "StressValue");
        bytes.writeLong(offset + COUNT_OFFSET, value.count());
        bytes.writeLong(offset + SUM_OFFSET, value.sum());
        bytes.writeInt(offset + WRITER_OFFSET, value.writer());
    }

    @Override
    public StressValue decode(BytesStore<?, ?> bytes, long offset) {
        ValueBounds.check(bytes, offset, SIZE, "StressValue");
        return new StressValue(bytes.readLong(offset + COUNT_OFFSET), bytes.readLong(offset + SUM_OFFSET),
                bytes.readInt(offset + WRITER_OFFSET));
    }

    /** Refuses a null value or a negative writer, before anything is written. */
    static void validate(StressValue value) {
        if (value == null) {
            throw new NullPointerException("StressValue value is null");
        }
        if (value.writer() < 0) {
            throw new IllegalArgumentException("StressValue.writer must not be negative, was " + value.writer());
        }
    }

    static long count(BytesStore<?, ?> bytes, long offset) {
        ValueBounds.check(bytes, offset, SIZE, "StressValue");
        return bytes.readLong(offset + COUNT_OFFSET);
    }

    static long sum(BytesStore<?, ?> bytes, long offset) {
        ValueBounds.check(bytes, offset, SIZE, "StressValue");
        return bytes.readLong(offset + SUM_OFFSET);
    }

    static int writer(BytesStore<?, ?> bytes, long offset) {
        ValueBounds.check(bytes, offset, SIZE, "StressValue");
        return bytes.readInt(offset + WRITER_OFFSET);
    }

    @Override
    public String toString() {
        return "StressValueLayout[24 bytes, " + DESCRIPTION + "]";
    }
}
