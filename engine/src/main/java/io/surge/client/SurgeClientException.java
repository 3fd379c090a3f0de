package io.surge.client;

/** The connection failed or the server closed it; requests still waiting fail with this. */
public final class SurgeClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SurgeClientException(String message) {
        super(message);
    }

    public SurgeClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
