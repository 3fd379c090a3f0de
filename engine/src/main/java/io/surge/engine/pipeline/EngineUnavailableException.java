package io.surge.engine.pipeline;

/** The engine takes no more commands: it has halted (the reason says why) or is shutting down. */
public final class EngineUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message) {
        super(message);
    }
}
