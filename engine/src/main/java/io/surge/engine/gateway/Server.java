package io.surge.engine.gateway;

import io.netty.channel.EventLoopGroup;
import io.surge.engine.Engine;
import io.surge.engine.EngineStartException;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.gateway.http.HttpGateway;
import io.surge.engine.gateway.tcp.TcpGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine with its network gateways, started and stopped as one. {@link #close} is the
 * graceful stop: no new connections, no more reading, every published command decided,
 * journaled and answered, then a snapshot, then the sockets close.
 */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final Engine engine;
    private final EventLoopGroup group;
    private final TcpGateway tcp;
    private final HttpGateway http;
    private boolean closed;

    private Server(Engine engine, EventLoopGroup group, TcpGateway tcp, HttpGateway http) {
        this.engine = engine;
        this.group = group;
        this.tcp = tcp;
        this.http = http;
    }

    public static Server start(EngineConfig config) throws InterruptedException {
        final GatewaySettings gateway = config.gateway();
        // Before the engine starts: a fresh data directory is not seeded for a server that cannot listen.
        checkCanListen(gateway.tcpHost(), gateway.tcpPort(), "gateway.tcp.port");
        checkCanListen(gateway.httpHost(), gateway.httpPort(), "gateway.http.port");
        final Engine engine = Engine.start(config);
        final AtomicInteger threads = new AtomicInteger();
        final ThreadFactory factory = runnable -> {
            final Thread thread = new Thread(runnable, "surge-io-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        final EventLoopGroup group = gateway.transport().newGroup(gateway.ioThreads(), factory);
        final TcpGateway tcp = new TcpGateway(engine, config.gateway(), group);
        final HttpGateway http = new HttpGateway(engine, config.gateway(), group);
        try {
            final int tcpPort = listen(tcp::start, gateway.tcpHost(), gateway.tcpPort(), "gateway.tcp.port");
            final int httpPort = listen(http::start, gateway.httpHost(), gateway.httpPort(), "gateway.http.port");
            LOG.info("Surge listening: tcp://{}:{} and http://{}:{} (live dashboard at http://{}:{}/; data {}; {} sockets)",
                gateway.tcpHost(), tcpPort, gateway.httpHost(), httpPort, gateway.httpHost(), httpPort, config.dataDir(),
                gateway.transport().configName());
        } catch (RuntimeException | InterruptedException e) {
            tcp.close();
            http.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            engine.close();
            throw e;
        }
        return new Server(engine, group, tcp, http);
    }

    private static void checkCanListen(String host, int port, String setting) {
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new EngineStartException(cannotListen(host, port, setting, e));
        }
    }

    /** A gateway's bind; Netty throws a bind failure undeclared, so it is caught here and named. */
    private static int listen(Gateway gateway, String host, int port, String setting) throws InterruptedException {
        try {
            return gateway.start();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new EngineStartException(cannotListen(host, port, setting, e), e);
        }
    }

    private static String cannotListen(String host, int port, String setting, Exception e) {
        return "cannot listen on " + host + ":" + port + " (" + setting + " or its command-line option): " + e.getMessage();
    }

    @FunctionalInterface
    private interface Gateway {
        int start() throws InterruptedException;
    }

    public Engine engine() {
        return engine;
    }

    public int tcpPort() {
        return tcp.port();
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("Stopping: no new input; draining the ring");
        tcp.stopAccepting();
        http.stopAccepting();
        tcp.stopReading();
        http.stopReading();
        engine.close(); // decides, journals and answers everything published, then snapshots
        tcp.close();
        http.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("Stopped");
    }
}
