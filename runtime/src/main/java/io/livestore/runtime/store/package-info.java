/**
 * The typed store: {@link io.livestore.runtime.store.LiveStore}, a concurrent map from UUID keys
 * to values of one {@code @LiveValue} record type, off-heap (each value stored once, a key index
 * in two copies), with typed mutations
 * ({@link io.livestore.runtime.store.Mutator}, gathered in a generated
 * {@link io.livestore.runtime.store.MutationSet}), lock-free snapshot readers
 * ({@link io.livestore.runtime.store.StoreReader}, {@link io.livestore.runtime.store.Snapshot},
 * allocation-free {@link io.livestore.runtime.store.ValueView}s), watchers
 * ({@link io.livestore.runtime.store.Subscription}, {@link io.livestore.runtime.store.Update}),
 * entry locks ({@link io.livestore.runtime.store.EntryGuard}), expiry, a memory budget, and
 * {@link io.livestore.runtime.store.Storages} to hold stores of several values.
 *
 * <h2>How the parts fit</h2>
 * <ul>
 *   <li>{@code StoreWriter} is the single writer: it finds a key's latest state (the record of a
 *       pending write through {@code PendingIndex}, else the record the published copy's index
 *       points at), writes each new value once into a fresh arena record through the index log,
 *       and queues the batch on the {@code HotRead}. {@code StoredEntryLayout} is where the store's
 *       fields sit in a record.
 *   <li>{@code KeyLocks} orders writers of entries held by guards; {@code UpdateChannel} is the
 *       per-key ring of updates, read by {@code KeySubscription}s.
 *   <li>No raw {@code HotReadHandle}, {@code KeyIndex}, {@code RecordArena} or {@code IndexCopy} reaches user
 *       code: readers, snapshots and views check on every read that their reader still holds the
 *       copy they point into, on its own thread, and keep it reachable while they read.
 * </ul>
 *
 * <p>Builds on {@code hotread}, {@code table} and {@code layout}; none of them imports this
 * package.
 */
package io.livestore.runtime.store;
