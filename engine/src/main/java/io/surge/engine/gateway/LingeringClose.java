package io.surge.engine.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after its last answer without losing that answer. Closing a socket whose
 * receive buffer still holds bytes the server never read (the rest of a bad request, requests
 * pipelined after the last one answered) makes the kernel send a reset, and a client that gets
 * the reset may never see the answer, or sees an error after it. So: once the answer is written,
 * shut the output (the client reads the answer, then the end of the stream), read and discard
 * whatever still arrives, and close when the client closes or after {@link #LINGER_MS}.
 */
public final class LingeringClose {
    /** How long a connection whose output is shut waits for the client to close. */
    public static final long LINGER_MS = 2_000;

    private LingeringClose() {
    }

    /** Once {@code lastWrite} completes: shuts the output, discards input, closes when the client does. */
    public static void afterWrite(ChannelFuture lastWrite) {
        lastWrite.addListener(written -> {
            final Channel channel = lastWrite.channel();
            if (!written.isSuccess() || !(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
                channel.close();
                return;
            }
            channel.pipeline().addFirst(new DiscardUntilClosed());
            channel.config().setAutoRead(true);
            duplex.shutdownOutput();
            channel.eventLoop().schedule(() -> {
                channel.close();
            }, LINGER_MS, TimeUnit.MILLISECONDS);
        });
    }

    /** First in the pipeline: nothing read reaches the connection's handlers any more. */
    private static final class DiscardUntilClosed extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ReferenceCountUtil.release(message);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                ctx.close(); // the client has read to the end and closed its side
                return;
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
