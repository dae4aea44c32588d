/**
 * The LiveStore annotation processor. {@link io.livestore.processor.LiveStoreProcessor} is the
 * entry point javac loads (it names no library type, so a missing dependency becomes a clear
 * error); {@code Rounds} wires the phases, one package each, and handles deferral across rounds:
 *
 * <ol>
 *   <li>{@code validate}: one small rule per check on each {@code @LiveValue}, {@code @Mutation}
 *       and message record, and on a value's message type; every violation is reported and
 *       processing goes on;
 *   <li>{@code analyse}: elements in, facts out (how a type is stored, a mutation's value, the
 *       permits of a sealed parent, accessibility);
 *   <li>{@code model}: immutable records ({@code ValueModel}, {@code FieldModel}, {@code
 *       EncodedRecord}, {@code MutationSetModel}, {@code MessageSetModel}, {@code StoreModel})
 *       and the layout planner;
 *   <li>{@code write}: JavaPoet, one writer per generated type ({@code XLayout}, {@code
 *       XMutations}, {@code XMessages}, {@code XView}, {@code XStore}), the two sets sharing
 *       their steps.
 * </ol>
 *
 * <p>All diagnostics go through {@code diagnostic.Diagnostics} and are listed in {@code
 * diagnostic.Message}.
 */
package io.livestore.processor;
