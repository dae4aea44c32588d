package io.livestore.benchmarks.peers;

import io.livestore.benchmarks.table.LookupKeys;

/**
 * Reads of one {@link ScorePeer} from one thread (the store wants a reader per thread, Chronicle
 * Map a value to read into). Not thread-safe.
 */
public interface PeerReader extends AutoCloseable {

    /**
     * The points of a key's entry.
     *
     * @param msb the key's most significant bits
     * @param lsb the key's least significant bits
     * @return the points, or {@code -1} if the key has no entry
     */
    long points(long msb, long lsb);

    /**
     * The sum of the points of {@code count} keys, starting at index {@code from} of {@code keys}:
     * a loop of {@link #points}, one pipeline for the Redis peers.
     */
    default long pointsBatch(LookupKeys keys, int from, int count) {
        long sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += points(keys.msb[i], keys.lsb[i]);
        }
        return sum;
    }

    @Override
    default void close() {
    }
}
