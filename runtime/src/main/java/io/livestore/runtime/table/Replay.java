package io.livestore.runtime.table;

/**
 * The one HotRead action of an {@link IndexCopy}: "replay the next committed batch of the index
 * log". The data is in the off-heap {@link IndexLog}; the action is a constant, so queueing it
 * allocates nothing.
 */
public enum Replay {

    /** Replays, into the copy it is applied to, the records of the next batch after its cursor. */
    NEXT_BATCH
}
