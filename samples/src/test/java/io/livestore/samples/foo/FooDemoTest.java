package io.livestore.samples.foo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The seed's example, run with a clock that only the demo moves: every line it prints is
 * checked. Watchers print from their own threads, so the main thread's lines and each watcher's
 * lines are checked in order, and nothing else may be printed.
 */
class FooDemoTest {

    private static final Instant START = Instant.parse("2026-11-23T12:00:00Z");

    private static List<String> run() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new FooDemo(out, new AdjustableClock(Clock.fixed(START, ZoneOffset.UTC))).run();
        out.flush();
        return List.of(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    private static List<String> linesStartingWith(List<String> all, String prefix) {
        List<String> lines = new ArrayList<>();
        for (String line : all) {
            if (line.startsWith(prefix)) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void run_printsEveryStepOfTheSeedsExample() throws Exception {
        List<String> all = run();
        List<String> main = new ArrayList<>(all);
        main.removeIf(line -> line.startsWith("  [watcher "));
        assertEquals(List.of(
                "init first:  Foo[bar=1, baz=100]",
                "init second: Foo[bar=2, baz=200]",
                "init third:  Foo[bar=3, baz=300], then left alone",
                "6 minutes later:",
                "mutate first, SetBar(5): Foo[bar=5, baz=100]",
                "mutate first, SetBaz(150): Foo[bar=5, baz=150]",
                "mutate first, SetBar(42): rejected, bar was 42; first is still Foo[bar=5, baz=150]",
                "broadcast first, PrintBar: 1 watcher",
                "acquired second",
                "  guard mutate, SetBar(7): Foo[bar=7, baz=200]",
                "  guard broadcast, PrintBar: 1 watcher",
                "  guard delete: Foo[bar=7, baz=200]",
                "5 minutes later, third has not been written for 11 minutes; the expiry check runs (the store runs it "
                        + "every 15 minutes, the demo now):",
                "Expired: baz was 300",
                "third is gone, first is still there",
                "remove first: Foo[bar=5, baz=150]",
                "entries left: 0"), main);
        List<String> first = linesStartingWith(all, "  [watcher first] ");
        assertEquals(List.of(
                "  [watcher first] Set bar to 5",
                "  [watcher first] Set baz to 150",
                "  [watcher first] Bar: 5",
                "  [watcher first] Removed (REMOVED), last Foo[bar=5, baz=150]"), first);
        List<String> second = linesStartingWith(all, "  [watcher second] ");
        assertEquals(List.of(
                "  [watcher second] Set bar to 7",
                "  [watcher second] Bar: 7",
                "  [watcher second] Removed (REMOVED), last Foo[bar=7, baz=200]"), second);
        assertEquals(main.size() + first.size() + second.size(), all.size(), "no other line: " + all);
    }

    @Test
    void setBar42_isRejectedWithBarWas42_andChangesNothing() throws Exception {
        AdjustableClock clock = new AdjustableClock(Clock.fixed(START, ZoneOffset.UTC));
        try (FooStore store = FooStore.builder().clock(clock).build()) {
            UUID key = store.init(new Foo(1, 2));
            FooError error = assertThrows(FooError.class, () -> store.setBar(key, 42));
            assertEquals(FooError.BarWas42.class, error.getClass());
            assertEquals(new Foo(1, 2), store.get(key).orElseThrow().value());
            assertEquals(1, store.get(key).orElseThrow().version(), "a new entry is at version 1");
        }
    }

    @Test
    void expiry_removesOnlyEntriesNotWrittenForTenMinutes_andReportsThem() throws Exception {
        AdjustableClock clock = new AdjustableClock(Clock.fixed(START, ZoneOffset.UTC));
        List<Long> expiredBaz = new ArrayList<>();
        try (FooStore store = FooStore.builder().clock(clock)
                .expireAfterWrite(Duration.ofMinutes(10))
                .expireCheckEvery(Duration.ofMinutes(15))
                .onExpire(expired -> expired.forEach(e -> expiredBaz.add(e.value().baz())))
                .build()) {
            UUID old = store.init(new Foo(1, 10));
            UUID written = store.init(new Foo(2, 20));
            clock.advance(Duration.ofMinutes(9));
            store.setBaz(written, 21);                     // a write restarts its ten minutes
            clock.advance(Duration.ofMinutes(1).minusMillis(1));
            assertEquals(List.of(), store.evictExpired());  // a millisecond short of ten minutes
            clock.advance(Duration.ofMillis(1));            // ten minutes: due
            assertEquals(List.of(old), store.evictExpired().stream().map(e -> e.key()).toList());
            assertEquals(List.of(10L), expiredBaz);
            assertEquals(List.of(written), store.entries().stream().map(e -> e.key()).toList());
        }
    }
}
