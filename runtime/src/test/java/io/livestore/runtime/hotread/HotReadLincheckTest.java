package io.livestore.runtime.hotread;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import kotlin.Unit;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CustomScenarioDSLKt;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Lincheck explores interleavings of writers ({@code add}, {@code addBatch}, {@code maintain}) and
 * readers ({@code read}, {@code quiescent}, each on its own thread's handle), in both modes: model
 * checking (systematic interleavings, sequentially consistent memory) and stress (real threads,
 * the real memory model, which is what catches a missing {@code volatile}).
 *
 * <p>Why the operations return only "consistent or not": HotRead is deliberately not linearizable
 * against an exact model of when a generation gets published. A reader that loaded a stale
 * generation and has not yet re-read it briefly looks, to the writer, like a reader holding the
 * old copy; the writer then leaves its actions queued one round longer. That is safe (the writer
 * never waits, and the actions are published by the next call), but it makes exact publication
 * timing a matter of scheduling. So each read checks what must hold under every schedule
 * (the copy is whole, no batch is half-applied, the generation never went backwards), and
 * {@link #everyActionReachedBothCopies} checks at the end that each queued action reached each
 * copy exactly once.
 */
public class HotReadLincheckTest {

    private static final int THREADS = 3;

    private final HotRead<Totals, Change> hot;

    /** One handle per Lincheck thread id: 0 is the init part, 1..THREADS the parallel threads, THREADS+1 the post part. */
    @SuppressWarnings("unchecked")
    private final HotReadHandle<Totals>[] handles = (HotReadHandle<Totals>[]) new HotReadHandle<?>[THREADS + 2];

    private final long[] lastCountSeen = new long[THREADS + 2];

    private final AtomicLong queuedSum = new AtomicLong();
    private final AtomicLong queuedActions = new AtomicLong();

    public HotReadLincheckTest() {
        hot = HotRead.create(new Totals(), catchUpLimit());
        for (int i = 0; i < handles.length; i++) {
            handles[i] = hot.createHandle();
        }
    }

    @Operation
    public void add(@Param(gen = IntGen.class, conf = "1:3") int delta) {
        queuedSum.addAndGet(delta);
        queuedActions.incrementAndGet();
        hot.queueUpdate(new Change(Change.ADD, delta));
    }

    @Operation
    public void addBatch(@Param(gen = IntGen.class, conf = "1:3") int delta) {
        queuedSum.addAndGet(delta);
        queuedActions.addAndGet(3);
        hot.queueUpdates(List.of(new Change(Change.OPEN, 0), new Change(Change.ADD, delta), new Change(Change.CLOSE, 0)));
    }

    @Operation
    public void maintain() {
        hot.maintain();
    }

    @Operation
    public boolean read(@Param(gen = ThreadIdGen.class) int thread) {
        Totals copy = handles[thread].current();
        long a = copy.a;
        long b = copy.b;
        long count = copy.count;
        boolean whole = a == b && copy.openBatches == 0;
        boolean forward = count >= lastCountSeen[thread];
        lastCountSeen[thread] = count;
        return whole && forward;
    }

    @Operation
    public void quiescent(@Param(gen = ThreadIdGen.class) int thread) {
        handles[thread].quiescent();
    }

    /** After each scenario: with every handle quiescent, both copies hold every queued action once. */
    @Validate
    public void everyActionReachedBothCopies() {
        for (HotReadHandle<Totals> handle : handles) {
            // Lincheck ran every operation before this one (a happens-before edge), so the
            // threads that acquired copies have finished reading them.
            handle.quiescentAfterItsReaderFinished();
        }
        // Publishes what is still queued and brings the other copy up to date: two calls, or a
        // few more with a catch-up limit.
        while (!hot.maintain().caughtUp()) {
            // every call makes progress: no handle holds a copy
        }
        for (int i = 0; i < 2; i++) {
            Totals copy = hot.copyOf(i);
            if (copy.a != queuedSum.get() || copy.b != queuedSum.get() || copy.count != queuedActions.get()
                    || copy.openBatches != 0) {
                throw new IllegalStateException("copy " + i + " has a=" + copy.a + " b=" + copy.b + " count="
                        + copy.count + " open=" + copy.openBatches + ", expected sum " + queuedSum.get() + " over "
                        + queuedActions.get() + " actions");
            }
        }
    }

    /**
     * The HotRead's catch-up limit: none here; {@link HotReadCatchUpLimitLincheckTest} runs the
     * same operations with one. (Called by the constructor: an override must return a constant.)
     */
    int catchUpLimit() {
        return Integer.MAX_VALUE;
    }

    /** Scenarios model checking explores (a subclass that repeats these checks on a variant runs fewer). */
    int modelCheckingIterations() {
        return 50;
    }

    /** Scenarios the stress mode runs. */
    int stressIterations() {
        return 40;
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .iterations(modelCheckingIterations())
                .invocationsPerIteration(1_000)
                .threads(2)
                .actorsPerThread(2)
                .sequentialSpecification(Spec.class)
                // The races that matter most, explored on every run rather than left to the
                // random scenario generator: a reader acquiring while the writer publishes
                // twice (so the copy it loaded is reused), and a reader moving on mid-batch.
                .addCustomScenario(parallel(
                        List.of(actor("read", 1)),
                        List.of(actor("addBatch", 2), actor("addBatch", 3))))
                .addCustomScenario(parallel(
                        List.of(actor("read", 1), actor("quiescent", 1), actor("read", 1)),
                        List.of(actor("add", 1), actor("add", 2), actor("maintain")),
                        List.of(actor("read", 3), actor("read", 3))))
                .check(getClass());
    }

    @Test
    void stress() {
        new StressOptions()
                .iterations(stressIterations())
                .invocationsPerIteration(1_000)
                .threads(THREADS)
                .actorsPerThread(3)
                .sequentialSpecification(Spec.class)
                .check(getClass());
    }

    /** A scenario with only a parallel part: one list of actors per thread (thread ids start at 1). */
    @SafeVarargs
    private static ExecutionScenario parallel(List<Actor>... threads) {
        return CustomScenarioDSLKt.scenario(builder -> {
            builder.parallel(part -> {
                for (List<Actor> actors : threads) {
                    part.thread(thread -> {
                        thread.addAll(actors);
                        return Unit.INSTANCE;
                    });
                }
                return Unit.INSTANCE;
            });
            return Unit.INSTANCE;
        });
    }

    /** An actor that calls the operation of that name with these arguments. */
    private static Actor actor(String operation, Object... arguments) {
        for (Method method : HotReadLincheckTest.class.getMethods()) {
            if (method.getName().equals(operation) && method.getParameterCount() == arguments.length) {
                return new Actor(method, List.of(arguments), false, false, false, false, false);
            }
        }
        throw new IllegalArgumentException("no operation " + operation + " with " + arguments.length + " arguments");
    }

    /** The sequential specification: every read sees a whole copy. */
    public static final class Spec {
        public void add(int delta) {
        }

        public void addBatch(int delta) {
        }

        public void maintain() {
        }

        public boolean read(int thread) {
            return true;
        }

        public void quiescent(int thread) {
        }
    }

    /** An action: add to both totals, or open/close a batch bracket. */
    record Change(int kind, int delta) {
        static final int ADD = 0;
        static final int OPEN = 1;
        static final int CLOSE = 2;
    }

    /** Two totals that every action moves together; a torn read sees them differ. */
    static final class Totals implements HotReadState<Change> {
        long a;
        long b;
        long count;
        long openBatches;

        @Override
        public void apply(Change change) {
            a += change.delta();
            if (change.kind() == Change.OPEN) {
                openBatches++;
            } else if (change.kind() == Change.CLOSE) {
                openBatches--;
            }
            count++;
            b += change.delta();
        }

        @Override
        public Totals copy() {
            Totals t = new Totals();
            t.a = a;
            t.b = b;
            t.count = count;
            t.openBatches = openBatches;
            return t;
        }
    }
}
