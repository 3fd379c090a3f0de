package io.surge.engine.gateway.http;

import io.surge.engine.domain.CommandResult;
import io.surge.engine.pipeline.CommandPublisher;
import io.surge.engine.pipeline.ResultListener;

/**
 * A checked request that the engine must answer: a command or a query. Its life has three
 * steps on two threads:
 * <ol>
 *   <li>{@link #publish} on the connection's event loop (never blocking: false when the ring is
 *   full, and the connection retries);</li>
 *   <li>{@link #capture} on the engine's journal thread, once the command is decided and
 *   journaled: copies what the answer needs out of the reused result, and nothing more;</li>
 *   <li>{@link #render} back on the event loop: builds the HTTP answer.</li>
 * </ol>
 * The hand-over between 2 and 3 goes through the connection (a volatile flag and the event
 * loop's task queue), which also makes the captured fields visible to the event loop.
 */
abstract non-sealed class EngineCall implements Routed {
    /** Puts the command on the ring without waiting; false when the ring is full. */
    abstract boolean publish(CommandPublisher publisher, ResultListener listener);

    /** Journal thread: copies the answer's facts out of {@code result} (valid only during this call). */
    abstract void capture(CommandResult result);

    /** Event loop: the answer, from the captured facts. */
    abstract Reply render();
}
