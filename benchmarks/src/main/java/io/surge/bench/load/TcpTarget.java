package io.surge.bench.load;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.surge.client.SurgeClient;
import io.surge.client.SurgeClientException;
import io.surge.engine.gateway.NettyTransport;

import java.util.concurrent.TimeUnit;

/** Surge's binary protocol through {@link SurgeClient}, one client per connection on shared event loops. */
final class TcpTarget implements Target {
    private final TargetAddress address;
    private final EventLoopGroup group;

    TcpTarget(TargetAddress address, int ioThreads) {
        this.address = address;
        this.group = NettyTransport.best().newGroup(ioThreads, new DefaultThreadFactory("load-tcp", true));
    }

    @Override
    public TargetConnection connect(int index) {
        try {
            return new TcpTargetConnection(SurgeClient.connect(address.host(), address.port(), group));
        } catch (SurgeClientException e) {
            throw new IllegalStateException("--target " + address + ": " + e.getMessage()
                + " (is it Surge's TCP port, gateway.tcp.port, and not the HTTP one?)", e);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
