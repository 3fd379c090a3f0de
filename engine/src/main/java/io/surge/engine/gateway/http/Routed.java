package io.surge.engine.gateway.http;

/** What the router makes of a request: an answer at once, or a call the engine must answer. */
sealed interface Routed permits Reply, EngineCall, EventStreamRequest {
}
