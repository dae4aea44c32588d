package io.livestore.benchmarks.table;

import java.util.UUID;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.hash.serialization.SizedReader;
import net.openhft.chronicle.hash.serialization.SizedWriter;
import net.openhft.chronicle.hash.serialization.impl.EnumMarshallable;

/**
 * Chronicle Map key marshaller for {@link UUID}: 16 bytes, two longs (public: the peer benchmarks
 * use it too). Without it Chronicle Map
 * falls back to Java serialization for UUID keys, which would measure the serializer.
 */
public final class UuidMarshaller
        implements SizedReader<UUID>, SizedWriter<UUID>, EnumMarshallable<UuidMarshaller> {

    public static final UuidMarshaller INSTANCE = new UuidMarshaller();
    static final int SIZE = 2 * Long.BYTES;

    private UuidMarshaller() {
    }

    @Override
    public long size(UUID key) {
        return SIZE;
    }

    @Override
    public void write(Bytes<?> out, long size, UUID key) {
        out.writeLong(key.getMostSignificantBits());
        out.writeLong(key.getLeastSignificantBits());
    }

    @Override
    public UUID read(Bytes<?> in, long size, UUID using) {
        return new UUID(in.readLong(), in.readLong());
    }

    @Override
    public UuidMarshaller readResolve() {
        return INSTANCE;
    }
}
