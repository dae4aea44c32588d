package io.livestore.runtime.store;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.livestore.runtime.hotread.HotReadHandle;
import io.livestore.runtime.layout.ValueLayout;
import io.livestore.runtime.table.IndexCopy;
import io.livestore.runtime.table.KeyIndex;
import io.livestore.runtime.table.MemoryBudget;
import io.livestore.runtime.table.MemoryLimitExceededException;
import io.livestore.runtime.table.RecordArena;

/**
 * A concurrent map from UUID keys to values of one {@code @LiveValue} record type, kept off-heap
 * in two copies so that readers never lock and never allocate: the typed store that the
 * generated {@code XStore} classes wrap. Build one with {@link #builder(ValueLayout)}.
 *
 * <pre>{@code
 * LiveStore<Player, Chat> store = LiveStore.builder(PlayerLayout.INSTANCE)
 *         .mutations(PlayerMutations.INSTANCE)
 *         .messages(Chat.class)
 *         .expireAfterWrite(Duration.ofMinutes(10))
 *         .build();
 * UUID k = store.init(new Player("ada", 100, 0, Team.RED));
 * Player p = store.mutate(k, new Damage(30));          // throws GameError, typed, to reject
 * store.broadcast(k, new Chat("gg"));                  // to watchers; state unchanged
 * try (Subscription<Player, Chat> sub = store.watch(k)) { Update<Player, Chat> u = sub.next(); }
 * try (EntryGuard<Player, Chat> g = store.acquire(k)) { g.mutate(new Damage(1)); }
 * try (StoreReader<Player> r = store.reader()) { long v = r.current().version(k); }
 * }</pre>
 *
 * <h2>Writes</h2>
 * One writer at a time (a lock that readers never take). A write reads the key's latest accepted
 * state, even when publication is held back by a slow reader; user code ({@code apply}) runs
 * once, before anything is written, and its result is written once, as finished bytes, into a
 * fresh off-heap record that both copies of the key index then point at.
 * So a mutation that throws (its rejection {@code E}, a {@code RuntimeException} or an
 * {@code Error}) or returns a value that does not fit its layout (a string over its
 * {@code @MaxLength}) reaches the caller and changes nothing; the store goes on. Every write of a
 * key increments its version. Times come from the builder's {@link InstantSource}, never from
 * inside {@code apply}, so a replica that replays the same mutations gets the same bytes.
 *
 * <h2>Reads</h2>
 * {@link #reader()} is the hot path: lock-free, allocation-free, a consistent snapshot of the
 * whole store (see {@link StoreReader} for how stale it can be). The convenience reads on the
 * store itself ({@link #get}, {@link #contains}, {@link #size}) are linearizable instead: they
 * see every write that returned before them, take the writer lock briefly and allocate the
 * entry; they never leave a copy held.
 *
 * <h2>Entry locks</h2>
 * {@link #acquire} returns an {@link EntryGuard}: while it is open nobody else mutates,
 * overwrites, removes or acquires that entry (their calls wait, their futures complete after
 * release, first come first served); readers and watchers are not affected.
 *
 * <h2>Watchers</h2>
 * {@link #watch} and the combined forms give a {@link Subscription} to one key. Each watched key
 * has one bounded ring; the writer's cost per update does not depend on how many watch it, and a
 * watcher that falls behind gets {@link Update.Lagged}. No Java object exists for a key that
 * nobody watches or holds.
 *
 * <h2>Memory</h2>
 * Every native byte of the store (the records, both copies' key indexes, the index log, the second
 * index while one grows) counts against {@code maxMemory}; a write that would pass it throws
 * {@link MemoryLimitExceededException} and changes nothing.
 *
 * <h2>Closing</h2>
 * {@link #close()} ends every subscription ({@link Update.Removed} with
 * {@link RemovalCause#CLOSED}), fails waiting lock requests, stops background work, and frees
 * the native memory once no reader holds it. Every later call throws
 * {@link IllegalStateException}; a reader still reading keeps its copy valid until it moves on.
 *
 * <p>Thread-safe. Methods must not be called from inside a mutation's {@code apply} (they throw
 * {@link IllegalStateException}): {@code apply} runs under the writer lock.
 *
 * @param <V> the value type
 * @param <M> the message type ({@code Object} when the value declares none)
 */
public final class LiveStore<V, M> implements ManagedStore<V> {

    private static final System.Logger LOG = System.getLogger("io.livestore.store");

