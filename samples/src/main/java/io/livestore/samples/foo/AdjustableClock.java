package io.livestore.samples.foo;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that follows another and can be moved forward, so that a demo can show ten minutes
 * passing without waiting for them. The store reads every time it records from its clock, so
 * moving this clock is all it takes for entries to become due.
 */
public final class AdjustableClock implements InstantSource {

    private final InstantSource base;
    /** Milliseconds added to {@link #base}; atomic because the store's threads read the clock. */
    private final AtomicLong offsetMillis = new AtomicLong();

    /** @param base the clock to follow: the system clock in the demo, a fixed one in tests */
    public AdjustableClock(InstantSource base) {
        this.base = base;
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far, not negative
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward, not by " + duration);
        }
        offsetMillis.addAndGet(duration.toMillis());
    }

    @Override
    public Instant instant() {
        return base.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public String toString() {
        return "AdjustableClock[" + base + " + " + offsetMillis.get() + " ms]";
    }
}
