package io.livestore.runtime.hotread;

import java.time.Duration;

/**
 * A reader handle that holds an older generation than the published one, and so keeps the writer
 * from updating the copy it reads: from {@link HotRead#blockingHandles()} and
 * {@link MaintainResult#blockers()}.
 *
 * @param thread the name of the thread that acquired the generation with {@code current()}
 * @param threadAlive whether that thread is still running; a handle whose thread ended stops
 *     blocking at the writer's next attempt, without waiting for the garbage collector
 * @param generation the generation it holds
 * @param heldFor how long it has held it
 */
public record BlockingHandle(String thread, boolean threadAlive, long generation, Duration heldFor) {
}
