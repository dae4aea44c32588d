package io.livestore.benchmarks.fanout;

import io.livestore.annotations.LiveValue;

/**
 * The value of the fan-out benchmark: which mutation wrote it, and when the writer started that
 * mutation, so that a watcher can tell its delivery latency from the update alone. The processor
 * generates {@code TickStore}, {@code TickView} and {@code TickLayout}.
 *
 * @param sequence the number of the mutation that wrote this value
 * @param sentAtNanos {@code System.nanoTime()} just before the writer's {@code mutate} call
 */
@LiveValue
public record Tick(long sequence, long sentAtNanos) {
}
