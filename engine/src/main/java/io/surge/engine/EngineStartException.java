package io.surge.engine;

/** The engine could not start; nothing is left running and the message says why. */
public final class EngineStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineStartException(String message) {
        super(message);
    }
}
