package io.livestore.concurrency;

import io.livestore.runtime.hotread.HotRead;
import io.livestore.runtime.hotread.HotReadHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The reader/writer handshake through the public API. The writer publishes generation 1 (into
 * copy 1), then needs copy 0 again for the second write; the reader acquires a generation at the
 * same time. If the handshake failed (the reader's announcement not seen by the writer's scan,
 * while the reader's re-read still saw generation 0) the reader would read copy 0 while the
 * writer rewrites it, and see x and y differ.
 */
@JCStressTest
@Description("A reader acquiring a copy while the writer publishes twice never sees a copy being written")
@Outcome(id = {"0, 0", "1, 1", "2, 2"}, expect = ACCEPTABLE, desc = "a whole copy of generation 0, 1 or 2")
@Outcome(expect = FORBIDDEN, desc = "a torn copy: the reader read a copy while the writer wrote it")
@State
public class HotReadTornReadTest {

    private final HotRead<TwoInts, Integer> hot = HotRead.create(new TwoInts());
    private final HotReadHandle<TwoInts> reader = hot.createHandle();

    @Actor
    public void reader(II_Result r) {
        TwoInts copy = reader.current();
        int x = copy.x;
        TwoInts.pause();
        int y = copy.y;
        r.r1 = x;
        r.r2 = y;
    }

    @Actor
    public void writer() {
        hot.queueUpdate(1);
        hot.queueUpdate(2);
    }
}
