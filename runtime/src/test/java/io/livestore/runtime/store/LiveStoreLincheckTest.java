package io.livestore.runtime.store;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import kotlin.Unit;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.CustomScenarioDSLKt;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.livestore.runtime.store.StressValue.Bump;
import io.livestore.runtime.store.StressValue.Rejected;

/**
 * Lincheck checks that the store's writes and its convenience reads ({@code get},
 * {@code contains}, {@code size}) are linearizable against a sequential {@link HashMap}
 * ({@link Spec}), in both modes: model checking (systematic interleavings, sequentially
 * consistent memory) and stress (real threads, the real memory model).
 *
 * <p>Two keys, each created with count 0 (version 1) in the constructor, so that the short
 * scenarios mostly work on entries that exist. Operations: {@code insert} (overwrite or create),
 * {@code create} (insert if absent), {@code clear},
 * {@code mutate} (a counting {@link Bump}; the new count, or -1 on {@link KeyNotFoundException}),
 * {@code mutateRejected} (a bump that throws its checked rejection: -2, and nothing may change),
 * {@code remove}, {@code get}, {@code contains}, {@code size}, and {@code guardedReadThenSet}
 * ({@code acquire}, {@code guard.value()}, {@code guard.set(count + 1)}: a lost update if any
 * other write got between the read and the set; -1 if the key is absent, including when a
 * {@code clear()}, which takes no entry lock, removed it while the guard was held). Results
 * carry the version where the API returns an entry, so a version that skips or repeats is a
 * failure too.
 *
 * <p>Why not two {@code guard.mutate} calls in one operation: a guard excludes other writers,
 * not readers, and {@code get} may linearize between the two writes. The model checker found
 * exactly that ({@code get} returned the count after the first of the two), which is the
 * documented behaviour; contiguity of a guard's writes is checked in {@code LiveStoreStressTest}.
 *
 * <p>Readers are not linearizable by design (a snapshot may be stale), so {@code read} only
 * checks what holds under every schedule: each value it sees is whole and consistent
 * ({@link StressValue#isConsistent()}) and the snapshot's size agrees with its entries. What a
 * reader adds to the linearizable operations is that it <em>holds</em> its copy across the other
 * threads' operations ({@code quiescent} lets go): every write after the first is then kept back
 * from publication, and {@code get}, {@code mutate}, {@code remove}... must find the latest state
 * in the writer's pending index, not in the published copy.
 *
 * <p>Setup that Lincheck needs: the store's background work goes to {@link NeverScheduler} (no
 * thread of the store's own, so the model checker sees only the test's threads); its clock is
 * fixed (deterministic replays); each invocation builds a fresh store, and the next constructor
 * closes the previous one outside the analysed execution (Lincheck has no per-invocation
 * teardown). Readers that Lincheck's threads still hold when the invocation ends keep their copy
 * until their handle is collected, as a dropped reader does.
 *
 * <p>Chronicle Bytes, the table package, the pending index, the entry locks and the layout are
 * declared atomic to the model checker ({@link #writerConfined}): their memory is mostly native
 * (invisible to Lincheck anyway) and they run under the writer lock or on a held copy, so
 * switches inside them only add interleavings that cannot differ, at some 30-50 ms an
 * invocation. Even so an invocation is expensive, hence the modest counts;
 * {@code -Dlivestore.stress.scale=N} multiplies the invocations for a soak run.
 *
 * <p>Checked against deliberately broken copies of the store (not committed): a writer that
 * ignores its pending index, plain writes that ignore entry locks, and a HotRead that ignores
 * readers are each caught by the model checker in under 25 s, through the custom scenarios.
 */
public class LiveStoreLincheckTest {

    /** Most parallel threads of either mode; handles are indexed by Lincheck thread id (0 and t+1 are init and post). */
    private static final int MAX_THREADS = 3;

    private static final UUID[] KEYS = {new UUID(0x0123_4567_89ab_cdefL, 1), new UUID(0x0fed_cba9_8765_4321L, 2)};

    private static final String ABSENT = "absent";

    /** Multiplies the invocations per iteration: {@code -Dlivestore.stress.scale=10} for a soak run. */
    static final int SCALE = Integer.getInteger("livestore.stress.scale", Integer.getInteger("livestore.stress.factor", 1));

    /** The store of the previous invocation: closed by the next constructor, outside the analysed run. */
    private static final AtomicReference<LiveStore<StressValue, Object>> PREVIOUS = new AtomicReference<>();

    private final LiveStore<StressValue, Object> store;

    @SuppressWarnings("unchecked")
    private final StoreReader<StressValue>[] readers = (StoreReader<StressValue>[]) new StoreReader<?>[MAX_THREADS + 2];
    private final StressView[] views = new StressView[MAX_THREADS + 2];

