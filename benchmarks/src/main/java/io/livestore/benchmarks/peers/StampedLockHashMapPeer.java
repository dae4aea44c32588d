package io.livestore.benchmarks.peers;

import java.util.HashMap;
import java.util.UUID;
import java.util.concurrent.locks.StampedLock;

import io.livestore.benchmarks.store.Score;
import io.livestore.benchmarks.table.LookupKeys;

/**
 * A {@code HashMap<UUID, Score>} behind a {@code StampedLock}: reads are optimistic and fall back
 * to the read lock when a write overlapped them; writes take the write lock.
 */
final class StampedLockHashMapPeer implements ScorePeer {

    private final HashMap<UUID, Score> map;
    private final StampedLock lock = new StampedLock();

    StampedLockHashMapPeer(int entries) {
        map = new HashMap<>((int) (entries / 0.75f) + 1);
    }

    @Override
    public String name() {
        return Peers.STAMPED_LOCK_HASH_MAP;
    }

    @Override
    public void fill(LookupKeys keys) {
        for (int i = 0; i < keys.size(); i++) {
            map.put(keys.key(i), new Score(i, 1));
        }
    }

    @Override
    public PeerReader reader() {
        return this::read;
    }

    private long read(long msb, long lsb) {
        final UUID key = new UUID(msb, lsb);
        final long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            try {
                final Score score = map.get(key);
                final long points = score == null ? -1 : score.points();
                if (lock.validate(stamp)) {
                    return points;
                }
            } catch (RuntimeException racedWithResize) {
                // A get that overlapped an insert's resize may walk a half-moved table and throw;
                // validate would fail anyway, so the locked read below decides.
            }
        }
        final long locked = lock.readLock();
        try {
            final Score score = map.get(key);
            return score == null ? -1 : score.points();
        } finally {
            lock.unlockRead(locked);
        }
    }

    @Override
    public void addPoints(long msb, long lsb, long delta) {
        final UUID key = new UUID(msb, lsb);
        final long stamp = lock.writeLock();
        try {
            final Score old = map.get(key);
            map.put(key, new Score(old.points() + delta, old.level()));
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public UUID init(Score value) {
        final UUID key = UUID.randomUUID();
        final long stamp = lock.writeLock();
        try {
            map.put(key, value);
        } finally {
            lock.unlockWrite(stamp);
        }
        return key;
    }

    @Override
    public void remove(UUID key) {
        final long stamp = lock.writeLock();
        try {
            map.remove(key);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    @Override
    public void close() {
        map.clear();
    }
}
