package io.surge.bench.peers;

/** The peer's server is not there (not started, wrong port): a one-line error for the operator. */
public final class PeerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PeerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
