package io.livestore.benchmarks.peers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.BitFieldArgs;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.livestore.benchmarks.store.Score;
import io.livestore.benchmarks.table.LookupKeys;

/**
 * Redis on loopback, through Lettuce (the client Spring Data Redis uses by default), with its own
 * {@link RedisServer} started for the peer and stopped by {@link #close()}. Keys are the UUID's
 * 16 bytes. A value is stored one of two ways ({@link Encoding}); every operation is one round
 * trip on a shared connection, except the batches, which go as one pipeline on a second
 * connection that flushes by hand.
 *
 * <p>Reads and single writes may come from any thread (Lettuce multiplexes the connection);
 * batches from one thread at a time.
 */
final class RedisPeer implements ScorePeer {

    /** How a {@code Score} is kept in Redis. */
    enum Encoding {
        /**
         * A hash {@code {points, level}} of decimal strings: {@code HGET points} reads,
         * {@code HINCRBY points} mutates.
         */
        HASH,
        /**
         * A 12-byte string, points then level, big-endian: {@code GET} reads the whole value,
         * {@code BITFIELD INCRBY i64 0} mutates the points in place.
         */
        STRING
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int FILL_BATCH = 1_000;
    private static final byte[] POINTS = "points".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LEVEL = "level".getBytes(StandardCharsets.US_ASCII);
    private static final int PACKED_SIZE = Long.BYTES + Integer.BYTES;

    private final Encoding encoding;
    private final RedisServer server;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCommands<byte[], byte[]> sync;
    private final StatefulRedisConnection<byte[], byte[]> pipeline;
    private final RedisAsyncCommands<byte[], byte[]> async;
    /** {@code used_memory} before anything was stored. */
    private final long emptyServerMemory;

    RedisPeer(Encoding encoding) {
        this.encoding = encoding;
        server = RedisServer.start();
        try {
            client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
            connection = client.connect(ByteArrayCodec.INSTANCE);
            sync = connection.sync();
            pipeline = client.connect(ByteArrayCodec.INSTANCE);
            pipeline.setAutoFlushCommands(false);
            async = pipeline.async();
            emptyServerMemory = usedMemory();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public long nativeBytes() {
        return usedMemory() - emptyServerMemory;
    }

    /** Redis's own count of the memory it uses ({@code INFO memory}, {@code used_memory}). */
    private long usedMemory() {
        for (String line : sync.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("INFO memory has no used_memory line");
    }

    @Override
    public String name() {
        return encoding == Encoding.HASH ? Peers.REDIS_HASH : Peers.REDIS_STRING;
    }

    @Override
    public void fill(LookupKeys keys) {
        final RedisFuture<?>[] batch = new RedisFuture<?>[FILL_BATCH];
        for (int from = 0; from < keys.size(); from += FILL_BATCH) {
            final int count = Math.min(FILL_BATCH, keys.size() - from);
            for (int j = 0; j < count; j++) {
                final int i = from + j;
                batch[j] = write(async, key(keys.msb[i], keys.lsb[i]), new Score(i, 1));
            }
            flushAndAwait(batch, count);
        }
    }

    @Override
    public PeerReader reader() {
        return new PeerReader() {
            @Override
            public long points(long msb, long lsb) {
                final byte[] key = key(msb, lsb);
                return encoding == Encoding.HASH ? decimal(sync.hget(key, POINTS)) : packedPoints(sync.get(key));
            }

            @Override
            public long pointsBatch(LookupKeys keys, int from, int count) {
                final RedisFuture<?>[] batch = new RedisFuture<?>[count];
                for (int j = 0; j < count; j++) {
                    final byte[] key = key(keys.msb[from + j], keys.lsb[from + j]);
                    batch[j] = encoding == Encoding.HASH ? async.hget(key, POINTS) : async.get(key);
                }
                flushAndAwait(batch, count);
                long sum = 0;
                for (int j = 0; j < count; j++) {
                    final byte[] value = (byte[]) batch[j].toCompletableFuture().join();
                    sum += encoding == Encoding.HASH ? decimal(value) : packedPoints(value);
                }
                return sum;
            }
        };
    }

    @Override
    public void addPoints(long msb, long lsb, long delta) {
        final byte[] key = key(msb, lsb);
        if (encoding == Encoding.HASH) {
            sync.hincrby(key, POINTS, delta);
        } else {
            sync.bitfield(key, BitFieldArgs.Builder.incrBy(BitFieldArgs.signed(64), 0, delta));
        }
    }

    @Override
    public void addPointsBatch(LookupKeys keys, int from, int count, long delta) {
        final RedisFuture<?>[] batch = new RedisFuture<?>[count];
        for (int j = 0; j < count; j++) {
            final byte[] key = key(keys.msb[from + j], keys.lsb[from + j]);
            batch[j] = encoding == Encoding.HASH
                    ? async.hincrby(key, POINTS, delta)
                    : async.bitfield(key, BitFieldArgs.Builder.incrBy(BitFieldArgs.signed(64), 0, delta));
        }
        flushAndAwait(batch, count);
    }

    @Override
    public UUID init(Score value) {
        final UUID key = UUID.randomUUID();
        final byte[] bytes = key(key.getMostSignificantBits(), key.getLeastSignificantBits());
        if (encoding == Encoding.HASH) {
            sync.hset(bytes, Map.of(POINTS, decimal(value.points()), LEVEL, decimal(value.level())));
        } else {
            sync.set(bytes, packed(value));
        }
        return key;
    }

    @Override
    public void remove(UUID key) {
        sync.del(key(key.getMostSignificantBits(), key.getLeastSignificantBits()));
    }

    @Override
    public void close() {
        try {
            pipeline.close();
            connection.close();
            client.shutdown();
        } finally {
            server.close();
        }
    }

    private RedisFuture<?> write(RedisAsyncCommands<byte[], byte[]> commands, byte[] key, Score value) {
        return encoding == Encoding.HASH
                ? commands.hset(key, Map.of(POINTS, decimal(value.points()), LEVEL, decimal(value.level())))
                : commands.set(key, packed(value));
    }

    private void flushAndAwait(RedisFuture<?>[] batch, int count) {
        pipeline.flushCommands();
        final RedisFuture<?>[] sent = count == batch.length ? batch : Arrays.copyOf(batch, count);
        if (!LettuceFutures.awaitAll(TIMEOUT, sent)) {
            throw new IllegalStateException("Redis did not answer a pipeline of " + count + " in " + TIMEOUT);
        }
    }

    private static byte[] key(long msb, long lsb) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(msb).putLong(lsb).array();
    }

    private static byte[] packed(Score value) {
        return ByteBuffer.allocate(PACKED_SIZE).putLong(value.points()).putInt(value.level()).array();
    }

    private static long packedPoints(byte[] value) {
        return value == null ? -1 : ByteBuffer.wrap(value).getLong(0);
    }

    private static byte[] decimal(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses the decimal string Redis keeps a hash field's number as, without a String. */
    private static long decimal(byte[] digits) {
        if (digits == null) {
            return -1;
        }
        final boolean negative = digits.length > 0 && digits[0] == '-';
        long value = 0;
        for (int i = negative ? 1 : 0; i < digits.length; i++) {
            value = value * 10 + (digits[i] - '0');
        }
        return negative ? -value : value;
    }
}
