package io.surge.replay;

/** A problem the tools report in one line (exit code 2 for bad input, 1 for what verification finds). */
public final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public ReplayException(String message) {
        this(message, ReplayMain.EXIT_USAGE);
    }

    public ReplayException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
