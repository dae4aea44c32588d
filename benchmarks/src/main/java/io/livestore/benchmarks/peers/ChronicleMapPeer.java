package io.livestore.benchmarks.peers;

import java.util.UUID;

import io.livestore.benchmarks.store.Score;
import io.livestore.benchmarks.table.LookupKeys;
import io.livestore.benchmarks.table.UuidMarshaller;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;

/**
 * {@code ChronicleMap<UUID, ScoreValue>} (off-heap, in process), configured as its documentation
 * recommends for speed, as {@code TableLookupBenchmark}'s peer: a 16-byte key marshaller with
 * {@code constantKeySizeBySample}, a values interface ({@link ScoreValue}) and {@code getUsing}
 * into one heap instance per reader. A mutation reads, changes and replaces the value under the
 * entry's write lock through a query context (the documented way to update atomically); a
 * removal goes through the context too, so that no removed value is deserialized.
 */
final class ChronicleMapPeer implements ScorePeer {

    /** A value to copy into per writing thread: writes may come from several threads. */
    private static final ThreadLocal<ScoreValue> WRITE_VALUE =
            ThreadLocal.withInitial(() -> Values.newHeapInstance(ScoreValue.class));

    private final ChronicleMap<UUID, ScoreValue> map;

    ChronicleMapPeer(int entries) {
        map = ChronicleMap.of(UUID.class, ScoreValue.class)
                .keyMarshaller(UuidMarshaller.INSTANCE)
                .constantKeySizeBySample(new UUID(0, 0))
                .entries(entries)
                .create();
    }

    @Override
    public long nativeBytes() {
        return map.offHeapMemoryUsed();
    }

    @Override
    public String name() {
        return Peers.CHRONICLE_MAP;
    }

    @Override
    public void fill(LookupKeys keys) {
        final ScoreValue value = WRITE_VALUE.get();
        for (int i = 0; i < keys.size(); i++) {
            value.setPoints(i);
            value.setLevel(1);
            map.put(keys.key(i), value);
        }
    }

    @Override
    public PeerReader reader() {
        final ScoreValue using = Values.newHeapInstance(ScoreValue.class);
        return (msb, lsb) -> {
            final ScoreValue value = map.getUsing(new UUID(msb, lsb), using);
            return value == null ? -1 : value.getPoints();
        };
    }

    @Override
    public void addPoints(long msb, long lsb, long delta) {
        try (ExternalMapQueryContext<UUID, ScoreValue, ?> context = map.queryContext(new UUID(msb, lsb))) {
            context.writeLock().lock();
            final MapEntry<UUID, ScoreValue> entry = context.entry();
            if (entry == null) {
                throw new IllegalStateException("no entry for " + new UUID(msb, lsb));
            }
            final ScoreValue value = entry.value().getUsing(WRITE_VALUE.get());
            value.setPoints(value.getPoints() + delta);
            entry.doReplaceValue(context.wrapValueAsData(value));
        }
    }

    @Override
    public UUID init(Score value) {
        final UUID key = UUID.randomUUID();
        final ScoreValue toPut = WRITE_VALUE.get();
        toPut.setPoints(value.points());
        toPut.setLevel(value.level());
        map.put(key, toPut);
        return key;
    }

    @Override
    public void remove(UUID key) {
        try (ExternalMapQueryContext<UUID, ScoreValue, ?> context = map.queryContext(key)) {
            context.writeLock().lock();
            final MapEntry<UUID, ScoreValue> entry = context.entry();
            if (entry != null) {
                context.remove(entry);
            }
        }
    }

    @Override
    public void close() {
        map.close();
    }
}
