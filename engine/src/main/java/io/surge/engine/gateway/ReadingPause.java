package io.surge.engine.gateway;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stops a gateway's connections from reading, and waits until that has taken effect. */
public final class ReadingPause {
    private ReadingPause() {
    }

    /**
     * Turns reading off on each connection's own event loop and waits for it: once the pause has
     * run there, no read that was in progress on that loop can still publish a command. A gateway
     * stopping this way lets the engine's closing snapshot cover everything it published.
     */
    public static void pauseAll(ChannelGroup connections) {
        final List<Future<?>> paused = new ArrayList<>();
        for (Channel channel : connections) {
            paused.add(channel.eventLoop().submit(() -> channel.config().setAutoRead(false)));
        }
        for (Future<?> pause : paused) {
            pause.awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
