/**
 * HotRead: a state kept in two copies so that readers never lock, never allocate and never wait.
 * Knows nothing of off-heap memory or stores; everything above builds on it.
 *
 * <h2>The two-copy protocol</h2>
 *
 * <p>A {@link io.livestore.runtime.hotread.HotRead} owns two copies of a
 * {@link io.livestore.runtime.hotread.HotReadState}. Generation {@code g} lives in copy
 * {@code g & 1}; {@code publishedGeneration} names the generation readers should read. The writer
 * (one at a time, under a lock) only ever writes the <em>inactive</em> copy, the one of generation
 * {@code g + 1}, which is the copy of the previous generation {@code g - 1}. Each reader handle has
 * a padded slot that says which generation it holds, or {@code IDLE}.
 *
 * <pre>
 *   writer (under the write lock)              reader handle
 *   -----------------------------              -------------
 *   queue the action                           p = publishedGeneration        (volatile load)
 *   if some slot holds a generation &lt; g:        if p == held, same thread:
 *                                                 return copy                 (fast path)
 *       leave it queued (blocked)              loop:
 *   apply queued actions to copy (g+1)&amp;1          slot = p                    (volatile store)
 *   publishedGeneration = g + 1 (volatile)        q = publishedGeneration    (volatile load)
 *                                                 if q == p: hold p; return copy p &amp; 1
 *                                                 p = q
 * </pre>
 *
 * <p>The writer may reuse copy {@code (g+1) & 1} only when no slot holds a generation older than
 * {@code g}: every reader then holds {@code g} (the other copy) or nothing. Actions that cannot be
 * applied stay queued in order; a later {@code queueUpdate} or {@code maintain()} applies them. A
 * copy that is behind is first brought up to date with the actions the other copy already has, so
 * each action is applied exactly once to each copy, in queue order.
 *
 * <h2>Why these memory orderings are enough</h2>
 *
 * <p><b>Visibility of a copy's contents</b> (release/acquire). The writer fills a copy with plain
 * writes, then stores its generation to the volatile {@code publishedGeneration}. A reader that
 * loads that generation (volatile) sees every write made before the store. On the fast path the
 * reader returns a copy whose generation it loaded before, so it already has that edge.
 *
 * <p><b>A reader never reads a copy being written</b> (a Dekker handshake). Two threads each store
 * to one variable and then load the other's:
 * <pre>
 *   writer:  publishedGeneration = g      ...later, after acquiring the lock again...
 *            scan: slot &lt; g ?  (load)
 *   reader:  slot = p                     (store)
 *            publishedGeneration == p ?   (load)
 * </pre>
 * With volatile (sequentially consistent) accesses the four form one total order, so at least one
 * load sees the other thread's store. Suppose the reader ends up holding {@code p = g - 1}, the
 * copy the writer wants. Its re-read returned {@code g - 1}, so in that order its re-read came
 * before the writer's store of {@code g}, hence its slot store came before the writer's scan, and
 * the scan sees {@code g - 1} (or a newer value the reader stored later) and the writer stays
 * away. Otherwise the re-read sees {@code g}, and the reader announces {@code g} instead. A
 * release store for the slot would not do: it lets the reader's re-read move before the store
 * (store-load reordering, which x86 really does), and then both threads can miss each other. This
 * is why {@code ReaderSlot.held} and {@code publishedGeneration} are volatile, and why the
 * handshake costs the reader one volatile store only when a new generation was published.
 *
 * <p>A stale announcement is harmless: a reader that stores an old generation and then re-reads a
 * newer one moves on without touching the old copy; a writer that sees the stale value in between
 * only waits one more round (it never waits in place: the actions stay queued).
 *
 * <p><b>Leaving.</b> A handle leaves with a volatile store of {@code IDLE} to its slot
 * ({@code quiescent()}, {@code close()}, or the cleaner when an unclosed handle was collected).
 * Its earlier plain reads of the copy happen-before the writer's later volatile load of
 * {@code IDLE}, so they cannot see the writer's next writes. For the cleaner that edge exists only
 * if the reader's thread kept the handle reachable until its last read (see
 * {@link io.livestore.runtime.hotread.HotReadHandle}: try-with-resources, or
 * {@code Reference.reachabilityFence}); a handle the JIT considers dead may be cleaned while its
 * thread still reads, and then the writer may overwrite what it reads.
 *
 * <p><b>Threads that end.</b> A slot records the thread that made its last announcement (a plain
 * store just before the volatile one, which publishes it). When the writer's scan finds a slot
 * holding an older generation whose thread has ended ({@code isAlive()} returned false, which
 * happens-after everything that thread did, its reads of the copy included), it makes the slot
 * idle with a compare-and-set from the generation it saw, and goes on. A thread the handle was
 * handed to cannot be harmed: a handle's fast path serves only the thread that made its
 * announcement, so that thread's first {@code current()} takes the slow path and announces anew,
 * naming itself; if that announcement came first, the compare-and-set fails and the writer sees
 * it as usual. (A thread must call {@code current()} itself before reading a copy: a copy passed
 * on from a thread that ended is not protected.)
 *
 * <p><b>Registry.</b> The slots of the open handles form a list that the writer scans without a
 * lock: a new slot is linked at the head, idle, with a volatile store; a closed handle's slot is
 * made idle, then unlinked, with its own {@code next} left in place so that a scan standing on it
 * goes on. Slots are never reused, so every scan ends, and a scan costs the handles open now.
 *
 * <p><b>Closing.</b> {@code close()} stores {@code CLOSED} to {@code publishedGeneration} and then
 * scans the slots; a leaving reader stores {@code IDLE} and then loads
 * {@code publishedGeneration}. The same handshake guarantees that whichever of them comes last
 * sees that no handle holds a copy, and releases it (a compare-and-set makes the release happen
 * once). {@code CLOSED} never equals a held generation, so closing costs the fast path nothing: a
 * handle's next {@code current()} misses, takes the slow path and throws.
 *
 * <h2>What a reader may see</h2>
 *
 * <p>A whole copy, never a half-applied batch: the copy of the generation it holds, which may be
 * older than the newest published one. Generations one handle sees never go backwards. Queued
 * actions become visible only when published; actions queued by one {@code queueUpdates} call
 * become visible together. With a catch-up limit, a call applies a prefix of the queue that ends
 * with a whole batch and publishes it if it is ahead of the published copy: readers then see
 * prefixes of the queue, each ending with a whole batch, in order.
 */
package io.livestore.runtime.hotread;
