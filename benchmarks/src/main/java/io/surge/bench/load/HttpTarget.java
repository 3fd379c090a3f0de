package io.surge.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.surge.engine.gateway.NettyTransport;

import java.util.concurrent.TimeUnit;

/** Surge's HTTP/JSON API over Netty's HTTP/1.1 client: keep-alive connections on shared event loops. */
final class HttpTarget implements Target {
    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final TargetAddress address;
    private final EventLoopGroup group;

    HttpTarget(TargetAddress address, int ioThreads) {
        this.address = address;
        this.group = NettyTransport.best().newGroup(ioThreads, new DefaultThreadFactory("load-http", true));
    }

    @Override
    public TargetConnection connect(int index) {
        final HttpResponseHandler handler = new HttpResponseHandler();
        try {
            final Channel channel = clientBootstrap(group, handler).connect(address.host(), address.port()).sync().channel();
            return new HttpTargetConnection(channel, handler, address.host() + ":" + address.port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("--target " + address + ": interrupted while connecting", e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("--target " + address + ": cannot connect: " + e.getMessage(), e);
        }
    }

    /**
     * An HTTP/1.1 client connection whose responses (whole, up to 1 MB) go to {@code handler}:
     * {@code TCP_NODELAY}, so a request written in one go leaves at once.
     */
    static Bootstrap clientBootstrap(EventLoopGroup group, ChannelHandler handler) {
        return new Bootstrap().group(group).channel(NettyTransport.of(group).clientChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE_BYTES), handler);
                }
            });
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
