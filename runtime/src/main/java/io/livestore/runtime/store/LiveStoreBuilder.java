package io.livestore.runtime.store;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.table.KeyIndex;

/**
 * Builds a {@link LiveStore}. Every option has a default that suits a server; setters fail fast,
 * naming the option and the bad value.
 *
 * <pre>{@code
 * LiveStore<Player, Chat> store = LiveStore.builder(PlayerLayout.INSTANCE)
 *         .mutations(PlayerMutations.INSTANCE)
 *         .messages(Chat.class)
 *         .expireAfterWrite(Duration.ofMinutes(10))
 *         .expireCheckEvery(Duration.ofMinutes(15))
 *         .onExpire(expired -> expired.forEach(e -> log(e.key(), e.value())))
 *         .maxMemory(2L << 30)
 *         .build();
 * }</pre>
 *
 * @param <V> the value type
 * @param <M> the message type
 */
public final class LiveStoreBuilder<V, M> {

    /** Default {@link #watchBuffer}: updates buffered per watched key. */
    public static final int DEFAULT_WATCH_BUFFER = 16;

    /** Default {@link #publishInterval}. */
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofMillis(5);

    /** Default {@link #slowReaderThreshold}. */
    public static final Duration DEFAULT_SLOW_READER_THRESHOLD = Duration.ofSeconds(1);

    private static final AtomicInteger STORE_NUMBER = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger("io.livestore.store");

    final ValueLayout<V> layout;
    MutationSet<V> mutations;
    String name;
    int expectedEntries = 1024;
    long maxMemory = defaultMaxMemory();
    InstantSource clock = InstantSource.system();
    Duration expireAfterWrite;
    Duration expireCheckEvery;
    Consumer<? super List<Entry<V>>> onExpire;
    int watchBuffer = DEFAULT_WATCH_BUFFER;
    Duration publishInterval = DEFAULT_PUBLISH_INTERVAL;
    Duration slowReaderThreshold = DEFAULT_SLOW_READER_THRESHOLD;
    Consumer<? super SlowReader> onSlowReader = slow -> LOG.log(System.Logger.Level.WARNING,
            "store " + slow.storeName() + ": a reader on thread " + slow.thread()
                    + (slow.threadAlive() ? "" : " (ended without closing it)") + " has held its snapshot for "
                    + slow.heldFor().toMillis() + " ms; " + slow.pendingWrites()
                    + " writes wait to be published. Call current() or quiescent() on it, or close it.");
    ScheduledExecutorService scheduler;
    Executor executor = ForkJoinPool.commonPool();
    Executor callbackExecutor = LiveStoreBuilder::callbackThread;

