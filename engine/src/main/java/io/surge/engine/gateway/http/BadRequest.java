package io.surge.engine.gateway.http;

/**
 * A request that cannot reach the engine: its message names the field and says what is wrong.
 * Thrown while decoding a request on the event loop and answered 400; no stack trace (it is an
 * answer, not a bug).
 */
final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