    /** Closes guards dropped without close() once the garbage collector finds them. */
    static final Cleaner ABANDONED_GUARDS = Cleaner.create(task -> {
        final Thread thread = new Thread(task, "livestore-guard-cleaner");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    private final ValueLayout<V> layout;
    private final MutationSet<V> mutations;
    private final InstantSource clock;
    private final long expireAfterWriteMillis;
    private final int watchBuffer;
    private final Executor executor;
    private final Executor callbackExecutor;
    private final Consumer<? super List<Entry<V>>> onExpire;
    private final Consumer<? super SlowReader> onSlowReader;
    private final long slowReaderNanos;
    private final MemoryBudget budget;

    private final StoreWriter<V> writer;

    // ---- Guarded by writer.lock. ----
    private final KeyLocks locks = new KeyLocks();
    private final Map<UUID, UpdateChannel<V, M>> channels = new HashMap<>();
    /** When publication was first seen held back, for slow-reader reports; 0 when it is not. */
    private long blockedSinceNanos;
    private long lastReportNanos;

    /** Readers not yet closed; weak, so that a dropped reader can still be collected. */
    private final Map<StoreReader<V>, Boolean> readers = Collections.synchronizedMap(new WeakHashMap<>());

    private final ScheduledExecutorService scheduler;
    private final boolean ownsScheduler;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

    /** Volatile: read without the lock by fast checks; written under the writer lock by close(). */
    private volatile boolean closed;

    LiveStore(LiveStoreBuilder<V, M> b) {
        this.name = b.name;
        this.layout = b.layout;
        this.mutations = b.mutations;
        this.clock = b.clock;
        this.expireAfterWriteMillis = b.expireAfterWrite == null ? 0 : b.expireAfterWrite.toMillis();
        this.watchBuffer = b.watchBuffer;
        this.executor = b.executor;
        this.callbackExecutor = b.callbackExecutor;
        this.onExpire = b.onExpire;
        this.onSlowReader = b.onSlowReader;
        this.slowReaderNanos = b.slowReaderThreshold.toNanos();
        this.budget = MemoryBudget.of(b.maxMemory);
        this.writer = new StoreWriter<>(layout, b.expectedEntries, budget);
        if (b.scheduler != null) {
            this.scheduler = b.scheduler;
            this.ownsScheduler = false;
        } else {
            this.scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                final Thread thread = new Thread(task, "livestore-" + name + "-maintenance");
                thread.setDaemon(true);
                return thread;
            });
            this.ownsScheduler = true;
        }
        final long publishNanos = b.publishInterval.toNanos();
        scheduled.add(scheduler.scheduleWithFixedDelay(this::maintainQuietly, publishNanos, publishNanos,
                TimeUnit.NANOSECONDS));
        if (b.expireCheckEvery != null) {
            final long expiryNanos = b.expireCheckEvery.toNanos();
            scheduled.add(scheduler.scheduleWithFixedDelay(this::evictQuietly, expiryNanos, expiryNanos,
                    TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Starts building a store of the values {@code layout} encodes.
     *
     * @param layout the value's generated layout ({@code PlayerLayout.INSTANCE})
     * @param <V> the value type
     * @return a builder with the defaults described on each of its methods
     */
    public static <V> LiveStoreBuilder<V, Object> builder(ValueLayout<V> layout) {
        return new LiveStoreBuilder<>(layout);
    }

    // ------------------------------------------------------------------------------------------
    // Keys and writes
    // ------------------------------------------------------------------------------------------

    /**
     * Inserts a value under a fresh random key (UUID v4 from {@link java.security.SecureRandom}:
     * unguessable).
     *
     * @param value the value
     * @return the new key
     * @throws MemoryLimitExceededException if it does not fit; nothing changed
     * @throws IllegalArgumentException if the value does not fit its layout; nothing changed
     */
    public UUID init(V value) {
        return init(value, null);
    }

    /**
     * Inserts a value under a fresh random key, expiring {@code ttl} after each write of it
     * instead of after the store's {@code expireAfterWrite}.
     *
     * @param value the value
     * @param ttl the entry's time to live, positive; {@code null} for the store's default
     * @return the new key
     */
    public UUID init(V value, Duration ttl) {
        requireValue(value);
        final long ttlMillis = ttlMillis(ttl);
        while (true) {
            final UUID key = UUID.randomUUID();
            final Optional<Entry<V>> existing = write("init", key, null, false, () -> createLocked(key, value, ttlMillis));
            if (existing.isEmpty()) {
                return key;
            }
            // 2^-122 chance: the random key is taken. Draw another.
        }
    }

    /**
     * Inserts the value if the key has no entry; otherwise changes nothing.
     *
     * @param key the key
     * @param value the value
     * @return the existing entry (nothing changed), or empty if the value was inserted
     */
    public Optional<Entry<V>> create(UUID key, V value) {
        return create(key, value, null);
    }

    /**
     * As {@link #create(UUID, Object)}, with the entry's own time to live.
     *
     * @param key the key
     * @param value the value
     * @param ttl the entry's time to live, positive; {@code null} for the store's default
     * @return the existing entry, or empty if the value was inserted
     */
    public Optional<Entry<V>> create(UUID key, V value, Duration ttl) {
        requireValue(value);
        final long ttlMillis = ttlMillis(ttl);
        return write("create", key, null, false, () -> createLocked(key, value, ttlMillis));
    }

    /**
     * Inserts the value, or overwrites the key's entry (version + 1, creation time kept; watchers
     * get {@link Update.Overwritten}).
     *
     * @param key the key
     * @param value the value
     * @return the previous entry, or empty if the key had none
     */
    public Optional<Entry<V>> insert(UUID key, V value) {
        return insert(key, value, null);
    }

    /**
     * As {@link #insert(UUID, Object)}, with the entry's own time to live.
     *
     * @param key the key
     * @param value the value
     * @param ttl the entry's time to live, positive; {@code null} for the store's default
     * @return the previous entry, or empty
     */
    public Optional<Entry<V>> insert(UUID key, V value, Duration ttl) {
        requireValue(value);
        final long ttlMillis = ttlMillis(ttl);
        return write("insert", key, null, false, () -> {
            if (writer.locate(key)) {
                return Optional.of(overwriteLocked(key, value, null, ttlMillis));
            }
            createLocked(key, value, ttlMillis);
            return Optional.empty();
        });
    }

    /**
     * Overwrites the key's entry if it has one; otherwise changes nothing.
     *
     * @param key the key
     * @param value the new value
     * @return the previous entry, or empty if the key had none (nothing changed)
     */
    public Optional<Entry<V>> assign(UUID key, V value) {
        return assign(key, value, null);
    }

    /**
     * Overwrites the key's entry if it has one, telling watchers {@code message} with the
     * {@link Update.Overwritten}.
     *
     * @param key the key
     * @param value the new value
     * @param message for the watchers, or {@code null}
     * @return the previous entry, or empty if the key had none (nothing changed)
     */
    public Optional<Entry<V>> assign(UUID key, V value, M message) {
        requireValue(value);
        return write("assign", key, null, false, () -> writer.locate(key)
                ? Optional.of(overwriteLocked(key, value, message, 0))
                : Optional.empty());
    }

    /**
     * Removes the key's entry; its watchers get {@link Update.Removed} and their subscriptions end.
     *
     * @param key the key
     * @return the last entry, or empty if the key had none
     */
    public Optional<Entry<V>> remove(UUID key) {
        return remove(key, null);
    }

    /**
     * Removes the key's entry, telling its watchers {@code message} with the {@link Update.Removed}.
     *
     * @param key the key
     * @param message for the watchers, or {@code null}
     * @return the last entry, or empty if the key had none
     */
    public Optional<Entry<V>> remove(UUID key, M message) {
        return write("remove", key, null, false, () -> writer.locate(key)
                ? Optional.of(removeLocked(key, message, RemovalCause.REMOVED))
                : Optional.empty());
    }

    /**
     * Removes every entry, in one step readers see whole; watchers get {@link Update.Removed}
     * with {@link RemovalCause#CLEARED}. Waits for no entry lock: held entries are removed too
     * (their guards then find no entry).
     */
    public void clear() {
        refuseReentry("clear");
        writer.lock.lock();
        try {
            ensureOpen();
            // The watched entries as they are last, read before the clear makes them unfindable...
            final List<Update.Removed<V, M>> removals = new ArrayList<>();
            final List<UpdateChannel<V, M>> watchers = new ArrayList<>();
            for (Map.Entry<UUID, UpdateChannel<V, M>> watched : channels.entrySet()) {
                if (writer.locate(watched.getKey())) {
                    removals.add(new Update.Removed<>(writer.foundEntry(watched.getKey()), null, RemovalCause.CLEARED));
                    watchers.add(watched.getValue());
                }
            }
            // ...and told only once the clear went through: a refused clear (maxMemory) changes nothing.
            writer.clear();
            for (int i = 0; i < watchers.size(); i++) {
                watchers.get(i).publish(removals.get(i));
            }
            channels.clear();
        } finally {
            writer.lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Convenience reads (linearizable; take the writer lock briefly)
    // ------------------------------------------------------------------------------------------

    /**
     * Returns the key's latest entry: every write that returned before this call is seen.
     * Takes the writer lock briefly and allocates the entry; for hot loops use {@link #reader()}.
     *
     * @param key the key
     * @return the entry, or empty if the key has none
     */
    public Optional<Entry<V>> get(UUID key) {
        Objects.requireNonNull(key, "key");
        refuseReentry("get");
        writer.lock.lock();
        try {
            ensureOpen();
            return writer.locate(key) ? Optional.of(writer.foundEntry(key)) : Optional.empty();
        } finally {
            writer.lock.unlock();
        }
    }

    /**
     * @param key the key
     * @return whether the key has an entry (linearizable, as {@link #get})
     */
    public boolean contains(UUID key) {
        Objects.requireNonNull(key, "key");
        refuseReentry("contains");
        writer.lock.lock();
        try {
            ensureOpen();
            return writer.locate(key);
        } finally {
            writer.lock.unlock();
        }
    }

    /** @return the number of entries after every write so far (linearizable, as {@link #get}) */
    @Override
    public int size() {
        refuseReentry("size");
        writer.lock.lock();
        try {
            ensureOpen();
            return writer.size();
        } finally {
            writer.lock.unlock();
        }
    }

    /**
     * Passes every entry of one consistent snapshot (the published state, as a reader sees it) to
     * {@code action}, in table order. Allocates each entry; holds a copy while it runs, so keep
     * the action short.
     *
     * @param action receives each entry
     */
    public void forEach(Consumer<? super Entry<V>> action) {
        Objects.requireNonNull(action, "action");
        try (StoreReader<V> snapshotReader = reader()) {
            snapshotReader.current().forEach(action);
        }
    }

    /**
     * Returns every entry of one consistent snapshot, as {@link #forEach}.
     *
     * @return a new list of the entries
     */
    public List<Entry<V>> entries() {
        final List<Entry<V>> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }

    /**
     * Creates a reader for the calling thread. See {@link StoreReader}.
     *
     * @return a new reader, to be closed by this thread
     * @throws IllegalStateException if the store is closed
     */
    public StoreReader<V> reader() {
        ensureOpen();
        final HotReadHandle<IndexCopy> handle;
        try {
            handle = writer.hotRead().createHandle();
        } catch (IllegalStateException closedMeanwhile) {
            throw closedException();
        }
        final StoreReader<V> reader = new StoreReader<>(handle, layout, writer.entryLayout(), readers::remove);
        readers.put(reader, Boolean.TRUE);
        return reader;
    }

    // ------------------------------------------------------------------------------------------
    // Mutations
    // ------------------------------------------------------------------------------------------

    /**
     * Applies a mutation to the key's latest value and writes the result, atomically for the
     * key. The mutation's {@code apply} runs once, under the writer lock; if it throws, nothing
     * changed and the exception reaches the caller as it was thrown.
     *
     * @param key the key
     * @param mutation the mutation
     * @param <E> the mutation's rejection
     * @return the new value
     * @throws E the mutation's rejection: nothing changed
     * @throws KeyNotFoundException if the key has no entry: nothing changed
     * @throws IllegalArgumentException if the mutation is not in the store's mutation set, or its
     *     result does not fit the layout: nothing changed
     * @throws NullPointerException if {@code apply} returned {@code null}: nothing changed
     */
    public <E extends Exception> V mutate(UUID key, Mutator<V, E> mutation) throws E {
        checkMutation(mutation);
        return write("mutate", key, null, false, () -> mutateLocked(key, mutation, -1, "mutate"));
    }

    /**
     * Applies a mutation only if the entry is at {@code expectedVersion}: optimistic concurrency.
     *
     * @param key the key
     * @param expectedVersion the version the caller read
     * @param mutation the mutation
     * @param <E> the mutation's rejection
     * @return the new value (at {@code expectedVersion + 1})
     * @throws E the mutation's rejection: nothing changed
     * @throws VersionConflictException if the entry is at another version: nothing changed
     * @throws KeyNotFoundException if the key has no entry: nothing changed
     */
    public <E extends Exception> V mutateIfVersion(UUID key, long expectedVersion, Mutator<V, E> mutation) throws E {
        checkMutation(mutation);
        return write("mutateIfVersion", key, null, false,
                () -> mutateLocked(key, mutation, expectedVersion, "mutateIfVersion"));
    }

    /**
     * {@link #mutate} that never blocks the caller: runs now if the entry is not held by a guard,
     * otherwise on the store's executor once the guard is released. The future completes with
     * the new value, or exceptionally with the mutation's rejection (unwrapped), a
     * {@link KeyNotFoundException}, or whatever {@code mutate} would throw.
     *
     * @param key the key
     * @param mutation the mutation
     * @return the future new value
     */
    public CompletableFuture<V> mutateAsync(UUID key, Mutator<V, ?> mutation) {
        checkMutation(mutation);
        return writeAsync("mutate", key, false, () -> mutateLocked(key, mutation, -1, "mutate"));
    }

    /**
     * {@link #mutateIfVersion} that never blocks the caller, as {@link #mutateAsync}.
     *
     * @param key the key
     * @param expectedVersion the version the caller read
     * @param mutation the mutation
     * @return the future new value
     */
    public CompletableFuture<V> mutateIfVersionAsync(UUID key, long expectedVersion, Mutator<V, ?> mutation) {
        checkMutation(mutation);
        return writeAsync("mutateIfVersion", key, false,
                () -> mutateLocked(key, mutation, expectedVersion, "mutateIfVersion"));
    }

    // ------------------------------------------------------------------------------------------
    // Messages and watchers
    // ------------------------------------------------------------------------------------------

    /**
     * Sends a message to the key's watchers, with the current entry; changes nothing.
     *
     * @param key the key
     * @param message the message
     * @return how many subscriptions will receive it
     * @throws KeyNotFoundException if the key has no entry
     */
    public int broadcast(UUID key, M message) {
        Objects.requireNonNull(message, "message");
        return write("broadcast", key, null, false, () -> broadcastLocked(key, message));
    }

    /**
     * Subscribes to the key's updates from now on.
     *
     * @param key the key
     * @return the subscription; close it when done
     * @throws KeyNotFoundException if the key has no entry
     */
    public Subscription<V, M> watch(UUID key) {
        Objects.requireNonNull(key, "key");
        refuseReentry("watch");
        writer.lock.lock();
        try {
            ensureOpen();
            if (!writer.locate(key)) {
                throw new KeyNotFoundException(key, "watch");
            }
            return subscribeLocked(key);
        } finally {
            writer.lock.unlock();
        }
    }

    /**
     * Calls {@code callback} with each update of the key, in order, on the store's callback
     * executor, until it returns {@link WatchControl#BREAK}, the entry is removed, or the returned
     * subscription is closed.
     *
     * @param key the key
     * @param callback receives the updates
     * @return the subscription behind the callback; closing it stops the callback
     * @throws KeyNotFoundException if the key has no entry
     */
    public Subscription<V, M> onUpdate(UUID key, UpdateCallback<V, M> callback) {
        Objects.requireNonNull(callback, "callback");
        final Subscription<V, M> subscription = watch(key);
        try {
            callbackExecutor.execute(() -> runCallback(subscription, callback));
        } catch (RuntimeException e) {
            subscription.close();
            throw e;
        }
        return subscription;
    }

    /**
     * Returns the key's entry and a subscription starting right after it.
     *
     * @param key the key
     * @return both
     * @throws KeyNotFoundException if the key has no entry
     */
    public WatchedEntry<V, M> fetchAndWatch(UUID key) {
        Objects.requireNonNull(key, "key");
        refuseReentry("fetchAndWatch");
        writer.lock.lock();
        try {
            ensureOpen();
            if (!writer.locate(key)) {
                throw new KeyNotFoundException(key, "fetchAndWatch");
            }
            return new WatchedEntry<>(writer.foundEntry(key), subscribeLocked(key));
        } finally {
            writer.lock.unlock();
        }
    }

    /**
     * {@link #init} and {@link #watch} in one step.
     *
     * @param value the value
     * @return the new entry and its subscription
     */
    public WatchedEntry<V, M> initAndWatch(V value) {
        requireValue(value);
        while (true) {
            final UUID key = UUID.randomUUID();
            final WatchedEntry<V, M> watched = write("initAndWatch", key, null, false,
                    () -> createLocked(key, value, 0).isPresent() ? null : fetchAndSubscribeLocked(key));
            if (watched != null) {
                return watched;
            }
        }
    }

    /**
     * {@link #create} and {@link #watch} in one step.
     *
     * @param key the key
     * @param value the value, inserted if the key has no entry
     * @return the entry (the existing one, or the new one) and its subscription
     */
    public WatchedEntry<V, M> createAndWatch(UUID key, V value) {
        requireValue(value);
        return write("createAndWatch", key, null, false, () -> {
            createLocked(key, value, 0);
            return fetchAndSubscribeLocked(key);
        });
    }

    /**
     * {@link #insert} and {@link #watch} in one step.
     *
     * @param key the key
     * @param value the value
     * @return the new entry and its subscription
     */
    public WatchedEntry<V, M> insertAndWatch(UUID key, V value) {
        requireValue(value);
        return write("insertAndWatch", key, null, false, () -> {
            if (writer.locate(key)) {
                overwriteLocked(key, value, null, 0);
            } else {
                createLocked(key, value, 0);
            }
            return fetchAndSubscribeLocked(key);
        });
    }

    /**
     * {@link #assign} and {@link #watch} in one step.
     *
     * @param key the key
     * @param value the new value
     * @return the new entry and its subscription
     * @throws KeyNotFoundException if the key has no entry (nothing changed)
     */
    public WatchedEntry<V, M> assignAndWatch(UUID key, V value) {
        requireValue(value);
        return write("assignAndWatch", key, null, false, () -> {
            if (!writer.locate(key)) {
                throw new KeyNotFoundException(key, "assignAndWatch");
            }
            overwriteLocked(key, value, null, 0);
            return fetchAndSubscribeLocked(key);
        });
    }

    // ------------------------------------------------------------------------------------------
    // Entry locks
    // ------------------------------------------------------------------------------------------

    /**
     * Locks the key's entry, waiting while another guard holds it.
     *
     * @param key the key
     * @return the guard; close it to release
     * @throws KeyNotFoundException if the key has no entry (when the lock is granted)
     */
    public EntryGuard<V, M> acquire(UUID key) {
        final EntryGuard<V, M> guard = newGuard(key);
        return write("acquire", key, guard.token(), true, () -> requireEntry(key, "acquire", guard));
    }

    /**
     * Locks the key's entry if that is possible within {@code timeout}.
     *
     * @param key the key
     * @param timeout the longest wait
     * @return the guard, or empty if another guard held the entry all that time
     * @throws KeyNotFoundException if the key has no entry
     * @throws InterruptedException if interrupted while waiting (nothing is held)
     */
    public Optional<EntryGuard<V, M>> tryAcquire(UUID key, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(timeout, "timeout");
        refuseReentry("tryAcquire");
        final EntryGuard<V, M> guard = newGuard(key);
        final KeyLocks.Waiter waiter;
        writer.lock.lock();
        try {
            ensureOpen();
            if (!locks.heldByOther(key, guard.token())) {
                final EntryGuard<V, M> granted = requireEntry(key, "tryAcquire", guard);
                locks.acquire(key, guard.token());
                return Optional.of(granted);
            }
            waiter = locks.acquire(key, guard.token());
        } finally {
            writer.lock.unlock();
        }
        try {
            waiter.turn().get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            withdraw(key, waiter);
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        return Optional.of(runHolding(key, guard.token(), true, () -> requireEntry(key, "tryAcquire", guard)));
    }

    /**
     * Locks the key's entry without blocking: the future completes with the guard once the entry
     * is free (at once if it is), on the store's executor when it had to wait.
     *
     * @param key the key
     * @return the future guard; completes exceptionally with {@link KeyNotFoundException} if the
     *     key has no entry when granted
     */
    public CompletableFuture<EntryGuard<V, M>> acquireAsync(UUID key) {
        final EntryGuard<V, M> guard = newGuard(key);
        return writeAsync("acquire", key, guard.token(), true, () -> requireEntry(key, "acquire", guard));
    }

    /**
     * {@link #init} and {@link #acquire} in one step: nobody can write the new entry before the
     * guard is closed.
     *
     * @param value the value
     * @return the guard of the new entry
     */
    public EntryGuard<V, M> initAndAcquire(V value) {
        requireValue(value);
        while (true) {
            final UUID key = UUID.randomUUID();
            final EntryGuard<V, M> guard = newGuard(key);
            final boolean created = write("initAndAcquire", key, guard.token(), true,
                    () -> createLocked(key, value, 0).isEmpty());
            if (created) {
                return guard;
            }
            release(key, guard.token());
        }
    }

    /**
     * {@link #create} and {@link #acquire} in one step.
     *
     * @param key the key
     * @param value the value, inserted if the key has no entry
     * @return the guard of the (existing or new) entry
     */
    public EntryGuard<V, M> createAndAcquire(UUID key, V value) {
        requireValue(value);
        final EntryGuard<V, M> guard = newGuard(key);
        return write("createAndAcquire", key, guard.token(), true, () -> {
            createLocked(key, value, 0);
            return guard;
        });
    }

    /**
     * {@link #assign} and {@link #acquire} in one step.
     *
     * @param key the key
     * @param value the new value
     * @return the guard
     * @throws KeyNotFoundException if the key has no entry (nothing changed, nothing held)
     */
    public EntryGuard<V, M> assignAndAcquire(UUID key, V value) {
        requireValue(value);
        final EntryGuard<V, M> guard = newGuard(key);
        return write("assignAndAcquire", key, guard.token(), true, () -> {
            requireEntry(key, "assignAndAcquire", guard);
            overwriteLocked(key, value, null, 0);
            return guard;
        });
    }

    /** @return the keys held by guards right now (a copy) */
    public List<UUID> heldKeys() {
        writer.lock.lock();
        try {
            return locks.heldKeys();
        } finally {
            writer.lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Expiry, maintenance, lifecycle
    // ------------------------------------------------------------------------------------------

    /**
     * Removes the entries whose expiry deadline has passed by the store's clock (except entries
     * held by a guard, which do not expire while held), tells their watchers
     * {@link Update.Removed} with {@link RemovalCause#EXPIRED}, and passes them to the
     * {@code onExpire} callback. Runs every {@code expireCheckEvery} on its own; call it to check
     * now (tests with a manual clock do). Scans the published copy without the writer lock, then
     * removes the expired entries in one batch.
     *
     * @return the expired entries, as they were last
     * @throws RuntimeException whatever the {@code onExpire} callback throws, after the removal
     */
    public List<Entry<V>> evictExpired() {
        refuseReentry("evictExpired");
        final long now = clock.millis();
        final List<UUID> candidates = new ArrayList<>();
        try (StoreReader<V> scan = reader()) {
            scan.current();
            final KeyIndex index = scan.index(scan.generation());
            final RecordArena arena = index.arena();
            final int expiryDeadlineOffset = writer.entryLayout().expiryDeadlineOffset;
            index.forEach(ref -> {
                final long deadline = arena.readHeaderLong(ref, expiryDeadlineOffset);
                if (deadline != StoredEntryLayout.NO_DEADLINE && deadline <= now) {
                    candidates.add(new UUID(arena.readHeaderLong(ref, StoredEntryLayout.KEY_MSB_OFFSET),
                            arena.readHeaderLong(ref, StoredEntryLayout.KEY_LSB_OFFSET)));
                }
            });
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        final List<Entry<V>> expired = new ArrayList<>();
        writer.lock.lock();
        try {
            ensureOpen();
            final List<UUID> keys = new ArrayList<>();
            for (UUID key : candidates) {
                // Re-checked on the latest state: it may have been written since the scan.
                if (!locks.isHeld(key) && writer.locate(key)) {
                    final long deadline = writer.foundDeadline();
                    if (deadline != StoredEntryLayout.NO_DEADLINE && deadline <= now) {
                        keys.add(key);
                        expired.add(writer.foundEntry(key));
                    }
                }
            }
            writer.removeAll(keys);
            for (Entry<V> entry : expired) {
                final UpdateChannel<V, M> channel = channels.remove(entry.key());
                if (channel != null) {
                    channel.publish(new Update.Removed<>(entry, null, RemovalCause.EXPIRED));
                }
            }
        } finally {
            writer.lock.unlock();
        }
        if (!expired.isEmpty() && onExpire != null) {
            onExpire.accept(Collections.unmodifiableList(expired));
        }
        return expired;
    }

    /**
     * Publishes writes that slow readers held back, if they have moved on, and reports readers
     * that have held a snapshot longer than {@code slowReaderThreshold}. Runs every
     * {@code publishInterval} on its own.
     *
     * <p>A reader that held a snapshot through a long burst of writes leaves both copies of the
     * index that many writes behind. They catch up in steps of a bounded number of writes, and
     * each write helps with one step; this call takes steps until both copies are up to date or
     * another thread waits for the store, so no caller waits behind more than one step.
     *
     * @return how many writes readers still cannot see
     */
    public long maintain() {
        refuseReentry("maintain");
        long pending;
        final boolean report;
        writer.lock.lock();
        try {
            ensureOpen();
            while (writer.maintain() && !writer.lock.hasQueuedThreads()) {
                // one more step: nobody waits for the lock
            }
            writer.advanceIdleGrowth();
            pending = writer.hotRead().pendingActions();
            final long now = System.nanoTime();
            if (pending == 0) {
                blockedSinceNanos = 0;
                report = false;
            } else {
                if (blockedSinceNanos == 0) {
                    blockedSinceNanos = now;
                }
                report = now - blockedSinceNanos >= slowReaderNanos && now - lastReportNanos >= slowReaderNanos;
                if (report) {
                    lastReportNanos = now;
                }
            }
        } finally {
            writer.lock.unlock();
        }
        if (report) {
            for (SlowReader slow : slowReaders(pending)) {
                onSlowReader.accept(slow);
            }
        }
        return pending;
    }

    /**
     * Returns the open readers that hold a snapshot longer than {@code slowReaderThreshold} now.
     *
     * @return the slow readers, slowest first
     */
    public List<SlowReader> slowReaders() {
        final long pending;
        writer.lock.lock();
        try {
            ensureOpen();
            pending = writer.hotRead().pendingActions();
        } finally {
            writer.lock.unlock();
        }
        return slowReaders(pending);
    }

    /** @return the store's name (for thread names and reports) */
    public String name() {
        return name;
    }

    /** @return the value type */
    @Override
    public Class<V> valueType() {
        return layout.valueType();
    }

    /** @return the value's layout */
    public ValueLayout<V> layout() {
        return layout;
    }

    /** @return the native bytes the store holds now (records, both index copies, the log, growth in progress) */
    public long memoryUsed() {
        return budget.used();
    }

    /** @return the store's {@code maxMemory} */
    public long maxMemory() {
        return budget.limit();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the store: subscriptions end with {@link RemovalCause#CLOSED}, waiting lock requests
     * fail with {@link IllegalStateException}, background tasks stop, and the native memory is
     * freed once no reader holds it. Idempotent.
     */
    @Override
    public void close() {
        refuseReentry("close");
        final List<CompletableFuture<Void>> failed;
        writer.lock.lock();
        try {
            if (closed) {
                return;
            }
            for (Map.Entry<UUID, UpdateChannel<V, M>> watched : channels.entrySet()) {
                if (writer.locate(watched.getKey())) {
                    watched.getValue().publish(new Update.Removed<>(writer.foundEntry(watched.getKey()), null,
                            RemovalCause.CLOSED));
                }
            }
            channels.clear();
            failed = locks.clear();
            closed = true;
            writer.close();
        } finally {
            writer.lock.unlock();
        }
        for (ScheduledFuture<?> task : scheduled) {
            task.cancel(false);
        }
        if (ownsScheduler) {
            scheduler.shutdown();
        }
        for (CompletableFuture<Void> turn : failed) {
            turn.completeExceptionally(closedException());
        }
    }

    @Override
    public String toString() {
        return "LiveStore[" + name + ", " + layout.valueType().getSimpleName() + (closed ? ", closed" : "") + "]";
    }

    // ------------------------------------------------------------------------------------------
    // For EntryGuard
    // ------------------------------------------------------------------------------------------

    Optional<Entry<V>> guardGet(EntryGuard<V, M> guard) {
        return write("EntryGuard.get", guard.key(), guard.token(), false,
                () -> writer.locate(guard.key()) ? Optional.of(writer.foundEntry(guard.key())) : Optional.empty());
    }

    <E extends Exception> V guardMutate(EntryGuard<V, M> guard, Mutator<V, E> mutation) throws E {
        checkMutation(mutation);
        return write("EntryGuard.mutate", guard.key(), guard.token(), false,
                () -> mutateLocked(guard.key(), mutation, -1, "EntryGuard.mutate"));
    }

    Entry<V> guardSet(EntryGuard<V, M> guard, V value, M message) {
        requireValue(value);
        return write("EntryGuard.set", guard.key(), guard.token(), false, () -> {
            if (!writer.locate(guard.key())) {
                throw new KeyNotFoundException(guard.key(), "EntryGuard.set");
            }
            return overwriteLocked(guard.key(), value, message, 0);
        });
    }

    int guardBroadcast(EntryGuard<V, M> guard, M message) {
        Objects.requireNonNull(message, "message");
        return write("EntryGuard.broadcast", guard.key(), guard.token(), false, () -> broadcastLocked(guard.key(), message));
    }

    Subscription<V, M> guardWatch(EntryGuard<V, M> guard) {
        return write("EntryGuard.watch", guard.key(), guard.token(), false, () -> {
            if (!writer.locate(guard.key())) {
                throw new KeyNotFoundException(guard.key(), "EntryGuard.watch");
            }
            return subscribeLocked(guard.key());
        });
    }

    Optional<Entry<V>> guardDelete(EntryGuard<V, M> guard, M message) {
        return write("EntryGuard.delete", guard.key(), guard.token(), false, () -> writer.locate(guard.key())
                ? Optional.of(removeLocked(guard.key(), message, RemovalCause.REMOVED))
                : Optional.empty());
    }

    /** Releases a guard's hold; from close() or the cleaner. Safe after the store closed. */
    void release(UUID key, Object token) {
        final CompletableFuture<Void> next;
        writer.lock.lock();
        try {
            next = locks.release(key, token);
        } finally {
            writer.lock.unlock();
        }
        grant(next);
    }

    // ------------------------------------------------------------------------------------------
    // Write framework: entry locks around the writer lock
    // ------------------------------------------------------------------------------------------

    /** A store operation run under the writer lock. */
    @FunctionalInterface
    private interface Locked<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code body} under the writer lock once no other guard holds the key: at once if
     * none does, else after waiting its turn (first come, first served) with {@code token} (a
     * fresh one if null). With {@code keep}, the token holds the key afterwards if the body
     * succeeded (the acquire forms); otherwise the key is released.
     */
    private <T, E extends Exception> T write(String operation, UUID key, Object token, boolean keep,
            Locked<T, E> body) throws E {
        Objects.requireNonNull(key, "key");
        refuseReentry(operation);
        // A plain write needs a token of its own only to queue behind a guard: not on the fast path.
        Object holder = token;
        final KeyLocks.Waiter waiter;
        writer.lock.lock();
        try {
            ensureOpen();
            if (!locks.heldByOther(key, holder)) {
                final T result = body.run();
                if (keep) {
                    locks.acquire(key, holder);
                }
                return result;
            }
            if (holder == null) {
                holder = new Object();
            }
            waiter = locks.acquire(key, holder);
        } finally {
            writer.lock.unlock();
        }
        awaitTurn(waiter);
        return runHolding(key, holder, keep, body);
    }

    /** As {@link #write}, but waits by returning a future that completes on the executor. */
    private <T> CompletableFuture<T> writeAsync(String operation, UUID key, boolean keep, Locked<T, ?> body) {
        return writeAsync(operation, key, null, keep, body);
    }

    private <T> CompletableFuture<T> writeAsync(String operation, UUID key, Object token, boolean keep,
            Locked<T, ?> body) {
        try {
            Objects.requireNonNull(key, "key");
            refuseReentry(operation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // A plain write needs a token of its own only to queue behind a guard: not on the fast path.
        Object holder = token;
        final KeyLocks.Waiter waiter;
        writer.lock.lock();
        try {
            ensureOpen();
            if (!locks.heldByOther(key, holder)) {
                final T result = body.run();
                if (keep) {
                    locks.acquire(key, holder);
                }
                return CompletableFuture.completedFuture(result);
            }
            if (holder == null) {
                holder = new Object();
            }
            waiter = locks.acquire(key, holder);
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        } finally {
            writer.lock.unlock();
        }
        final CompletableFuture<T> result = new CompletableFuture<>();
        final Object queued = waiter.token();
        waiter.turn().whenComplete((granted, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
                return;
            }
            try {
                executor.execute(() -> {
                    try {
                        result.complete(runHolding(key, queued, keep, body));
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                });
            } catch (RuntimeException rejected) {
                release(key, queued);
                result.completeExceptionally(rejected);
            }
        });
        return result;
    }

    /** Runs the body as the key's holder (its turn came); releases unless kept. */
    private <T, E extends Exception> T runHolding(UUID key, Object holder, boolean keep, Locked<T, E> body) throws E {
        CompletableFuture<Void> next = null;
        boolean succeeded = false;
        writer.lock.lock();
        try {
            ensureOpen();
            final T result = body.run();
            succeeded = true;
            return result;
        } finally {
            if (!(keep && succeeded)) {
                next = locks.release(key, holder);
            }
            writer.lock.unlock();
            grant(next);
        }
    }

    private void awaitTurn(KeyLocks.Waiter waiter) {
        try {
            waiter.turn().join();
        } catch (CompletionException e) {
            throw rethrow(e.getCause());
        }
    }

    private void withdraw(UUID key, KeyLocks.Waiter waiter) {
        final CompletableFuture<Void> next;
        writer.lock.lock();
        try {
            next = locks.withdraw(key, waiter);
        } finally {
            writer.lock.unlock();
        }
        grant(next);
    }

    /** Completes a granted turn, outside the writer lock: its continuation may run here. */
    private static void grant(CompletableFuture<Void> turn) {
        if (turn != null) {
            turn.complete(null);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Bodies: run under the writer lock, with the key free or held by the caller
    // ------------------------------------------------------------------------------------------

    /** Inserts if absent. Returns the existing entry, or empty if inserted. */
    private Optional<Entry<V>> createLocked(UUID key, V value, long ttlMillis) {
        if (writer.locate(key)) {
            return Optional.of(writer.foundEntry(key));
        }
        final long now = clock.millis();
        writer.put(key, value, 1, now, ttlMillis, now, deadline(now, ttlMillis), true);
        return Optional.empty();
    }

    /** Overwrites the located entry; returns the previous one. {@code ttlMillis} 0 keeps the entry's. */
    private Entry<V> overwriteLocked(UUID key, V value, M message, long ttlMillis) {
        final Entry<V> previous = writer.foundEntry(key);
        final long version = previous.version() + 1;
        final long createdAt = writer.foundCreatedAt();
        final long ttl = ttlMillis != 0 ? ttlMillis : writer.foundTtl();
        final long now = clock.millis();
        final long deadline = deadline(now, ttl);
        writer.put(key, value, version, createdAt, ttl, now, deadline, false);
        final UpdateChannel<V, M> channel = channelOf(key);
        if (channel != null) {
            channel.publish(new Update.Overwritten<>(previous, written(previous, value, now, deadline), message));
        }
        return previous;
    }

    private <E extends Exception> V mutateLocked(UUID key, Mutator<V, E> mutation, long expectedVersion,
            String operation) throws E {
        if (!writer.locate(key)) {
            throw new KeyNotFoundException(key, operation);
        }
        final long version = writer.foundVersion();
        if (expectedVersion >= 0 && version != expectedVersion) {
            throw new VersionConflictException(key, expectedVersion, version);
        }
        final long createdAt = writer.foundCreatedAt();
        final long ttl = writer.foundTtl();
        final UpdateChannel<V, M> channel = channelOf(key);
        final Entry<V> previous = channel == null ? null : writer.foundEntry(key);
        final V current = previous != null ? previous.value() : writer.foundValue();
        // User code, once, before anything is written: whatever it throws leaves all as it was.
        final V next = mutation.apply(current);
        if (next == null) {
            throw new NullPointerException(mutation.getClass().getName() + ".apply returned null for key " + key
                    + "; a mutation returns the new value. Nothing changed.");
        }
        final long now = clock.millis();
        final long deadline = deadline(now, ttl);
        writer.put(key, next, version + 1, createdAt, ttl, now, deadline, false);
        if (channel != null) {
            channel.publish(new Update.Mutated<>(previous, written(previous, next, now, deadline), mutation));
        }
        return next;
    }

    /** The entry after a write of {@code value} over {@code previous}: for watchers. */
    private static <V> Entry<V> written(Entry<V> previous, V value, long now, long deadline) {
        return new Entry<>(previous.key(), value, previous.version() + 1, previous.createdAt(),
                java.time.Instant.ofEpochMilli(now),
                deadline == StoredEntryLayout.NO_DEADLINE ? null : java.time.Instant.ofEpochMilli(deadline));
    }

    private Entry<V> removeLocked(UUID key, M message, RemovalCause cause) {
        final Entry<V> last = writer.foundEntry(key);
        writer.remove(key);
        final UpdateChannel<V, M> channel = channels.remove(key);
        if (channel != null) {
            channel.publish(new Update.Removed<>(last, message, cause));
        }
        return last;
    }

    private int broadcastLocked(UUID key, M message) {
        if (!writer.locate(key)) {
            throw new KeyNotFoundException(key, "broadcast");
        }
        final UpdateChannel<V, M> channel = channelOf(key);
        if (channel == null) {
            return 0;
        }
        channel.publish(new Update.Message<>(writer.foundEntry(key), message));
        return channel.watchers();
    }

    private WatchedEntry<V, M> fetchAndSubscribeLocked(UUID key) {
        writer.locate(key);
        return new WatchedEntry<>(writer.foundEntry(key), subscribeLocked(key));
    }

    private Subscription<V, M> subscribeLocked(UUID key) {
        final UpdateChannel<V, M> channel = channels.computeIfAbsent(key, k -> new UpdateChannel<>(watchBuffer));
        channel.addWatcher();
        return new KeySubscription<>(key, channel, channel.tail(), this::unsubscribe);
    }

    private void unsubscribe(KeySubscription<V, M> subscription) {
        writer.lock.lock();
        try {
            final UpdateChannel<V, M> channel = subscription.channel();
            if (channel.removeWatcher() == 0 && channels.get(subscription.key()) == channel) {
                channels.remove(subscription.key());
            }
        } finally {
            writer.lock.unlock();
        }
    }

    private UpdateChannel<V, M> channelOf(UUID key) {
        return channels.isEmpty() ? null : channels.get(key);
    }

    private EntryGuard<V, M> requireEntry(UUID key, String operation, EntryGuard<V, M> guard) {
        if (!writer.locate(key)) {
            throw new KeyNotFoundException(key, operation);
        }
        return guard;
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    private EntryGuard<V, M> newGuard(UUID key) {
        Objects.requireNonNull(key, "key");
        return new EntryGuard<>(this, key);
    }

    private long deadline(long now, long ttlMillis) {
        final long ttl = ttlMillis != 0 ? ttlMillis : expireAfterWriteMillis;
        if (ttl <= 0) {
            return StoredEntryLayout.NO_DEADLINE;
        }
        final long deadline = now + ttl;
        return deadline < now ? Long.MAX_VALUE : deadline;
    }

    private static long ttlMillis(Duration ttl) {
        if (ttl == null) {
            return 0;
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.toMillis() == 0) {
            throw new IllegalArgumentException("ttl must be at least one millisecond, was " + ttl);
        }
        return ttl.toMillis();
    }

    private void checkMutation(Mutator<V, ?> mutation) {
        Objects.requireNonNull(mutation, "mutation");
        if (mutations != null) {
            mutations.idOf(mutation); // throws IllegalArgumentException, naming the class, if foreign
        }
    }

    private static void requireValue(Object value) {
        Objects.requireNonNull(value, "value");
    }

    private void refuseReentry(String operation) {
        if (writer.lock.isHeldByCurrentThread()) {
            throw new IllegalStateException(operation + " called from inside a mutation's apply: apply runs under"
                    + " the store's writer lock and must only compute the new value from the current one");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("store " + name + " is closed");
    }

    private List<SlowReader> slowReaders(long pending) {
        final List<StoreReader<V>> open;
        synchronized (readers) {
            open = new ArrayList<>(readers.keySet());
        }
        final List<SlowReader> slow = new ArrayList<>();
        for (StoreReader<V> reader : open) {
            if (reader != null && reader.holdsSnapshot()) {
                final Duration held = reader.heldFor();
                if (held.toNanos() >= slowReaderNanos) {
                    slow.add(new SlowReader(name, reader.owner().getName(), reader.owner().isAlive(), held, pending));
                }
            }
        }
        slow.sort((a, b) -> b.heldFor().compareTo(a.heldFor()));
        return slow;
    }

    private void maintainQuietly() {
        runQuietly("maintenance", this::maintain);
    }

    private void evictQuietly() {
        runQuietly("expiry check (or its onExpire callback)", this::evictExpired);
    }

    /** Runs background work: a failure is logged, never thrown into the scheduler (which would stop the task). */
    private void runQuietly(String what, Runnable task) {
        if (closed) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            if (!closed) { // closing concurrently makes the task throw IllegalStateException: expected
                LOG.log(System.Logger.Level.ERROR, "store " + name + ": " + what + " failed", e);
            }
        }
    }

    private void runCallback(Subscription<V, M> subscription, UpdateCallback<V, M> callback) {
        try (subscription) {
            while (true) {
                final Update<V, M> update = subscription.next();
                final WatchControl control;
                try {
                    control = callback.onUpdate(update);
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.ERROR, "store " + name + ": onUpdate callback for "
                            + subscription.key() + " threw; it receives no more updates", e);
                    return;
                }
                if (control == WatchControl.BREAK || update instanceof Update.Removed) {
                    return;
                }
            }
        } catch (java.util.NoSuchElementException ended) {
            // Closed by the user, or the entry is gone: the callback is done.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable unwrap(Throwable t) {
        return (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                ? t.getCause() : t;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
