package io.livestore.benchmarks.peers;

import java.util.UUID;

import io.livestore.benchmarks.store.AddPoints;
import io.livestore.benchmarks.store.Score;
import io.livestore.benchmarks.store.ScoreStore;
import io.livestore.benchmarks.store.ScoreView;
import io.livestore.benchmarks.table.LookupKeys;
import io.livestore.runtime.store.StoreReader;

/**
 * The store as a user writes it: generated {@code ScoreStore} presized for the entries,
 * {@code mutate} with the {@link AddPoints} mutation, reads through a {@code StoreReader} and a
 * {@code ScoreView} per thread.
 */
final class LiveStorePeer implements ScorePeer {

    private final ScoreStore store;

    LiveStorePeer(int entries) {
        store = ScoreStore.builder().expectedEntries(entries).build();
    }

    @Override
    public long nativeBytes() {
        return store.memoryUsed();
    }

    @Override
    public String name() {
        return Peers.LIVE_STORE;
    }

    @Override
    public void fill(LookupKeys keys) {
        for (int i = 0; i < keys.size(); i++) {
            store.insert(keys.key(i), new Score(i, 1));
        }
    }

    @Override
    public PeerReader reader() {
        final StoreReader<Score> reader = store.reader();
        final ScoreView view = new ScoreView();
        return new PeerReader() {
            @Override
            public long points(long msb, long lsb) {
                return reader.current().find(new UUID(msb, lsb), view) ? view.points() : -1;
            }

            @Override
            public void close() {
                reader.close();
            }
        };
    }

    @Override
    public void addPoints(long msb, long lsb, long delta) {
        store.mutate(new UUID(msb, lsb), new AddPoints(delta));
    }

    @Override
    public UUID init(Score value) {
        return store.init(value);
    }

    @Override
    public void remove(UUID key) {
        store.remove(key);
    }

    @Override
    public void close() {
        store.close();
    }
}
