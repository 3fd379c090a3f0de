package io.surge.engine.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.surge.engine.Engine;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.gateway.GatewayConnections;
import io.surge.engine.gateway.NettyTransport;
import io.surge.engine.live.LiveSnapshot;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP/JSON API (README "HTTP API") and the live dashboard (README "Live dashboard") on Netty: per connection an HTTP/1.1 codec, an
 * aggregator that holds whole requests of at most {@code gateway.http.maxBodyBytes} (larger:
 * 413), then one {@link HttpConnection}. Served by the shared event loops, never a thread per
 * connection, and never blocking them: the engine is called through its non-blocking publisher
 * and answers on its journal thread.
 * <p>
 * Lifecycle, as for the TCP gateway: {@link #start} binds; {@link #stopAccepting} and
 * {@link #stopReading} begin a graceful stop; {@link #close} answers what is left and closes.
 */
public final class HttpGateway implements AutoCloseable {
    private final Engine engine;
    private final GatewaySettings settings;
    private final EventLoopGroup group;
    private final Router router;
    private final GatewayConnections connections = new GatewayConnections("surge-http");
    private final AtomicInteger openStreams = new AtomicInteger();

    public HttpGateway(Engine engine, GatewaySettings settings, EventLoopGroup group) {
        this.engine = engine;
        this.settings = settings;
        this.group = group;
        this.router = new Router(settings.adminToken(), new MetricsRenderer(engine), engine::haltReason, engine.live()::latest);
    }

    /** Binds and starts accepting; returns the port listened on. */
    public int start() throws InterruptedException {
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(NettyTransport.of(group).serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // A client may shut its sending side after its request (curl and netcat can): it still gets the answer.
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    if (settings.httpIdleTimeoutMs() > 0) {
                        channel.pipeline().addLast("idle",
                            new IdleStateHandler(0, 0, settings.httpIdleTimeoutMs(), TimeUnit.MILLISECONDS));
                    }
                    channel.pipeline()
                        .addLast("http", new HttpServerCodec())
                        .addLast("body", new OversizedRequest.Aggregator(settings.maxBodyBytes()))
                        .addLast("api", new HttpConnection(HttpGateway.this, router, engine.publisher(),
                            settings.busyWaitMs(), settings.maxInFlight(), settings.maxBodyBytes()));
                }
            });
        connections.listeningOn(bootstrap.bind(settings.httpHost(), settings.httpPort()).sync().channel());
        return port();
    }

    public int port() {
        return connections.port();
    }

    void admit(Channel channel) {
        connections.add(channel);
    }

    /** The newest live view, for the dashboard's streams. Any thread. */
    LiveSnapshot liveSnapshot() {
        return engine.live().latest();
    }

    /** Takes one of the {@code gateway.http.maxStreamClients} stream places; false when none is free. Any thread. */
    boolean tryOpenStream() {
        while (true) {
            final int open = openStreams.get();
            if (open >= settings.maxStreamClients()) {
                return false;
            }
            if (openStreams.compareAndSet(open, open + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place taken by {@link #tryOpenStream}. */
    void streamClosed() {
        openStreams.decrementAndGet();
    }

    int maxStreamClients() {
        return settings.maxStreamClients();
    }

    /** Stops accepting connections; open ones stay until {@link #close}. */
    public void stopAccepting() {
        connections.stopAccepting();
    }

    /** Stops reading every connection, so nothing new reaches the engine (answers still flow). */
    public void stopReading() {
        connections.stopReading();
    }

    /** True once the gateway is shutting down: connections must not publish or resume reading. */
    boolean isDraining() {
        return connections.isDraining();
    }

    /**
     * Answers what each connection still holds (requests still waiting for the ring get 503) and
     * closes it; call after the engine has answered everything published.
     */
    @Override
    public void close() {
        stopAccepting();
        connections.markDraining();
        for (Channel channel : connections.open()) {
            final HttpConnection connection = channel.pipeline().get(HttpConnection.class);
            if (connection != null) {
                channel.eventLoop().execute(connection::shutdown);
            } else {
                channel.close();
            }
        }
        connections.closeAll();
    }
}
