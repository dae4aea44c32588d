package io.livestore.runtime.hotread;

import java.util.List;

/**
 * What one {@link HotRead#maintain()} call did.
 *
 * @param generation the generation readers are directed to after the call
 * @param appliedActions how many actions this call applied to a copy (new ones, and those
 *     another copy already had and this one was missing)
 * @param publishedActions how many actions this call made visible to readers by publishing a new
 *     generation; {@code 0} when it published nothing
 * @param blockingHandles how many handles still held an older generation and so kept this call
 *     from touching the copy they read; {@code 0} when nothing blocked it
 * @param pendingActions how many queued actions readers cannot see yet
 * @param backlogActions how many queued actions some copy has not applied yet: 0 once both
 *     copies hold everything queued, so that the next write applies only itself
 * @param blockers the handles that blocked this call, with their threads and how long they have
 *     held their copy; empty when nothing blocked it
 */
public record MaintainResult(
        long generation,
        long appliedActions,
        long publishedActions,
        int blockingHandles,
        long pendingActions,
        long backlogActions,
        List<BlockingHandle> blockers) {

    public MaintainResult {
        blockers = List.copyOf(blockers);
    }

    /**
     * Returns whether a reader handle that still holds an older generation kept this call from
     * applying queued actions. Those actions stay queued, in order, until a later
     * {@code queueUpdate} or {@code maintain} finds every handle caught up.
     */
    public boolean blockedByWorkers() {
        return blockingHandles > 0;
    }

    /**
     * Returns whether both copies hold every queued action: nothing is left for a later call to
     * apply or publish. With a catch-up limit ({@link HotRead#create(HotReadState, int)}), a call
     * that was not blocked may still leave work: call again until this is true.
     */
    public boolean caughtUp() {
        return backlogActions == 0;
    }

    /** Returns whether this call published a new generation. */
    public boolean published() {
        return publishedActions > 0;
    }
}
