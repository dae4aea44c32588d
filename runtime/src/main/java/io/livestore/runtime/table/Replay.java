package io.livestore.runtime.table;

/**
 * The one HotRead action of an {@link EntryTableCopy}: "replay the next committed batch of the
 * redo log". The data is in the off-heap {@link RedoLog}; the action is a constant, so queueing
 * it allocates nothing.
 */
public enum Replay {

    /** Replays, into the copy it is applied to, the records of the next batch after its cursor. */
    NEXT_BATCH
}
