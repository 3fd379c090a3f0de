package io.surge.engine.gateway.http;

/**
 * {@code GET /stats/stream}: the connection becomes a Server-Sent Events stream of the live
 * view ({@link EventStream}) once every earlier answer on it is written.
 */
enum EventStreamRequest implements Routed {
    INSTANCE
}
