package io.livestore.benchmarks.peers;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.livestore.benchmarks.store.Score;
import io.livestore.benchmarks.table.LookupKeys;

/**
 * {@code ConcurrentHashMap<UUID, Score>}, presized: the baseline every ratio is taken against.
 * A mutation is {@code compute} with a new record, as a user would write it.
 */
final class ConcurrentHashMapPeer implements ScorePeer {

    private final ConcurrentHashMap<UUID, Score> map;

    ConcurrentHashMapPeer(int entries) {
        map = new ConcurrentHashMap<>(entries);
    }

    @Override
    public String name() {
        return Peers.CONCURRENT_HASH_MAP;
    }

    @Override
    public void fill(LookupKeys keys) {
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.key(i), new Score(i, 1));
        }
    }

    @Override
    public PeerReader reader() {
        return (msb, lsb) -> {
            final Score score = map.get(new UUID(msb, lsb));
            return score == null ? -1 : score.points();
        };
    }

    @Override
    public void addPoints(long msb, long lsb, long delta) {
        map.compute(new UUID(msb, lsb), (key, old) -> new Score(old.points() + delta, old.level()));
    }

    @Override
    public UUID init(Score value) {
        final UUID key = UUID.randomUUID();
        map.put(key, value);
        return key;
    }

    @Override
    public void remove(UUID key) {
        map.remove(key);
    }

    @Override
    public void close() {
        map.clear();
    }
}