    public LiveStoreLincheckTest() {
        store = LiveStore.builder(StressValueLayout.INSTANCE)
                .name("lincheck")
                .expectedEntries(4)
                .maxMemory(16L << 20)
                .clock(InstantSource.fixed(Instant.ofEpochMilli(1_000_000)))
                .publishInterval(Duration.ofDays(1))
                .scheduler(NeverScheduler.INSTANCE)
                .build();
        for (UUID key : KEYS) {
            store.insert(key, StressValue.ZERO);
        }
        final LiveStore<StressValue, Object> previous = PREVIOUS.getAndSet(store);
        if (previous != null) {
            previous.close();
        }
    }

    @AfterAll
    static void closeLastStore() {
        final LiveStore<StressValue, Object> last = PREVIOUS.getAndSet(null);
        if (last != null) {
            last.close();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Operations
    // ------------------------------------------------------------------------------------------

    @Operation
    public String insert(@Param(gen = IntGen.class, conf = "0:1") int key,
            @Param(gen = IntGen.class, conf = "0:2") int count) {
        return describe(store.insert(KEYS[key], StressValue.ofCount(count)));
    }

    @Operation
    public String create(@Param(gen = IntGen.class, conf = "0:1") int key) {
        return describe(store.create(KEYS[key], StressValue.ZERO));
    }

    @Operation
    public void clear() {
        store.clear();
    }

    @Operation
    public long mutate(@Param(gen = IntGen.class, conf = "0:1") int key) throws Rejected {
        try {
            return store.mutate(KEYS[key], new Bump(0)).count();
        } catch (KeyNotFoundException e) {
            return -1;
        }
    }

    @Operation
    public long mutateRejected(@Param(gen = IntGen.class, conf = "0:1") int key) {
        try {
            store.mutate(KEYS[key], new Bump(0, 0, Bump.REJECT));
            return -3; // the rejection got lost
        } catch (Rejected e) {
            return -2;
        } catch (KeyNotFoundException e) {
            return -1;
        }
    }

    @Operation
    public String remove(@Param(gen = IntGen.class, conf = "0:1") int key) {
        return describe(store.remove(KEYS[key]));
    }

    @Operation
    public String get(@Param(gen = IntGen.class, conf = "0:1") int key) {
        return describe(store.get(KEYS[key]));
    }

    @Operation
    public boolean contains(@Param(gen = IntGen.class, conf = "0:1") int key) {
        return store.contains(KEYS[key]);
    }

    @Operation
    public int size() {
        return store.size();
    }

    /**
     * Reads the value through a guard, then overwrites it with the count plus one: a
     * read-modify-write that only the guard's exclusivity makes atomic (a write of another
     * thread between the read and the set would be lost, and the history would not linearize).
     * One write, so one linearization point: it counts as a {@code mutate}.
     */
    @Operation
    public long guardedReadThenSet(@Param(gen = IntGen.class, conf = "0:1") int key) {
        final EntryGuard<StressValue, Object> guard;
        try {
            guard = store.acquire(KEYS[key]);
        } catch (KeyNotFoundException e) {
            return -1;
        }
        try (guard) {
            final long next = guard.value().count() + 1;
            guard.set(StressValue.ofCount(next));
            return next;
        } catch (KeyNotFoundException clearedWhileHeld) {
            // clear() takes no entry lock: it removes held entries too (documented). The read or
            // the set then finds no entry and nothing was written: absent, as for mutate.
            return -1;
        }
    }

    /** Takes this thread's reader's current snapshot and checks it; the reader keeps holding it. */
    @Operation
    public boolean read(@Param(gen = ThreadIdGen.class) int thread) {
        StoreReader<StressValue> reader = readers[thread];
        if (reader == null) {
            reader = store.reader();
            readers[thread] = reader;
            views[thread] = new StressView();
        }
        final StressView view = views[thread];
        final Snapshot<StressValue> snapshot = reader.current();
        boolean whole = true;
        int present = 0;
        for (UUID key : KEYS) {
            if (snapshot.find(key, view)) {
                present++;
                whole &= view.version() >= 1 && view.writer() == 0 && StressValue.isConsistent(view.count(), view.sum())
                        && snapshot.version(key) == view.version();
            } else {
                whole &= !snapshot.contains(key) && snapshot.version(key) == -1;
            }
        }
        return whole && snapshot.size() == present;
    }

    @Operation
    public void quiescent(@Param(gen = ThreadIdGen.class) int thread) {
        if (readers[thread] != null) {
            readers[thread].quiescent();
        }
    }

    private static String describe(Optional<Entry<StressValue>> entry) {
        return entry.map(e -> describe(e.value().count(), e.version())).orElse(ABSENT);
    }

    static String describe(long count, long version) {
        return "count " + count + " @v" + version;
    }

    // ------------------------------------------------------------------------------------------
    // Runs
    // ------------------------------------------------------------------------------------------

    @Test
    void modelChecking_linearizableAgainstHashMap() {
        new ModelCheckingOptions()
                .iterations(30)
                .invocationsPerIteration(40 * SCALE)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(Spec.class)
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(LiveStoreLincheckTest::writerConfined)
                        .allMethods().treatAsAtomic())
                // The races that matter most, explored on every run rather than left to the random
                // generator. A reader holds its copy while the other thread writes twice (the second
                // write stays pending) and reads back; a guard's read-then-set against a plain bump
                // and a remove; a remove and re-insert kept back from publication; a clear kept back
                // from publication, then a create.
                .addCustomScenario(parallel(
                        List.of(actor("read", 1), actor("get", 0), actor("read", 1)),
                        List.of(actor("mutate", 0), actor("mutate", 0), actor("get", 0))))
                .addCustomScenario(parallel(
                        List.of(actor("guardedReadThenSet", 0)),
                        List.of(actor("mutate", 0), actor("remove", 0))))
                .addCustomScenario(parallel(
                        List.of(actor("read", 1), actor("mutateRejected", 1), actor("quiescent", 1)),
                        List.of(actor("mutate", 1), actor("remove", 1), actor("insert", 1, 2))))
                .addCustomScenario(parallel(
                        List.of(actor("read", 1), actor("size"), actor("get", 1)),
                        List.of(actor("mutate", 0), actor("clear"), actor("create", 1))))
                .check(getClass());
    }

    @Test
    void stress_linearizableAgainstHashMap() {
        new StressOptions()
                .iterations(25)
                .invocationsPerIteration(2_000 * SCALE)
                .threads(MAX_THREADS)
                .actorsPerThread(3)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(Spec.class)
                .check(getClass());
    }

    /**
     * Classes whose every method runs either under the store's writer lock or on a copy the
     * calling reader holds, and whose memory is mostly native (invisible to Lincheck): Chronicle
     * Bytes, the table package, the writer's pending index and entry locks, the value's layout.
     * The model checker treats their methods as atomic (switch points before and after each
     * call, none inside), which keeps an invocation affordable without hiding the races that
     * matter: those between the writer lock, HotRead's publication and the readers' handles.
     */
    static boolean writerConfined(String className) {
        return className.startsWith("net.openhft.")
                || className.startsWith("io.livestore.runtime.table.")
                || className.equals(PendingIndex.class.getName())
                || className.startsWith(KeyLocks.class.getName())
                || className.equals(StressValueLayout.class.getName());
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
        for (Method method : LiveStoreLincheckTest.class.getMethods()) {
            if (method.getName().equals(operation) && method.getParameterCount() == arguments.length) {
                return new Actor(method, List.of(arguments), false, false, false, false, false);
            }
        }
        throw new IllegalArgumentException("no operation " + operation + " with " + arguments.length + " arguments");
    }

    /**
     * The sequential specification: a {@link HashMap} from key index to {count, version}, with
     * the store's version rules (1 when created, +1 per accepted write, a rejected mutation
     * changes nothing).
     */
    public static final class Spec {
        private final Map<Integer, long[]> entries = new HashMap<>();

        public Spec() {
            for (int key = 0; key < KEYS.length; key++) {
                entries.put(key, new long[] {0, 1});
            }
        }

        public String insert(int key, int count) {
            final long[] previous = entries.get(key);
            entries.put(key, new long[] {count, previous == null ? 1 : previous[1] + 1});
            return describe(previous);
        }

        public String create(int key) {
            final long[] existing = entries.get(key);
            if (existing == null) {
                entries.put(key, new long[] {0, 1});
            }
            return describe(existing);
        }

        public void clear() {
            entries.clear();
        }

        public long mutate(int key) {
            final long[] entry = entries.get(key);
            if (entry == null) {
                return -1;
            }
            entry[0]++;
            entry[1]++;
            return entry[0];
        }

        public long mutateRejected(int key) {
            return entries.containsKey(key) ? -2 : -1;
        }

        public String remove(int key) {
            return describe(entries.remove(key));
        }

        public String get(int key) {
            return describe(entries.get(key));
        }

        public boolean contains(int key) {
            return entries.containsKey(key);
        }

        public int size() {
            return entries.size();
        }

        public long guardedReadThenSet(int key) {
            return mutate(key);
        }

        public boolean read(int thread) {
            return true;
        }

        public void quiescent(int thread) {
        }

        private static String describe(long[] entry) {
            return entry == null ? ABSENT : LiveStoreLincheckTest.describe(entry[0], entry[1]);
        }
    }
}
