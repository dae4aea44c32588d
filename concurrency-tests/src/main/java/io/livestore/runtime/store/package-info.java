/**
 * jcstress tests of the store's package-private {@code UpdateChannel}. They live in the runtime's
 * package name (a split package on the class path, merged into one jar by the shade plugin) so
 * that they can reach the channel without widening its visibility in the runtime.
 */
package io.livestore.runtime.store;
