/**
 * The typed store API. For now the contracts of a value's mutations: {@link
 * io.livestore.runtime.store.Mutator} (what a user's {@code @Mutation} record implements) and
 * {@link io.livestore.runtime.store.MutationSet} (the closed set of a value's mutations, generated
 * as {@code XMutations}). Builds on {@code hotread}, {@code table} and {@code layout}; none of them
 * imports this package.
 */
package io.livestore.runtime.store;
