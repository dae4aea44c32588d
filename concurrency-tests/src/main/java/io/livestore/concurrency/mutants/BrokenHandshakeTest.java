package io.livestore.concurrency.mutants;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Broken copies of HotRead's handshake whose forbidden outcome the CI run must observe (see the
 * package javadoc). The first two report each side's decision as
 * {@link io.livestore.concurrency.HotReadHandshakeModelTest} does: r1 the generation the reader
 * holds, r2 1 if the writer would rewrite copy 0. The third is observed the way the real
 * {@code HotReadTornReadTest} is, through torn reads only.
 */
public final class BrokenHandshakeTest {

    private BrokenHandshakeTest() {
    }

    static final long IDLE = -1;

    /**
     * Mutant: the reader announces with a release store ({@code setRelease}) instead of a
     * volatile one. Release does not order the store before the following load, so the re-read of
     * the published generation can complete before the announcement is visible (x86 does this
     * through its store buffer) and both sides miss each other. Needs a real hardware
     * reordering, so it is the hardest of the three to catch.
     */
    @JCStressTest
    @Description("MUTANT (must fail): the reader's slot store is a release store")
    @Outcome(id = {"0, 0", "1, 1", "1, 0"}, expect = ACCEPTABLE, desc = "as in the correct model")
    @Outcome(id = "0, 1", expect = FORBIDDEN,
            desc = "reader holds copy 0 and the writer rewrites it: the store-load reordering a release store allows")
    @State
    public static class SlotStoreRelease {
        private static final VarHandle SLOT;

        static {
            try {
                SLOT = MethodHandles.lookup().findVarHandle(SlotStoreRelease.class, "slot", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        volatile long published;
        volatile long slot = IDLE;

        @Actor
        public void reader(JJ_Result r) {
            long p = published;
            while (true) {
                SLOT.setRelease(this, p);   // the mutation: was a volatile store
                long q = published;
                if (q == p) {
                    break;
                }
                p = q;
            }
            r.r1 = p;
        }

        @Actor
        public void writer(JJ_Result r) {
            published = 1;
            long held = slot;
            r.r2 = (held != IDLE && held < 1) ? 0 : 1;
        }
    }

    /**
     * Mutant: the reader announces the generation it loaded and uses it without re-reading the
     * published one. A writer that publishes and scans between the reader's load and its store
     * finds the slot idle and takes the copy the reader is about to read. A plain interleaving,
     * no reordering needed.
     */
    @JCStressTest
    @Description("MUTANT (must fail): the reader does not re-read the published generation after announcing")
    @Outcome(id = {"0, 0", "1, 1", "1, 0"}, expect = ACCEPTABLE, desc = "as in the correct model")
    @Outcome(id = "0, 1", expect = FORBIDDEN,
            desc = "reader holds copy 0 and the writer rewrites it: the writer scanned before the late announcement")
    @State
    public static class NoReread {
        volatile long published;
        volatile long slot = IDLE;

        @Actor
        public void reader(JJ_Result r) {
            long p = published;
            slot = p;                       // the mutation: no re-read, no retry
            r.r1 = p;
        }

        @Actor
        public void writer(JJ_Result r) {
            published = 1;
            long held = slot;
            r.r2 = (held != IDLE && held < 1) ? 0 : 1;
        }
    }

    /**
     * Mutant: the writer never scans the slots. Observed only through what the reader reads, as
     * the real {@code HotReadTornReadTest} observes HotRead: two copies of {x, y}; the writer
     * publishes generation 1 (copy 1, written beforehand), then rewrites copy 0 for generation 2
     * without looking at the reader, which may have just acquired generation 0. This is the
     * mutant that sanity mode let through against the real code.
     */
    @JCStressTest
    @Description("MUTANT (must fail): the writer rewrites the inactive copy without scanning the reader's slot")
    @Outcome(id = {"0, 0", "1, 1", "2, 2"}, expect = ACCEPTABLE, desc = "a whole copy of generation 0, 1 or 2")
    @Outcome(expect = FORBIDDEN, desc = "a torn copy: the reader read copy 0 while the writer rewrote it")
    @State
    public static class WriterNeverScans {
        /** One copy of the state: the writer sets x, then y; a reader of a stable copy sees them equal. */
        static final class Copy {
            int x;
            int y;
        }

        private final Copy[] copies = {new Copy(), new Copy()};
        volatile long published;
        volatile long slot = IDLE;

        public WriterNeverScans() {
            copies[1].x = 1;                // generation 1, prepared before the writer publishes it
            copies[1].y = 1;
        }

        @Actor
        public void reader(II_Result r) {
            long p = published;
            while (true) {
                slot = p;
                long q = published;
                if (q == p) {
                    break;
                }
                p = q;
            }
            Copy copy = copies[(int) (p & 1)];
            r.r1 = copy.x;
            r.r2 = copy.y;
        }

        @Actor
        public void writer() {
            published = 1;
            // The mutation: the real writer scans here and leaves copy 0 alone while slot == 0.
            Copy copy = copies[0];
            copy.x = 2;
            copy.y = 2;
            published = 2;
        }
    }
}
