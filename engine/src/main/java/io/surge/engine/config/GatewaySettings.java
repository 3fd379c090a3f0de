package io.surge.engine.config;

import io.surge.engine.gateway.NettyTransport;

/**
 * The network gateways of {@code surge serve} (the {@code gateway:} section of engine.yaml).
 *
 * @param tcpHost        address the binary TCP gateway listens on (loopback by default)
 * @param tcpPort        its port (0: any free port)
 * @param maxFrameBytes  largest TCP frame body accepted
 * @param maxConnections most TCP connections at once
 * @param maxInFlight    most unanswered requests per TCP connection, and per HTTP connection (pipelined);
 *                       beyond, the socket is not read
 * @param httpHost       address the HTTP/JSON API listens on (loopback by default)
 * @param httpPort       its port (0: any free port)
 * @param maxBodyBytes   largest HTTP request body accepted (413 beyond)
 * @param adminToken     bearer token for admin calls; empty: admin calls only from loopback
 * @param busyWaitMs     how long an HTTP request waits for room in a full ring before 503
 * @param ioThreads      network event-loop threads
 * @param maxStreamClients most dashboard event streams ({@code GET /stats/stream}) open at once (503 beyond)
 * @param httpIdleTimeoutMs an HTTP connection that sends and receives nothing this long is closed,
 *                       a request cut short included (0: never)
 * @param transport      the sockets' transport (epoll where it loads, else NIO, unless configured)
 */
public record GatewaySettings(
    String tcpHost, int tcpPort, int maxFrameBytes, int maxConnections, int maxInFlight,
    String httpHost, int httpPort, int maxBodyBytes, String adminToken, long busyWaitMs, int ioThreads,
    int maxStreamClients, long httpIdleTimeoutMs, NettyTransport transport) {

    public static final int DEFAULT_MAX_STREAM_CLIENTS = 32;
    public static final long DEFAULT_HTTP_IDLE_TIMEOUT_MS = 60_000;

    public static final GatewaySettings DEFAULTS = new GatewaySettings(
        "127.0.0.1", 7400, 65_536, 1_024, 1_024, "127.0.0.1", 7480, 65_536, "", 50, 1, DEFAULT_MAX_STREAM_CLIENTS,
        DEFAULT_HTTP_IDLE_TIMEOUT_MS, NettyTransport.best());

    /** The settings with the best transport this machine has. */
    public GatewaySettings(
        String tcpHost, int tcpPort, int maxFrameBytes, int maxConnections, int maxInFlight,
        String httpHost, int httpPort, int maxBodyBytes, String adminToken, long busyWaitMs, int ioThreads,
        int maxStreamClients, long httpIdleTimeoutMs) {
        this(tcpHost, tcpPort, maxFrameBytes, maxConnections, maxInFlight, httpHost, httpPort, maxBodyBytes, adminToken,
            busyWaitMs, ioThreads, maxStreamClients, httpIdleTimeoutMs, NettyTransport.best());
    }

    /** The settings with the default HTTP idle timeout. */
    public GatewaySettings(
        String tcpHost, int tcpPort, int maxFrameBytes, int maxConnections, int maxInFlight,
        String httpHost, int httpPort, int maxBodyBytes, String adminToken, long busyWaitMs, int ioThreads,
        int maxStreamClients) {
        this(tcpHost, tcpPort, maxFrameBytes, maxConnections, maxInFlight, httpHost, httpPort, maxBodyBytes, adminToken,
            busyWaitMs, ioThreads, maxStreamClients, DEFAULT_HTTP_IDLE_TIMEOUT_MS);
    }

    /** The settings with the default limit of dashboard streams. */
    public GatewaySettings(
        String tcpHost, int tcpPort, int maxFrameBytes, int maxConnections, int maxInFlight,
        String httpHost, int httpPort, int maxBodyBytes, String adminToken, long busyWaitMs, int ioThreads) {
        this(tcpHost, tcpPort, maxFrameBytes, maxConnections, maxInFlight, httpHost, httpPort, maxBodyBytes, adminToken,
            busyWaitMs, ioThreads, DEFAULT_MAX_STREAM_CLIENTS);
    }

    public GatewaySettings withPorts(int tcp, int http) {
        return new GatewaySettings(tcpHost, tcp, maxFrameBytes, maxConnections, maxInFlight, httpHost, http, maxBodyBytes,
            adminToken, busyWaitMs, ioThreads, maxStreamClients, httpIdleTimeoutMs, transport);
    }

    public GatewaySettings withHttpIdleTimeoutMs(long idleTimeoutMs) {
        return new GatewaySettings(tcpHost, tcpPort, maxFrameBytes, maxConnections, maxInFlight, httpHost, httpPort,
            maxBodyBytes, adminToken, busyWaitMs, ioThreads, maxStreamClients, idleTimeoutMs, transport);
    }

    public GatewaySettings withTransport(NettyTransport value) {
        return new GatewaySettings(tcpHost, tcpPort, maxFrameBytes, maxConnections, maxInFlight, httpHost, httpPort,
            maxBodyBytes, adminToken, busyWaitMs, ioThreads, maxStreamClients, httpIdleTimeoutMs, value);
    }
}
