package io.livestore.runtime.hotread;

/**
 * {@link HotReadLincheckTest}'s operations, checks and both modes on a HotRead whose catch-up
 * limit is one action: every write and {@code maintain} applies at most one action, or one whole
 * three-action batch, so that publication of prefixes, the rounding to whole batches and the
 * alternation of the copies mid-catch-up are in every schedule Lincheck explores.
 */
public class HotReadCatchUpLimitLincheckTest extends HotReadLincheckTest {

    @Override
    int catchUpLimit() {
        return 1;
    }

    // Fewer scenarios than the unlimited variant: the custom scenarios run either way, and the
    // two together stay within the build's time budget on two cores.
    @Override
    int modelCheckingIterations() {
        return 20;
    }

    @Override
    int stressIterations() {
        return 15;
    }
}
