package io.livestore.concurrency;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * HotRead's reader/writer handshake, re-implemented in a dozen lines with the same access modes,
 * and observed directly: instead of hoping to catch a torn read, each side reports what it
 * decided. The reader reports the generation it ended up holding; the writer, having published
 * generation 1, reports whether its scan let it rewrite copy 0 (the copy of generation 0).
 *
 * <p>This is the correct model. The broken copies in {@link io.livestore.concurrency.mutants}
 * differ from it in exactly one line each and must fail: that the model passes while they fail
 * shows it is the mutation, not the model, that the run detects.
 *
 * <p>r1: the generation the reader holds. r2: 1 if the writer would rewrite copy 0, 0 if its
 * scan saw the reader on generation 0 and it stayed away.
 */
@JCStressTest
@Description("HotRead handshake model: a reader holding generation 0 is always seen by the writer's scan")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "reader holds generation 0; the writer saw it and leaves copy 0 alone")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "reader moved to generation 1; the writer may rewrite copy 0")
@Outcome(id = "1, 0", expect = ACCEPTABLE,
        desc = "reader announced 0, re-read 1 and moved on; the writer saw the stale 0 and waits one more round (harmless)")
@Outcome(id = "0, 1", expect = FORBIDDEN,
        desc = "reader holds copy 0 and the writer rewrites it: both sides missed the other's store")
@State
public class HotReadHandshakeModelTest {

    static final long IDLE = -1;

    /** HotRead.publishedGeneration: generation 0 is published, in copy 0. */
    volatile long published;
    /** The reader handle's ReaderSlot.held: nothing held yet. */
    volatile long slot = IDLE;

    /** HotReadHandle.acquire: announce, re-read, retry until the announcement is current. */
    @Actor
    public void reader(JJ_Result r) {
        long p = published;
        while (true) {
            slot = p;                   // volatile store: the announcement
            long q = published;         // volatile load: is it still current?
            if (q == p) {
                break;
            }
            p = q;
        }
        r.r1 = p;
    }

    /** Publish generation 1 (copy 1), then scan before reusing copy 0 for generation 2. */
    @Actor
    public void writer(JJ_Result r) {
        published = 1;                  // volatile store: the publication
        long held = slot;               // volatile load: the scan
        r.r2 = (held != IDLE && held < 1) ? 0 : 1;
    }
}
