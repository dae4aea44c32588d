package io.livestore.samples.foo;

import io.livestore.runtime.store.EntryGuard;
import io.livestore.runtime.store.Subscription;
import io.livestore.runtime.store.Update;
import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * The livestore seed's example in Java, on the generated {@link FooStore}: two entries, a watcher
 * on each, mutations (one rejected), a broadcast, an entry locked and changed through its guard,
 * an entry that expires, and a removal.
 *
 * <p>Watchers run on their own threads, so their lines interleave with the main thread's; each
 * source's lines come in a fixed order.
 *
 * <p>Run with {@code mvn -Pdemo -pl samples -am verify -Ddemo.main=io.livestore.samples.foo.FooDemo}.
 */
public final class FooDemo {

    private final PrintStream out;
    private final AdjustableClock clock;

    /**
     * @param out where to print
     * @param clock the store's clock, which the demo moves forward to let an entry expire
     */
    public FooDemo(PrintStream out, AdjustableClock clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * @param args ignored
     * @throws Exception if the demo fails
     */
    public static void main(String[] args) throws Exception {
        new FooDemo(System.out, new AdjustableClock(InstantSource.system())).run();
    }

    /**
     * Runs the example and returns once every watcher has printed its last update.
     *
     * @throws Exception if a step fails
     */
    public void run() throws Exception {
        try (FooStore store = FooStore.builder()
                .clock(clock)
                .expireAfterWrite(Duration.ofMinutes(10))
                .expireCheckEvery(Duration.ofMinutes(15))
                .onExpire(expired -> expired.forEach(e -> out.println("Expired: baz was " + e.value().baz())))
                .build()) {
            UUID first = store.init(new Foo(1, 100));
            UUID second = store.init(new Foo(2, 200));
            out.println("init first:  " + store.get(first).orElseThrow().value());
            out.println("init second: " + store.get(second).orElseThrow().value());
            UUID third = store.init(new Foo(3, 300));
            out.println("init third:  " + store.get(third).orElseThrow().value() + ", then left alone");
            List<Thread> watchers = List.of(watcher("first", store.watch(first)), watcher("second", store.watch(second)));

            clock.advance(Duration.ofMinutes(6));
            out.println("6 minutes later:");
            out.println("mutate first, SetBar(5): " + store.mutate(first, new FooMutation.SetBar(5)));
            out.println("mutate first, SetBaz(150): " + store.setBaz(first, 150));
            try {
                store.mutate(first, new FooMutation.SetBar(42));
                throw new IllegalStateException("SetBar(42) was accepted");
            } catch (FooError.BarWas42 rejected) {
                out.println("mutate first, SetBar(42): rejected, " + rejected.getMessage() + "; first is still "
                        + store.get(first).orElseThrow().value());
            }
            out.println("broadcast first, PrintBar: " + store.broadcast(first, new FooMessage.PrintBar()) + " watcher");

            try (EntryGuard<Foo, FooMessage> guard = store.acquire(second)) {
                out.println("acquired second");
                out.println("  guard mutate, SetBar(7): " + guard.mutate(new FooMutation.SetBar(7)));
                out.println("  guard broadcast, PrintBar: " + guard.broadcast(new FooMessage.PrintBar()) + " watcher");
                out.println("  guard delete: " + guard.delete().orElseThrow().value());
            }

            clock.advance(Duration.ofMinutes(5));
            out.println("5 minutes later, third has not been written for 11 minutes; the expiry check runs (the store "
                    + "runs it every 15 minutes, the demo now):");
            store.evictExpired();
            out.println("third is " + (store.contains(third) ? "still there" : "gone") + ", first is "
                    + (store.contains(first) ? "still there" : "gone"));

            out.println("remove first: " + store.remove(first).orElseThrow().value());
            for (Thread watcher : watchers) {
                watcher.join();
            }
            out.println("entries left: " + store.size());
        }
    }

    /** A thread that prints each update of one key until its entry is removed. */
    private Thread watcher(String name, Subscription<Foo, FooMessage> updates) {
        Thread thread = new Thread(() -> {
            try (updates) {
                while (true) {
                    Update<Foo, FooMessage> update = updates.next();
                    out.println("  [watcher " + name + "] " + describe(update));
                    if (update instanceof Update.Removed) {
                        return;
                    }
                }
            } catch (InterruptedException | NoSuchElementException e) {
                out.println("  [watcher " + name + "] stopped: " + e);
            }
        }, "watcher-" + name);
        thread.start();
        return thread;
    }

    /** The seed's watcher: "Set bar to ..." for a change, "Bar: ..." for a PrintBar. */
    private static String describe(Update<Foo, FooMessage> update) {
        if (update instanceof Update.Mutated<Foo, FooMessage> m) {
            return m.mutation() instanceof FooMutation.SetBar set ? "Set bar to " + set.bar()
                    : m.mutation() instanceof FooMutation.SetBaz set ? "Set baz to " + set.baz()
                    : "Mutated: " + m.current().value();
        }
        if (update instanceof Update.Message<Foo, FooMessage> m) {
            return m.message() instanceof FooMessage.PrintBar ? "Bar: " + m.current().value().bar()
                    : "Message: " + m.message();
        }
        if (update instanceof Update.Removed<Foo, FooMessage> r) {
            return "Removed (" + r.cause() + "), last " + r.last().value();
        }
        return update.toString();
    }
}
