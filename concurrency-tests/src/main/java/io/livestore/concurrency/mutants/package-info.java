/**
 * Deliberately broken copies of HotRead's reader/writer handshake. Each one's forbidden outcome
 * must be observed: {@link io.livestore.concurrency.JcstressGate} fails the build when a test in
 * this package passes, and when a test outside it fails. A mutant that passes means the jcstress
 * run is too short (or too weak a mode) to catch the bug it stands for, and so would let the same
 * bug in the real {@code HotRead} through.
 *
 * <p>Each mutant differs from the correct model
 * ({@link io.livestore.concurrency.HotReadHandshakeModelTest}) or from the real protocol in one
 * place, named in its javadoc. They are the three mutants issue 15 tried against the real code:
 * a release store for the slot, no re-read after the slot store, and a writer that never scans.
 */
package io.livestore.concurrency.mutants;
