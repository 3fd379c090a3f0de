package io.surge.engine.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.surge.engine.live.LiveSnapshot;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A dashboard's Server-Sent Events stream ({@code GET /stats/stream}) on one connection: a
 * chunked {@code text/event-stream} response that never ends by itself, carrying the newest
 * live view as one {@code data:} event every {@link #PUSH_INTERVAL_MS}. The first chunk sets
 * the browser's reconnection delay ({@code retry:}), so an open dashboard reconnects by itself
 * after a server restart.
 * <p>
 * A task on the connection's event loop pushes; all methods run on that event loop. A client
 * that does not keep up (the channel is not writable) skips updates instead of the server
 * buffering them: each event is the whole view, so nothing is lost but intermediate frames.
 */
final class EventStream {
    static final long PUSH_INTERVAL_MS = 250;
    static final long RECONNECT_MS = 1_000;
    static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

    private static final byte[] RETRY = ("retry: " + RECONNECT_MS + "\n\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ChannelHandlerContext context;
    private final Supplier<LiveSnapshot> live;
    private ScheduledFuture<?> pushes;
    private boolean stopped;

    EventStream(ChannelHandlerContext context, Supplier<LiveSnapshot> live) {
        this.context = context;
        this.live = live;
    }

    /** Writes the response head, the reconnection delay and the first event, then pushes periodically. */
    void start() {
        final HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
            .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
            .set("X-Accel-Buffering", "no"); // a proxy in front must not hold events back
        HttpUtil.setTransferEncodingChunked(response, true);
        context.write(response, context.voidPromise());
        context.write(new DefaultHttpContent(Unpooled.wrappedBuffer(RETRY)), context.voidPromise());
        push();
        pushes = context.executor().scheduleAtFixedRate(this::push, PUSH_INTERVAL_MS, PUSH_INTERVAL_MS,
            TimeUnit.MILLISECONDS);
    }

    private void push() {
        if (stopped) {
            return;
        }
        if (!context.channel().isActive()) {
            stop();
            return;
        }
        if (!context.channel().isWritable()) {
            return;
        }
        final byte[] json = live.get().json();
        context.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(DATA, json, END_OF_EVENT)))
            .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    }

    /** Stops pushing (the connection closed). */
    void stop() {
        stopped = true;
        if (pushes != null) {
            pushes.cancel(false);
        }
    }

    /** Ends the response properly and closes the connection: the server is stopping. */
    void end() {
        stop();
        context.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }
}
