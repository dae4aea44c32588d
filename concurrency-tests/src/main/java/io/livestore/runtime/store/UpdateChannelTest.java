package io.livestore.runtime.store;

import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The handshakes of {@link UpdateChannel} between the store's writer ({@code publish}) and a
 * watcher ({@code poll}, {@code await}, {@code ended}):
 *
 * <ul>
 *   <li>Publication: {@code publish} stores the slot (lazySet), then the volatile {@code tail};
 *       {@code poll} loads {@code tail}, then the slot. A watcher that sees the new tail must see
 *       the slot it covers, never an empty or stale one (which it would report as a lag).
 *   <li>End: {@code ended} is set before the tail store that publishes the {@code Removed}; a
 *       watcher that polled the {@code Removed} must see {@code ended()}.
 *   <li>Sleep: {@code await} increments the volatile {@code sleepers}, then re-reads {@code tail};
 *       {@code publish} stores {@code tail}, then reads {@code sleepers} and signals only when it
 *       is positive. One of them sees the other (a Dekker pair), so a watcher that goes to sleep
 *       is always woken.
 * </ul>
 *
 * <p>Not covered here: the chained wake-up of several sleepers (each woken one signals the next)
 * needs three threads, and jcstress does not schedule more actors than the machine has CPUs (two
 * on CI). The chain runs under the sleep lock, so it is a question of logic, not of memory
 * ordering.
 *
 * <p>The updates are {@code Lagged} records used as opaque markers: the channel never looks
 * inside an update except to test for {@code Removed}.
 */
public final class UpdateChannelTest {

    private UpdateChannelTest() {
    }

    /** Result codes of one {@code poll}. */
    static final int NOTHING = 0;
    static final int FIRST = 1;
    static final int SECOND = 2;
    static final int LAGGED = 3;
    static final int OTHER = 4;

    /**
     * One publish against one poll from sequence 0 on a ring of 4 slots (no lapping possible).
     * r1: what the poll returned.
     */
    @JCStressTest
    @Description("UpdateChannel: a watcher that sees the published tail sees the update in its slot")
    @Outcome(id = "0", expect = ACCEPTABLE, desc = "polled before the publish: nothing new")
    @Outcome(id = "1", expect = ACCEPTABLE, desc = "polled after the publish: got the update")
    @Outcome(id = "3", expect = FORBIDDEN,
            desc = "saw the new tail but not the slot, and reported a lag it never had: the slot store was not published by the tail store")
    @Outcome(expect = FORBIDDEN, desc = "some other update: impossible")
    @State
    public static class PublishThenPoll {
        private final UpdateChannel<Object, Object> channel = new UpdateChannel<>(4);
        private final Update<Object, Object> first = new Update.Lagged<>(101);
        private final long[] cursor = {0};

        @Actor
        public void writer() {
            channel.publish(first);
        }

        @Actor
        public void watcher(I_Result r) {
            r.r1 = classify(channel.poll(cursor), first, null);
        }
    }

    /**
     * Two publishes on a ring of one slot against one poll from sequence 0: the second update
     * overwrites the first's slot, so a watcher may be lapped. r1: what the poll returned; r2:
     * the watcher's cursor afterwards.
     */
    @JCStressTest
    @Description("UpdateChannel: on a ring of one slot a watcher gets the first update, or is told it lost exactly one")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "polled before any publish: nothing, cursor unmoved")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "got the first update before it was overwritten")
    @Outcome(id = "3, 1", expect = ACCEPTABLE,
            desc = "the second update had overwritten the first: lagged by one, cursor now at the second")
    @Outcome(id = "2, .*", expect = FORBIDDEN, desc = "got the second update at sequence 0: a slot's sequence was ignored")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a wrong lag count or cursor, or an update out of nowhere")
    @State
    public static class LappedWatcher {
        private final UpdateChannel<Object, Object> channel = new UpdateChannel<>(1);
        private final Update<Object, Object> first = new Update.Lagged<>(101);
        private final Update<Object, Object> second = new Update.Lagged<>(102);
        private final long[] cursor = {0};

        @Actor
        public void writer() {
            channel.publish(first);
            channel.publish(second);
        }

        @Actor
        public void watcher(II_Result r) {
            Update<Object, Object> update = channel.poll(cursor);
            int code = classify(update, first, second);
            if (code == LAGGED && ((Update.Lagged<?, ?>) update).missed() != 1) {
                code = OTHER;
            }
            r.r1 = code;
            r.r2 = (int) cursor[0];
        }
    }

    /**
     * The last update ({@code Removed}) against a watcher that polls it and then asks whether the
     * channel ended. r1: what the poll returned (1 = the Removed); r2: 1 if {@code ended()} was
     * true right after.
     */
    @JCStressTest
    @Description("UpdateChannel: a watcher that received the Removed sees the channel ended")
    @Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE,
            desc = "polled before the publish (ended may already be set: it is stored before the tail)")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "got the Removed and saw the end")
    @Outcome(id = "1, 0", expect = FORBIDDEN,
            desc = "got the Removed but ended() was false: the watcher would wait for updates that never come")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class RemovedThenEnded {
        private final UpdateChannel<Object, Object> channel = new UpdateChannel<>(4);
        private final Update<Object, Object> removed = new Update.Removed<>(null, null, RemovalCause.REMOVED);
        private final long[] cursor = {0};

        @Actor
        public void writer() {
            channel.publish(removed);
        }

        @Actor
        public void watcher(II_Result r) {
            r.r1 = classify(channel.poll(cursor), removed, null);
            r.r2 = channel.ended() ? 1 : 0;
        }
    }

    /**
     * A watcher waits for sequence 0 while the writer publishes it. jcstress starts the watcher,
     * then calls the signal (the publish) and reports STALE if the watcher does not return soon
     * after. If the sleepers/tail handshake failed, the watcher would go to sleep after the
     * writer had decided that nobody sleeps, and nobody would wake it.
     */
    @JCStressTest(Mode.Termination)
    @Description("UpdateChannel: a watcher that goes to sleep is woken by the next publish")
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the watcher saw the update, or slept and was woken")
    @Outcome(id = "STALE", expect = FORBIDDEN,
            desc = "the watcher slept through the publish: the writer missed it in sleepers and never signalled")
    @State
    public static class AwaitWokenByPublish {
        /** Long enough that only a lost wake-up can keep the watcher waiting; finite so that a stuck fork ends. */
        private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

        private final UpdateChannel<Object, Object> channel = new UpdateChannel<>(4);

        @Actor
        public void watcher() throws InterruptedException {
            channel.await(0, TIMEOUT_NANOS, () -> false);
        }

        @Signal
        public void writer() {
            channel.publish(new Update.Lagged<>(101));
        }
    }

    static int classify(Update<Object, Object> update, Update<Object, Object> first, Update<Object, Object> second) {
        if (update == null) {
            return NOTHING;
        }
        if (update == first) {
            return FIRST;
        }
        if (update == second) {
            return SECOND;
        }
        return update instanceof Update.Lagged ? LAGGED : OTHER;
    }
}
