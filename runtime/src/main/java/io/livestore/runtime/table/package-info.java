/**
 * The off-heap entry table: UUID keys to fixed-size slots in native memory, kept as the two
 * copies of a HotRead through a physical redo log.
 *
 * <p>Layering: this package uses {@code io.livestore.runtime.hotread} and Chronicle Bytes only;
 * it knows nothing of stores, values or generated code. A value is {@code valueSize} bytes that
 * a generated codec reads and writes in place.
 *
 * <ul>
 *   <li>{@link io.livestore.runtime.table.EntryTable}: one copy; open addressing, linear
 *       probing, backward-shift deletion, growth by rehash; single writer, pure reads.
 *   <li>{@link io.livestore.runtime.table.EntryTableLayout},
 *       {@link io.livestore.runtime.table.RedoRecordLayout}: every byte offset, with diagrams.
 *   <li>{@link io.livestore.runtime.table.UuidHash}: the 128-bit mixing hash.
 *   <li>{@link io.livestore.runtime.table.RedoLog}, {@link io.livestore.runtime.table.Replay},
 *       {@link io.livestore.runtime.table.EntryTableCopy}: the redo protocol that makes the
 *       table one {@code HotReadState}.
 * </ul>
 *
 * <p>The compact design that is replacing the table (see benchmarks/RESULTS.md, "Entry table,
 * round two"): values stored once, only an 8-byte index doubled.
 * <ul>
 *   <li>{@link io.livestore.runtime.table.RecordArena}, {@link io.livestore.runtime.table.RecordLayout}:
 *       key, header and value of each entry once, in chunks that never move;
 *   <li>{@link io.livestore.runtime.table.KeyIndex}: one copy of the index, 8 bytes a slot
 *       (hash tag and record reference);
 *   <li>{@link io.livestore.runtime.table.IndexLog}, {@link io.livestore.runtime.table.IndexCopy}:
 *       the two index copies as one {@code HotReadState}, and when a record is freed.
 * </ul>
 *
 * <p>Memory ordering: none here. The table is written by one thread and read by others only
 * through HotRead, which orders the last write before every read of a published copy. Time
 * fields are values passed in by the caller; nothing here reads a clock.
 *
 * <p>JVM flags: the first allocation checks that the JVM got the flags Chronicle Bytes needs on
 * JDK 17+ and otherwise throws an {@link java.lang.IllegalStateException} listing them.
 */
package io.livestore.runtime.table;
