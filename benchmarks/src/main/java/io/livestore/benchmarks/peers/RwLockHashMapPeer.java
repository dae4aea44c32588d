package io.livestore.benchmarks.peers;

import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.livestore.benchmarks.store.Score;
import io.livestore.benchmarks.table.LookupKeys;

/** A {@code HashMap<UUID, Score>} behind a {@code ReentrantReadWriteLock} (non-fair). */
final class RwLockHashMapPeer implements ScorePeer {

    private final HashMap<UUID, Score> map;
    private final Lock readLock;
    private final Lock writeLock;

    RwLockHashMapPeer(int entries) {
        map = new HashMap<>((int) (entries / 0.75f) + 1);
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        readLock = lock.readLock();
        writeLock = lock.writeLock();
    }

    @Override
    public String name() {
        return Peers.RW_LOCK_HASH_MAP;
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
            final UUID key = new UUID(msb, lsb);
            readLock.lock();
            try {
                final Score score = map.get(key);
                return score == null ? -1 : score.points();
            } finally {
                readLock.unlock();
            }
        };
    }

    @Override
    public void addPoints(long msb, long lsb, long delta) {
        final UUID key = new UUID(msb, lsb);
        writeLock.lock();
        try {
            final Score old = map.get(key);
            map.put(key, new Score(old.points() + delta, old.level()));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public UUID init(Score value) {
        final UUID key = UUID.randomUUID();
        writeLock.lock();
        try {
            map.put(key, value);
        } finally {
            writeLock.unlock();
        }
        return key;
    }

    @Override
    public void remove(UUID key) {
        writeLock.lock();
        try {
            map.remove(key);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        map.clear();
    }
}
