package io.surge.engine.gateway;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway's listening socket and open connections, and the steps of its graceful stop: stop
 * accepting, stop reading (draining), then close. Shared by the TCP and HTTP gateways. Any
 * thread.
 */
public final class GatewayConnections {
    private static final long WAIT_SECONDS = 5;

    private final ChannelGroup channels;
    private volatile Channel listening;
    private volatile boolean draining;

    public GatewayConnections(String name) {
        this.channels = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
    }

    /** The socket accepting connections, once bound. */
    public void listeningOn(Channel server) {
        this.listening = server;
    }

    public int port() {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    /** Tracks a new connection (it leaves by itself when it closes). */
    public void add(Channel channel) {
        channels.add(channel);
    }

    /** The open connections. */
    public Iterable<Channel> open() {
        return channels;
    }

    /** Stops accepting connections; open ones stay until {@link #closeAll}. */
    public void stopAccepting() {
        final Channel server = listening;
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }

    /**
     * Marks the gateway draining and turns reading off on each connection's own event loop,
     * waiting for it: once the pause has run there, no read that was in progress on that loop can
     * still publish a command (its handler checks {@link #isDraining}). So the engine's closing
     * snapshot covers everything the gateway published.
     */
    public void stopReading() {
        draining = true;
        final List<Future<?>> paused = new ArrayList<>();
        for (Channel channel : channels) {
            paused.add(channel.eventLoop().submit(() -> channel.config().setAutoRead(false)));
        }
        for (Future<?> pause : paused) {
            pause.awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** True once the gateway is shutting down: connections must not publish or resume reading. */
    public boolean isDraining() {
        return draining;
    }

    /** Marks the gateway draining without waiting (close is under way). */
    public void markDraining() {
        draining = true;
    }

    /** Waits (a few seconds at most) for the connections to close, then closes any left. */
    public void closeAll() {
        channels.newCloseFuture().awaitUninterruptibly(WAIT_SECONDS, TimeUnit.SECONDS);
        channels.close().syncUninterruptibly();
    }
}
