package io.livestore.samples.value;

/** Rejects a mutation of a {@link Player}; the value is left unchanged. */
public final class GameError extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message why the mutation was rejected */
    public GameError(String message) {
        super(message);
    }
}
