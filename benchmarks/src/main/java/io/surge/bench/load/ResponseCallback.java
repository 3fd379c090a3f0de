package io.surge.bench.load;

import io.surge.engine.domain.RejectReason;

/**
 * Hears the answer to one request. Called once, on the connection's network thread (or on the
 * calling thread when the request could not be sent): must not block.
 */
@FunctionalInterface
public interface ResponseCallback {
    /**
     * @param outcome what became of the request
     * @param reason  the reject reason (REJECTED), or null
     * @param error   what went wrong (ERROR), or null
     */
    void answered(Outcome outcome, RejectReason reason, String error);
}
