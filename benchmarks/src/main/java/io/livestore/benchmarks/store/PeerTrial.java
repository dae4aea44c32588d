package io.livestore.benchmarks.store;

import io.livestore.benchmarks.peers.Peers;
import io.livestore.benchmarks.peers.ScorePeer;
import io.livestore.benchmarks.table.LookupKeys;

/**
 * What one trial of a peer benchmark shares between its threads: the keys, their shuffled lookup
 * order and the peer, filled and checked ({@link Peers#open}).
 */
final class PeerTrial implements AutoCloseable {

    /** The seeds every peer benchmark uses, as StoreReadBenchmark and TableLookupBenchmark do. */
    private static final long KEY_SEED = 2024;
    private static final long ORDER_SEED = 7;

    final LookupKeys keys;
    final LookupKeys order;
    final ScorePeer peer;

    PeerTrial(String peerName, int entries) {
        keys = new LookupKeys(entries, KEY_SEED);
        order = keys.shuffled(ORDER_SEED);
        peer = Peers.open(peerName, keys);
    }

    @Override
    public void close() {
        peer.close();
    }
}
