package io.surge.engine.gateway.http;

import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.Status;
import io.surge.engine.pipeline.ResultListener;

/**
 * One request of a connection and, once known, its answer. The connection keeps its exchanges
 * in arrival order and writes each answer only when every earlier one is written (HTTP/1.1
 * pipelining).
 * <p>
 * Threads: everything happens on the connection's event loop except {@link #onResult}, which
 * runs on the engine's journal thread: it copies the outcome into the {@link EngineCall}, then
 * publishes that through the volatile {@code answered} flag and wakes the connection.
 */
final class Exchange implements ResultListener {
    final HttpConnection connection;
    final boolean keepAlive;
    final boolean head;
    /** Null when the answer was known at once. */
    final EngineCall call;
    /** The request turns the connection into a live event stream (nothing after it is answered). */
    final boolean eventStream;
    /** An HTTP/1.0 client asked for keep-alive: the answer must say so. */
    boolean http10KeepAlive;
    /** When publishing first found the ring full (System.nanoTime), or -1. */
    long firstBusyNanos = -1;
    /** Event loop only: the answer, once known. */
    Reply reply;
    private String failure;
    private volatile boolean answered;

    Exchange(HttpConnection connection, boolean keepAlive, boolean head, Reply reply) {
        this.connection = connection;
        this.keepAlive = keepAlive;
        this.head = head;
        this.call = null;
        this.eventStream = false;
        this.reply = reply;
    }

    /** {@code GET /stats/stream}: ready at once; the connection starts the stream in its turn. */
    Exchange(HttpConnection connection) {
        this.connection = connection;
        this.keepAlive = true;
        this.head = false;
        this.call = null;
        this.eventStream = true;
    }

    Exchange(HttpConnection connection, boolean keepAlive, boolean head, EngineCall call) {
        this.connection = connection;
        this.keepAlive = keepAlive;
        this.head = head;
        this.call = call;
        this.eventStream = false;
    }

    /** Journal thread: the engine decided and journaled the call (or failed to). Never blocks. */
    @Override
    public void onResult(long correlationId, CommandResult result) {
        if (result.status() == Status.FAILED) {
            failure = result.failure() == null ? "the engine failed" : result.failure();
        } else {
            call.capture(result);
        }
        answered = true;
        connection.wake();
    }

    /** Event loop: renders the engine's answer if it has arrived; true when the reply is known. */
    boolean ready() {
        if (eventStream) {
            return true;
        }
        if (reply == null && answered) {
            reply = failure != null ? Reply.unavailable(failure) : call.render();
        }
        return reply != null;
    }
}
