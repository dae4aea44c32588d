package io.livestore.benchmarks.peers;

import java.util.UUID;

import io.livestore.benchmarks.store.Score;
import io.livestore.benchmarks.table.LookupKeys;

/**
 * One thing a user could keep {@code UUID -> Score} in: the store, or one of what users would pick
 * instead. The peer benchmarks drive every peer through this interface, one peer per JMH fork, so
 * each call site sees one implementation and is inlined as if it were called directly.
 *
 * <p>Keys arrive "from the wire" as two longs; each peer makes of them what its users would (a
 * new {@code UUID}, 16 bytes, a probe on the longs). Writes may come from any thread, unless the
 * peer says otherwise; reads go through a {@link PeerReader}, one per reading thread.
 */
public interface ScorePeer extends AutoCloseable {

    /** The peer's name, as the benchmarks' {@code peer} parameter spells it. */
    String name();

    /**
     * Puts every key of {@code keys} with {@code Score(i, 1)} for the key at index {@code i}.
     * Used once, to fill the peer before a trial.
     *
     * @param keys the keys
     */
    void fill(LookupKeys keys);

    /** A reader for the calling thread; close it when the thread is done. */
    PeerReader reader();

    /**
     * Adds {@code delta} to the points of an existing entry, atomically with respect to other
     * writers.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @param delta what to add
     */
    void addPoints(long msb, long lsb, long delta);

    /**
     * Inserts a value under a fresh random key ({@link UUID#randomUUID()}, as the store's
     * {@code init} does) and returns the key.
     *
     * @param value the value
     * @return the new key
     */
    UUID init(Score value);

    /**
     * Removes a key's entry.
     *
     * @param key the key
     */
    void remove(UUID key);

    /**
     * Adds {@code delta} to the points of {@code count} keys, starting at index {@code from} of
     * {@code keys}. The store and the in-process maps loop; the Redis peers send the batch as one
     * pipeline.
     */
    default void addPointsBatch(LookupKeys keys, int from, int count, long delta) {
        for (int i = from; i < from + count; i++) {
            addPoints(keys.msb[i], keys.lsb[i], delta);
        }
    }

    /**
     * The bytes this peer holds outside the Java heap, added since it was created: the store's
     * {@code memoryUsed()}, Chronicle Map's {@code offHeapMemoryUsed()}, Redis's
     * {@code used_memory} minus that of its empty server; 0 for the on-heap maps.
     */
    default long nativeBytes() {
        return 0;
    }

    @Override
    void close();
}