    LiveStoreBuilder(ValueLayout<V> layout) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.name = layout.valueType().getSimpleName() + "-" + STORE_NUMBER.incrementAndGet();
    }

    /**
     * The closed set of the value's mutations ({@code PlayerMutations.INSTANCE}). With it,
     * {@code mutate} refuses a mutation outside the set (a lambda, a class from elsewhere), so
     * that every accepted mutation can be journaled and replayed. Default: none, any
     * {@link Mutator} is applied.
     *
     * @param set the set
     * @return this builder
     */
    public LiveStoreBuilder<V, M> mutations(MutationSet<V> set) {
        Objects.requireNonNull(set, "mutations");
        if (set.valueType() != layout.valueType()) {
            throw new IllegalArgumentException("mutations: the set is for " + set.valueType().getName()
                    + " but the layout is for " + layout.valueType().getName());
        }
        this.mutations = set;
        return this;
    }

    /**
     * The type of the messages watchers receive ({@code broadcast}, and attached to writes).
     * Default: {@code Object}.
     *
     * @param type the message type
     * @param <N> the message type
     * @return this builder, typed for the messages
     */
    @SuppressWarnings("unchecked")
    public <N> LiveStoreBuilder<V, N> messages(Class<N> type) {
        Objects.requireNonNull(type, "messages");
        return (LiveStoreBuilder<V, N>) this;
    }

    /**
     * A name for thread names and reports. Default: the value's simple name and a number.
     *
     * @param name the name
     * @return this builder
     */
    public LiveStoreBuilder<V, M> name(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        this.name = name;
        return this;
    }

    /**
     * How many entries to size the table for before it first grows. Default 1024.
     *
     * @param entries 0 to {@link KeyIndex#MAX_ENTRIES}
     * @return this builder
     */
    public LiveStoreBuilder<V, M> expectedEntries(int entries) {
        if (entries < 0 || entries > KeyIndex.MAX_ENTRIES) {
            throw new IllegalArgumentException("expectedEntries must be in [0, " + KeyIndex.MAX_ENTRIES + "], was "
                    + entries);
        }
        this.expectedEntries = entries;
        return this;
    }

    /**
     * The most native memory the store may hold: the records, both copies of the key index, the
     * index log, and the larger index while one grows (reserved when the insert that makes it
     * due is admitted). A write that would pass it fails with
     * {@code MemoryLimitExceededException} and changes nothing. Default: a quarter of the
     * machine's physical memory.
     *
     * @param bytes the limit, positive
     * @return this builder
     */
    public LiveStoreBuilder<V, M> maxMemory(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxMemory must be positive, was " + bytes);
        }
        this.maxMemory = bytes;
        return this;
    }

    /**
     * Where every time the store records comes from (creation, last write, expiry). Default:
     * {@link InstantSource#system()}. Tests pass a manual clock; replicas the leader's times.
     *
     * @param clock the clock
     * @return this builder
     */
    public LiveStoreBuilder<V, M> clock(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Entries not written (inserted, overwritten or mutated) for this long expire, unless given
     * their own TTL. Default: entries never expire.
     *
     * @param duration at least one millisecond
     * @return this builder
     */
    public LiveStoreBuilder<V, M> expireAfterWrite(Duration duration) {
        this.expireAfterWrite = positive(duration, "expireAfterWrite");
        return this;
    }

    /**
     * How often the store removes expired entries on its own. Default: every
     * {@code expireAfterWrite} if that is set, else never (call {@code evictExpired()}).
     *
     * @param period at least one millisecond
     * @return this builder
     */
    public LiveStoreBuilder<V, M> expireCheckEvery(Duration period) {
        this.expireCheckEvery = positive(period, "expireCheckEvery");
        return this;
    }

    /**
     * Receives the entries each expiry check removed, on the thread that ran the check. Default:
     * none.
     *
     * @param callback the callback
     * @return this builder
     */
    public LiveStoreBuilder<V, M> onExpire(Consumer<? super List<Entry<V>>> callback) {
        this.onExpire = Objects.requireNonNull(callback, "onExpire");
        return this;
    }

    /**
     * Updates buffered per watched key before a slow watcher gets {@link Update.Lagged}. Default
     * {@value #DEFAULT_WATCH_BUFFER} (the Rust seed uses 4; a JVM thread that is woken takes
     * tens of microseconds, so a short burst would lap it).
     *
     * @param updates at least 1
     * @return this builder
     */
    public LiveStoreBuilder<V, M> watchBuffer(int updates) {
        if (updates < 1 || updates > 1 << 20) {
            throw new IllegalArgumentException("watchBuffer must be in [1, 1048576], was " + updates);
        }
        this.watchBuffer = updates;
        return this;
    }

    /**
     * How often the store retries publishing writes that a slow reader held back. Default 5 ms.
     *
     * @param period at least one millisecond
     * @return this builder
     */
    public LiveStoreBuilder<V, M> publishInterval(Duration period) {
        this.publishInterval = positive(period, "publishInterval");
        return this;
    }

    /**
     * How long a reader may hold back publication before it is reported. Default 1 s.
     *
     * @param threshold at least one millisecond
     * @return this builder
     */
    public LiveStoreBuilder<V, M> slowReaderThreshold(Duration threshold) {
        this.slowReaderThreshold = positive(threshold, "slowReaderThreshold");
        return this;
    }

    /**
     * Receives reports of slow readers. Default: a warning through {@link System.Logger}
     * ({@code io.livestore.store}).
     *
     * @param callback the callback, called on the maintenance thread
     * @return this builder
     */
    public LiveStoreBuilder<V, M> onSlowReader(Consumer<? super SlowReader> callback) {
        this.onSlowReader = Objects.requireNonNull(callback, "onSlowReader");
        return this;
    }

    /**
     * Runs the store's background work (publication retries, expiry checks) instead of a daemon
     * thread of its own. The store cancels its tasks on close but does not shut the scheduler down.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public LiveStoreBuilder<V, M> scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    /**
     * Runs async operations that had to wait for an entry lock. Default:
     * {@link ForkJoinPool#commonPool()}.
     *
     * @param executor the executor
     * @return this builder
     */
    public LiveStoreBuilder<V, M> executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Runs {@code onUpdate} callbacks, one long task per callback that waits for updates.
     * Default: a new daemon thread per callback. On JDK 21+ a virtual-thread executor suits.
     *
     * @param executor the executor
     * @return this builder
     */
    public LiveStoreBuilder<V, M> callbackExecutor(Executor executor) {
        this.callbackExecutor = Objects.requireNonNull(executor, "callbackExecutor");
        return this;
    }

    /**
     * Builds the store: allocates its records (room for {@code expectedEntries}), both copies of
     * its key index and its index log, and starts its background work.
     *
     * @return the store
     * @throws io.livestore.runtime.table.MemoryLimitExceededException if the initial tables do not
     *     fit in {@code maxMemory}
     */
    public LiveStore<V, M> build() {
        if (expireCheckEvery == null && expireAfterWrite != null) {
            expireCheckEvery = expireAfterWrite;
        }
        return new LiveStore<>(this);
    }

    private static Duration positive(Duration d, String option) {
        Objects.requireNonNull(d, option);
        if (d.isNegative() || d.toMillis() < 1) {
            throw new IllegalArgumentException(option + " must be at least one millisecond, was " + d);
        }
        return d;
    }

    private static long defaultMaxMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            final long total = os.getTotalMemorySize();
            if (total > 0) {
                return total / 4;
            }
        }
        return Long.MAX_VALUE;
    }

    private static void callbackThread(Runnable task) {
        final Thread thread = new Thread(task, "livestore-update-callback");
        thread.setDaemon(true);
        thread.start();
    }
}
