package io.surge.engine.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A complete answer to one request: status, body and at most one extra header. Immutable.
 *
 * @param status      the HTTP status
 * @param body        the body bytes (JSON unless {@code contentType} says otherwise)
 * @param contentType the Content-Type header
 * @param headerName  an extra header (Allow, Retry-After, WWW-Authenticate), or null
 * @param headerValue its value
 */
record Reply(HttpResponseStatus status, byte[] body, String contentType, String headerName, String headerValue)
    implements Routed {

    static final String JSON = "application/json";
    /** Seconds a client should wait after a 503 before trying again. */
    static final String RETRY_AFTER_SECONDS = "1";

    static Reply json(HttpResponseStatus status, byte[] body) {
        return new Reply(status, body, JSON, null, null);
    }

    static Reply ok(byte[] body) {
        return json(HttpResponseStatus.OK, body);
    }

    static Reply error(HttpResponseStatus status, String message) {
        return json(status, JsonText.error(message));
    }

    static Reply badRequest(String message) {
        return error(HttpResponseStatus.BAD_REQUEST, message);
    }

    static Reply notFound(String message) {
        return error(HttpResponseStatus.NOT_FOUND, message);
    }

    static Reply methodNotAllowed(String method, String path, String allow) {
        return new Reply(HttpResponseStatus.METHOD_NOT_ALLOWED,
            JsonText.error(method + " is not allowed on " + path + " (allowed: " + allow + ")"), JSON, "Allow", allow);
    }

    static Reply unauthorized(String message) {
        return new Reply(HttpResponseStatus.UNAUTHORIZED, JsonText.error(message), JSON, "WWW-Authenticate", "Bearer");
    }

    /** The ring stayed full: the client should come back shortly. */
    static Reply busy(long busyWaitMs) {
        return new Reply(HttpResponseStatus.SERVICE_UNAVAILABLE,
            JsonText.error("busy: the engine's queue stayed full for " + busyWaitMs + " ms; retry later"), JSON,
            "Retry-After", RETRY_AFTER_SECONDS);
    }

    /** Every dashboard stream place is taken. */
    static Reply tooManyStreams(int maxStreamClients) {
        return new Reply(HttpResponseStatus.SERVICE_UNAVAILABLE,
            JsonText.error("too many live streams: at most " + maxStreamClients
                + " at once (gateway.http.maxStreamClients); poll GET /stats/live or retry later"),
            JSON, "Retry-After", "5");
    }

    /** The engine is shutting down or has halted: nothing was done. */
    static Reply unavailable(String why) {
        return new Reply(HttpResponseStatus.SERVICE_UNAVAILABLE, JsonText.error("unavailable: " + why), JSON,
            "Retry-After", RETRY_AFTER_SECONDS);
    }
}
