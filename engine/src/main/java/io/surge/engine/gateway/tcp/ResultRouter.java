package io.surge.engine.gateway.tcp;

import io.surge.engine.domain.CommandResult;
import io.surge.engine.pipeline.ResultListener;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The one listener every TCP connection publishes with: it routes each result to its connection
 * by the number packed into the command's correlation id.
 * <p>
 * Why not let each connection be its own listener: the ring stores the listener of every command
 * in a long-lived slot, and with G1 each reference store that changes it dirties a card the
 * concurrent refinement threads must then scan. With four connections taking turns that was
 * 10-12% of the server's CPU; with one listener for all the slot's reference never changes.
 * <p>
 * A correlation id is {@code index (20 bits) | generation (12 bits) | request slot (32 bits)}:
 * the connection's number, which reuse of that number it is (a result for a closed connection
 * must not reach the next connection given its number), and the slot where the connection keeps
 * the client's own correlation id. Registration runs on the event loops; routing on the journal
 * thread.
 */
final class ResultRouter implements ResultListener {
    /** What the router routes to: a TCP connection (tests use their own). */
    interface Routed {
        /** The route {@link #register} gave it. */
        int route();

        /** Told its route before any result can reach it. */
        void routedAs(int route);

        /** A result of the request the connection published with {@code requestSlot}. */
        void onResult(int requestSlot, CommandResult result);
    }

    static final int MAX_CONNECTIONS = 1 << 20;
    private static final int GENERATION_MASK = 0xFFF;

    private final AtomicReferenceArray<Routed> connections;
    private final int[] generations;
    private final int[] freeIndexes;
    private int freeCount;

    ResultRouter(int maxConnections) {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("maxConnections must be 1.." + MAX_CONNECTIONS + ": " + maxConnections);
        }
        connections = new AtomicReferenceArray<>(maxConnections);
        generations = new int[maxConnections];
        freeIndexes = new int[maxConnections];
        for (int i = 0; i < maxConnections; i++) {
            freeIndexes[i] = maxConnections - 1 - i;
        }
        freeCount = maxConnections;
    }

    /** Gives a connection a number and sets its route (index and generation); false when all are taken. */
    synchronized boolean register(Routed connection) {
        if (freeCount == 0) {
            return false;
        }
        final int index = freeIndexes[--freeCount];
        final int generation = (generations[index] + 1) & GENERATION_MASK;
        generations[index] = generation;
        final int route = index << 12 | generation;
        connection.routedAs(route); // before the connection becomes visible to the journal thread
        connections.set(index, connection);
        return true;
    }

    /** Frees a connection's number: results still on their way to it are dropped. */
    synchronized void unregister(int route) {
        final int index = route >>> 12;
        connections.set(index, null);
        freeIndexes[freeCount++] = index;
    }

    /** The correlation id a connection publishes a request with. */
    static long correlationId(int route, int requestSlot) {
        return (long) route << 32 | (requestSlot & 0xFFFF_FFFFL);
    }

    @Override
    public void onResult(long correlationId, CommandResult result) {
        final int route = (int) (correlationId >>> 32);
        final Routed connection = connections.get(route >>> 12);
        if (connection != null && connection.route() == route) {
            connection.onResult((int) correlationId, result);
        }
    }
}
