package io.livestore.benchmarks.peers;

import java.util.Locale;

import io.livestore.benchmarks.table.LookupKeys;

/** Opens a peer by its name in the benchmarks' {@code peer} parameter, filled and checked. */
public final class Peers {

    /** The store: generated {@code ScoreStore}, {@code reader()} and {@code ScoreView}. */
    public static final String LIVE_STORE = "liveStore";
    /** {@code ConcurrentHashMap<UUID, Score>}, {@code compute} for mutations: every ratio's baseline. */
    public static final String CONCURRENT_HASH_MAP = "concurrentHashMap";
    /** {@code HashMap<UUID, Score>} behind a {@code ReentrantReadWriteLock}. */
    public static final String RW_LOCK_HASH_MAP = "rwLockHashMap";
    /** {@code HashMap<UUID, Score>} behind a {@code StampedLock}, optimistic reads. */
    public static final String STAMPED_LOCK_HASH_MAP = "stampedLockHashMap";
    /** Chronicle Map with a values interface, configured for speed as its documentation says. */
    public static final String CHRONICLE_MAP = "chronicleMap";
    /** The limit: the store's table without the store (single writer, no consistency). */
    public static final String BARE_INDEX_AND_ARENA = "bareIndexAndArena";
    /** Redis on loopback, a value as a hash of decimal fields. */
    public static final String REDIS_HASH = "redisHash";
    /** Redis on loopback, a value as a packed 12-byte string. */
    public static final String REDIS_STRING = "redisString";

    /** Keys checked after filling a peer that answers over the network: a sample, not all. */
    private static final int REMOTE_CHECKS = 2_000;

    private Peers() {
    }

    /**
     * Creates the named peer for {@code keys.size()} entries, fills it ({@code Score(i, 1)}) and
     * checks that it reads back what was put, so that every peer of a run answers the same.
     *
     * @param name one of the constants of this class
     * @param keys the keys to fill with
     * @return the filled peer
     * @throws IllegalArgumentException for an unknown name
     * @throws AssertionError if the peer reads back a wrong value
     */
    public static ScorePeer open(String name, LookupKeys keys) {
        final ScorePeer peer = create(name, keys.size());
        try {
            peer.fill(keys);
            check(peer, keys);
            return peer;
        } catch (RuntimeException | Error e) {
            peer.close();
            throw e;
        }
    }

    /**
     * Creates the named peer, empty, sized for {@code entries} where it takes a size.
     *
     * @param name one of the constants of this class
     * @param entries how many entries it will hold
     * @return the empty peer
     * @throws IllegalArgumentException for an unknown name
     */
    public static ScorePeer create(String name, int entries) {
        return switch (name) {
            case LIVE_STORE -> new LiveStorePeer(entries);
            case CONCURRENT_HASH_MAP -> new ConcurrentHashMapPeer(entries);
            case RW_LOCK_HASH_MAP -> new RwLockHashMapPeer(entries);
            case STAMPED_LOCK_HASH_MAP -> new StampedLockHashMapPeer(entries);
            case CHRONICLE_MAP -> new ChronicleMapPeer(entries);
            case BARE_INDEX_AND_ARENA -> new BareIndexAndArenaPeer(entries);
            case REDIS_HASH -> new RedisPeer(RedisPeer.Encoding.HASH);
            case REDIS_STRING -> new RedisPeer(RedisPeer.Encoding.STRING);
            default -> throw new IllegalArgumentException("unknown peer " + name);
        };
    }

    /**
     * Checks that {@code peer} reads back {@code Score(i, 1)}'s points for every key (a sample
     * for Redis).
     *
     * @throws AssertionError if it reads back a wrong value
     */
    public static void check(ScorePeer peer, LookupKeys keys) {
        final boolean remote = peer instanceof RedisPeer;
        final int step = remote ? Math.max(1, keys.size() / REMOTE_CHECKS) : 1;
        try (PeerReader reader = peer.reader()) {
            for (int i = 0; i < keys.size(); i += step) {
                final long points = reader.points(keys.msb[i], keys.lsb[i]);
                if (points != i) {
                    throw new AssertionError(String.format(Locale.ROOT, "%s reads %d for key %s, expected %d",
                            peer.name(), points, keys.key(i), i));
                }
            }
        }
    }
}
