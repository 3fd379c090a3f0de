package io.surge.engine.gateway.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.surge.engine.Engine;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.gateway.GatewayConnections;
import io.surge.engine.gateway.NettyTransport;

import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The binary TCP gateway (docs/protocol.md) on Netty: a length-prefixed frame decoder with the
 * configured frame limit, then one {@link TcpConnection} per client. Not one thread per
 * connection: every connection is served by the shared event loops.
 */
public final class TcpGateway implements AutoCloseable {
    private final Engine engine;
    private final GatewaySettings settings;
    private final EventLoopGroup group;
    private final GatewayConnections connections = new GatewayConnections("surge-tcp");
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final ResultRouter router;

    public TcpGateway(Engine engine, GatewaySettings settings, EventLoopGroup group) {
        this.engine = engine;
        this.settings = settings;
        this.group = group;
        this.router = new ResultRouter(settings.maxConnections());
    }

    /** Binds and starts accepting; returns the port listened on. */
    public int start() throws InterruptedException {
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(group)
            .channel(NettyTransport.of(group).serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            // A client may shut its sending side once it has sent everything: it still gets every answer.
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline()
                        .addLast("frames", new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN,
                            settings.maxFrameBytes() + 4, 0, 4, 0, 4, true))
                        .addLast("connection", new TcpConnection(engine, TcpGateway.this, router, settings.maxInFlight(),
                            settings.maxFrameBytes()));
                }
            });
        connections.listeningOn(bootstrap.bind(settings.tcpHost(), settings.tcpPort()).sync().channel());
        return port();
    }

    public int port() {
        return connections.port();
    }

    public int maxConnections() {
        return settings.maxConnections();
    }

    public int connections() {
        return connectionCount.get();
    }

    /** Counts a new connection in; false when the gateway is at its limit. */
    boolean admit(Channel channel) {
        connections.add(channel);
        return connectionCount.incrementAndGet() <= settings.maxConnections();
    }

    void release(Channel channel) {
        connectionCount.decrementAndGet();
    }

    /** Stops accepting connections; open ones stay until {@link #close}. */
    public void stopAccepting() {
        connections.stopAccepting();
    }

    /** Stops reading every connection, so nothing new reaches the engine (responses still flow). */
    public void stopReading() {
        connections.stopReading();
    }

    /** True once the gateway is shutting down: connections must not publish or resume reading. */
    boolean isDraining() {
        return connections.isDraining();
    }

    /**
     * Closes every connection after what it already has to send: the close is queued on each
     * connection's event loop behind any responses waiting there, and waits for the flush.
     */
    @Override
    public void close() {
        stopAccepting();
        for (Channel channel : connections.open()) {
            channel.eventLoop().execute(() ->
                channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
        }
        connections.closeAll();
    }
}
