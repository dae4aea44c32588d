package io.livestore.concurrency;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The bare Dekker handshake of HotRead, with the access modes it uses and with the weaker ones
 * it deliberately does not use. Each side stores to its own variable, then loads the other's:
 * the reader announces the generation it holds and re-reads the published one; the writer
 * publishes a generation and scans the reader's slot. HotRead is correct only if "both loads miss
 * both stores" (0, 0) is impossible.
 */
public final class HandshakeOrderingTest {

    private HandshakeOrderingTest() {
    }

    /** The modes HotRead uses: volatile store, volatile load on both sides. */
    @JCStressTest
    @Description("Volatile store then volatile load on both sides: one side always sees the other")
    @Outcome(id = {"0, 1", "1, 0", "1, 1"}, expect = ACCEPTABLE, desc = "at least one side saw the other's store")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "both missed: a reader could read a copy being written")
    @State
    public static class Volatile {
        volatile long slot;
        volatile long published;

        @Actor
        public void reader(JJ_Result r) {
            slot = 1;
            r.r1 = published;
        }

        @Actor
        public void writer(JJ_Result r) {
            published = 1;
            r.r2 = slot;
        }
    }

    /**
     * Release stores and acquire loads, the modes a reader/writer flip often gets away with: here
     * they allow the store-load reordering that breaks the handshake. Observed on this project's
     * x86 machine: (0, 0) in about 0.35% of samples ({@code -m quick -t ReleaseAcquire}).
     */
    @JCStressTest
    @Description("Release store then acquire load: the forbidden-for-HotRead outcome (0, 0) is allowed")
    @Outcome(id = {"0, 1", "1, 0", "1, 1"}, expect = ACCEPTABLE, desc = "at least one side saw the other's store")
    @Outcome(id = "0, 0", expect = ACCEPTABLE_INTERESTING, desc = "both missed: why HotRead's slot store is volatile")
    @State
    public static class ReleaseAcquire {
        private static final VarHandle SLOT;
        private static final VarHandle PUBLISHED;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                SLOT = lookup.findVarHandle(ReleaseAcquire.class, "slot", long.class);
                PUBLISHED = lookup.findVarHandle(ReleaseAcquire.class, "published", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        long slot;
        long published;

        @Actor
        public void reader(JJ_Result r) {
            SLOT.setRelease(this, 1L);
            r.r1 = (long) PUBLISHED.getAcquire(this);
        }

        @Actor
        public void writer(JJ_Result r) {
            PUBLISHED.setRelease(this, 1L);
            r.r2 = (long) SLOT.getAcquire(this);
        }
    }
}
