package io.surge.bench.load;

/** A run that cannot go on, with a message for the operator (no stack trace needed). */
public final class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoadException(String message) {
        super(message);
    }
}
