package io.surge.engine.pipeline;

import io.surge.engine.domain.CommandResult;

/**
 * Hears the outcome of a command once its events are journaled (and flushed, in fsync mode).
 * Called on the pipeline's journal thread: return quickly and never block. The result object is
 * reused and valid only during the call.
 */
@FunctionalInterface
public interface ResultListener {
    void onResult(long correlationId, CommandResult result);
}
