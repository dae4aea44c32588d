package io.livestore.benchmarks.gc;

import io.livestore.annotations.LiveValue;

/**
 * The value of the GC benchmark: an account's balance and how many times it changed (16 bytes in
 * its layout, like the store benchmarks' {@code Score}). The processor generates
 * {@code BalanceStore}, {@code BalanceView} and {@code BalanceLayout}.
 *
 * @param cents the balance
 * @param changes how many deposits made it
 */
@LiveValue
public record Balance(long cents, long changes) {
}
