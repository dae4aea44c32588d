/**
 * The off-heap table: UUID keys to fixed-size records in native memory, each value stored once
 * in an arena, and only a compact key index kept as the two copies of a HotRead.
 *
 * <p>Layering: this package uses {@code io.livestore.runtime.hotread} and Chronicle Bytes only;
 * it knows nothing of stores, values or generated code. A value is {@code valueSize} bytes that
 * a generated codec reads and writes in place.
 *
 * <ul>
 *   <li>{@link io.livestore.runtime.table.RecordArena}, {@link io.livestore.runtime.table.RecordLayout}:
 *       key, value and header of each entry once, in chunks that never move, named by an
 *       {@code int} reference; every record offset, with a diagram.
 *   <li>{@link io.livestore.runtime.table.KeyIndex}: one copy of the index, 8 bytes a slot (hash
 *       tag and record reference); open addressing, linear probing, backward-shift deletion
 *       ({@link io.livestore.runtime.table.BackwardShift}), growth from tags alone; single
 *       writer, pure reads.
 *   <li>{@link io.livestore.runtime.table.UuidHash}: the 128-bit mixing hash.
 *   <li>{@link io.livestore.runtime.table.IndexLog}, {@link io.livestore.runtime.table.Replay},
 *       {@link io.livestore.runtime.table.IndexCopy}: the log that makes the two index copies one
 *       {@code HotReadState}, and decides when a record is given back;
 *       {@link io.livestore.runtime.table.CopyLookup}: a copy's geometry in plain fields, for
 *       the readers that hold it (a lookup without the checks a reader at any time would need).
 *   <li>{@link io.livestore.runtime.table.OffHeapMemory}, {@link io.livestore.runtime.table.MemoryBudget},
 *       {@link io.livestore.runtime.table.DeferredFrees}: every native byte counted against one
 *       budget, and freed only once no reader can still hold it.
 * </ul>
 *
 * <p>Why this design, measured against two full copies of 64-byte slots (what the store ran on
 * before) and a compact two-copy layout: benchmarks/RESULTS.md, "Entry table, round two".
 *
 * <p>Memory ordering: none here. The index and arena are written by one thread and read by others
 * only through HotRead, which orders the last write before every read of a published copy. Time
 * fields are values passed in by the caller; nothing here reads a clock.
 *
 * <p>JVM flags: the first allocation checks that the JVM got the flags Chronicle Bytes needs on
 * JDK 17+ and otherwise throws an {@link java.lang.IllegalStateException} listing them.
 */
package io.livestore.runtime.table;
