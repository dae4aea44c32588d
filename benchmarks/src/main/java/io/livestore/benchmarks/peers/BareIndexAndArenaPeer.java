package io.livestore.benchmarks.peers;

import java.util.UUID;

import io.livestore.benchmarks.store.Score;
import io.livestore.benchmarks.store.ScoreLayout;
import io.livestore.benchmarks.table.LookupKeys;
import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.MemoryBudget;
import io.livestore.runtime.table.RecordArena;
import io.livestore.runtime.table.RecordLayout;

/**
 * The limit: the store's table without the store, a {@link KeyIndex} over a {@link RecordArena}
 * with the store's record geometry (as {@code StoreReadBenchmark}'s {@code bareIndexAndArena}
 * arm). A read is {@code find} and one {@code readLong}; a mutation writes the {@code long} in
 * place. No second copy, no publication, no consistency beyond one aligned {@code long}: only
 * the read benchmark uses it, with at most one writer that changes values and never the index.
 * It has no {@code init} or {@code remove}.
 */
final class BareIndexAndArenaPeer implements ScorePeer {

    /** The store's own record fields before its value (StoredEntryLayout): created-at, ttl. */
    private static final int STORE_FIELDS = 16;
    private static final int POINTS = RecordLayout.VALUE_OFFSET + STORE_FIELDS + ScoreLayout.POINTS_OFFSET;

    private final RecordArena arena;
    private final KeyIndex index;

    BareIndexAndArenaPeer(int entries) {
        arena = RecordArena.create(STORE_FIELDS + ScoreLayout.SIZE, entries, MemoryBudget.unlimited());
        index = KeyIndex.create(arena, entries, MemoryBudget.unlimited());
    }

    @Override
    public String name() {
        return Peers.BARE_INDEX_AND_ARENA;
    }

    @Override
    public void fill(LookupKeys keys) {
        for (int i = 0; i < keys.size(); i++) {
            final int ref = arena.allocate();
            arena.writeHeader(ref, keys.msb[i], keys.lsb[i], 1, 0, 0);
            arena.bytes(ref).writeLong(arena.offset(ref) + POINTS, i);
            index.put(keys.msb[i], keys.lsb[i], ref);
        }
    }

    @Override
    public PeerReader reader() {
        return (msb, lsb) -> {
            final int ref = index.find(msb, lsb);
            return ref == KeyIndex.NO_RECORD ? -1 : arena.bytes(ref).readLong(arena.offset(ref) + POINTS);
        };
    }

    @Override
    public void addPoints(long msb, long lsb, long delta) {
        final int ref = index.find(msb, lsb);
        final long at = arena.offset(ref) + POINTS;
        arena.bytes(ref).writeLong(at, arena.bytes(ref).readLong(at) + delta);
    }

    @Override
    public UUID init(Score value) {
        throw new UnsupportedOperationException("the bare table is the read limit; it has no init");
    }

    @Override
    public void remove(UUID key) {
        throw new UnsupportedOperationException("the bare table is the read limit; it has no remove");
    }

    @Override
    public long nativeBytes() {
        return arena.nativeBytes() + index.nativeBytes();
    }

    @Override
    public void close() {
        index.close();
        arena.close();
    }
}
