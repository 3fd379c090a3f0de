package io.surge.engine.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.concurrent.ThreadFactory;

/**
 * Netty's socket transport: Linux's epoll through Netty's native library, or the JDK's NIO.
 * Epoll does less work per read and write (no selected-key sets, no JDK socket layers). On this
 * project's 2-core machine (README, Performance) the load generator took about 8% less CPU with
 * it, and the HTTP gateway answered about 10% more requests; the TCP gateway's throughput did
 * not change measurably. A channel must use the transport of the event loop it is registered
 * with; {@link #of(EventLoopGroup)} tells which that is.
 */
public enum NettyTransport {
    EPOLL("epoll", EpollServerSocketChannel.class, EpollSocketChannel.class),
    NIO("nio", NioServerSocketChannel.class, NioSocketChannel.class);

    private final String configName;
    private final Class<? extends ServerSocketChannel> serverChannel;
    private final Class<? extends SocketChannel> clientChannel;

    NettyTransport(String configName, Class<? extends ServerSocketChannel> serverChannel,
                   Class<? extends SocketChannel> clientChannel) {
        this.configName = configName;
        this.serverChannel = serverChannel;
        this.clientChannel = clientChannel;
    }

    /** Epoll where Netty's native library loads on this machine (Linux on x86-64), else NIO. */
    public static NettyTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** The transport a {@code gateway.transport} setting names ({@code auto}: {@link #best()}), or null. */
    public static NettyTransport fromConfigName(String name) {
        return switch (name) {
            case "auto" -> best();
            case "epoll" -> EPOLL;
            case "nio" -> NIO;
            default -> null;
        };
    }

    /** The transport of the group's event loops (NIO for any group whose loops are not epoll's). */
    public static NettyTransport of(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class) ? EPOLL : NIO;
    }

    public String configName() {
        return configName;
    }

    /** Null when the transport can be used here, else why not. */
    public String unavailableReason() {
        return this == NIO || Epoll.isAvailable() ? null : String.valueOf(Epoll.unavailabilityCause());
    }

    public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
    }

    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
    }

    public Class<? extends ServerSocketChannel> serverChannel() {
        return serverChannel;
    }

    public Class<? extends SocketChannel> clientChannel() {
        return clientChannel;
    }

    private IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }
}
