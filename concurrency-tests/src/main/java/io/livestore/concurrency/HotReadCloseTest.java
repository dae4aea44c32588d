package io.livestore.concurrency;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * close() against a reader that acquires, reads and closes its handle. The release of a copy
 * must wait for its last holder (the close/leave handshake), and each copy is released exactly
 * once whoever comes last.
 *
 * <p>r1: 0 = the reader read a live copy, 1 = it read a copy already released, 2 = current()
 * threw because the HotRead was closed. r2 (arbiter): how many copies were released in all.
 */
@JCStressTest
@Description("HotRead.close() releases each copy once, never while a handle holds it")
@Outcome(id = {"0, 2", "2, 2"}, expect = ACCEPTABLE, desc = "read a live copy or saw the close; both copies released once")
@Outcome(id = "1, .*", expect = FORBIDDEN, desc = "read a released copy")
@Outcome(expect = FORBIDDEN, desc = "a copy released twice or never")
@State
public class HotReadCloseTest {

    private final TwoInts first = new TwoInts();
    private final HotRead<TwoInts, Integer> hot = HotRead.create(first);
    private final HotReadHandle<TwoInts> reader = hot.createHandle();

    @Actor
    public void reader(II_Result r) {
        try {
            TwoInts copy = reader.current();
            r.r1 = copy.released ? 1 : 0;
        } catch (IllegalStateException closed) {
            r.r1 = 2;
        } finally {
            reader.close();
        }
    }

    @Actor
    public void closer() {
        hot.close();
    }

    @Arbiter
    public void released(II_Result r) {
        r.r2 = first.releases + first.copyMade.releases;
    }
}
