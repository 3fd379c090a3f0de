package io.surge.engine.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.surge.engine.gateway.LingeringClose;
import io.surge.engine.pipeline.CommandPublisher;
import io.surge.engine.pipeline.EngineUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP connection. Requests arrive whole (the aggregator before this handler), are checked
 * and routed on the event loop, and become {@link Exchange}s kept in arrival order; answers are
 * written strictly in that order, so keep-alive and HTTP/1.1 pipelining work whatever order the
 * engine answers in.
 * <p>
 * Never blocks: engine calls are published with the ring's non-blocking form, in arrival order.
 * When the ring is full the head call is retried every millisecond on the event loop, for at most
 * {@code busyWaitMs}, then answered 503 with Retry-After. Meanwhile, and whenever
 * {@code maxPipelined} requests are unanswered or the client does not read its answers, the
 * socket is not read (TCP flow control pushes back on the client).
 * <p>
 * Threads: all state belongs to the event loop; the journal thread only fills an exchange and
 * calls {@link #wake}.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);
    private static final long RETRY_MS = 1;

    private final HttpGateway gateway;
    private final Router router;
    private final CommandPublisher publisher;
    private final long busyWaitMs;
    private final long busyWaitNanos;
    private final int maxPipelined;
    private final int maxBodyBytes;
    /** Every request not yet answered on the wire, in arrival order. */
    private final ArrayDeque<Exchange> exchanges = new ArrayDeque<>();
    /** The engine calls among them not yet on the ring, in arrival order. */
    private final ArrayDeque<Exchange> unpublished = new ArrayDeque<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final Runnable retryTask = this::retry;
    private ChannelHandlerContext context;
    /** No further request is taken: the last one asked to close, or could not be read. */
    private boolean closing;
    /** The last answer is written and the output shut: what still arrives is read and discarded. */
    private boolean lingering;
    /** The client shut its sending side: the requests it sent are answered, then the connection closes. */
    private boolean inputShut;
    private boolean closeScheduled;
    private boolean retryScheduled;
    /** Once a {@code /stats/stream} request's turn came: the connection only carries events. */
    private EventStream stream;
    /** This connection counts against {@code gateway.http.maxStreamClients}. */
    private boolean holdsStreamSlot;

    HttpConnection(HttpGateway gateway, Router router, CommandPublisher publisher, long busyWaitMs, int maxPipelined,
        int maxBodyBytes) {
        this.gateway = gateway;
        this.router = router;
        this.publisher = publisher;
        this.busyWaitMs = busyWaitMs;
        this.busyWaitNanos = TimeUnit.MILLISECONDS.toNanos(busyWaitMs);
        this.maxPipelined = maxPipelined;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        gateway.admit(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        exchanges.clear();
        unpublished.clear();
        if (stream != null) {
            stream.stop();
        }
        if (holdsStreamSlot) {
            holdsStreamSlot = false;
            gateway.streamClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof OversizedRequest oversized) {
            if (!closing) {
                accept(new Exchange(this, oversized.keepAlive, false, Reply.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "body: larger than " + maxBodyBytes + " bytes (gateway.http.maxBodyBytes)")));
            }
            return;
        }
        if (!(message instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(message);
            return;
        }
        try {
            if (!closing) {
                accept(exchangeFor(request));
            }
        } finally {
            request.release();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOG.debug("Closing HTTP connection {}: idle for gateway.http.idleTimeoutMs", ctx.channel());
            ctx.close();
            return;
        }
        if (event instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            closing = true; // nothing more can arrive
            if (stream != null) {
                ctx.close(); // a stream's client hung up
            } else {
                closeIfAllAnswered();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection {} failed", ctx.channel(), cause);
        ctx.close();
    }

    // ------------------------------------------------------------------ requests (event loop)

    private Exchange exchangeFor(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            final Throwable cause = request.decoderResult().cause();
            return new Exchange(this, false, false,
                Reply.badRequest("request: not valid HTTP/1.1: " + (cause == null ? "unreadable" : cause.getMessage())));
        }
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final boolean head = request.method() == HttpMethod.HEAD;
        final boolean http10KeepAlive = keepAlive && request.protocolVersion() == HttpVersion.HTTP_1_0;
        Routed routed;
        try {
            routed = router.route(request, context.channel().remoteAddress());
        } catch (RuntimeException e) {
            // A bug, not the client's fault: answered in its turn, and the connection lives on.
            LOG.warn("Could not route {} {}", request.method(), request.uri(), e);
            routed = Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
        }
        final Exchange exchange;
        if (routed instanceof Reply reply) {
            exchange = new Exchange(this, keepAlive, head, reply);
        } else if (routed instanceof EngineCall call) {
            exchange = new Exchange(this, keepAlive, head, call);
        } else {
            exchange = eventStreamExchange(keepAlive, head);
        }
        exchange.http10KeepAlive = http10KeepAlive;
        return exchange;
    }

    /** A stream while fewer than {@code gateway.http.maxStreamClients} are open, else 503. HEAD: the head only. */
    private Exchange eventStreamExchange(boolean keepAlive, boolean head) {
        if (head) {
            return new Exchange(this, keepAlive, true,
                new Reply(HttpResponseStatus.OK, new byte[0], EventStream.CONTENT_TYPE, null, null));
        }
        if (!gateway.tryOpenStream()) {
            return new Exchange(this, keepAlive, false, Reply.tooManyStreams(gateway.maxStreamClients()));
        }
        holdsStreamSlot = true;
        return new Exchange(this);
    }

    private void accept(Exchange exchange) {
        exchanges.add(exchange);
        if (!exchange.keepAlive || exchange.eventStream) {
            closing = true; // nothing after this request is read
        }
        if (exchange.call != null) {
            unpublished.add(exchange);
            publishWaiting();
        }
        writeReady();
        updateReading();
    }

    /** Publishes waiting engine calls in order until done or the ring is full (then retries soon). */
    private void publishWaiting() {
        Exchange exchange;
        while ((exchange = unpublished.peek()) != null) {
            if (gateway.isDraining()) {
                return; // shutting down: close() answers what is still waiting with 503
            }
            if (!publish(exchange)) {
                scheduleRetry();
                return;
            }
            unpublished.poll();
        }
    }

    /** True when the call is on the ring or already answered (busy, unavailable); false to retry later. */
    private boolean publish(Exchange exchange) {
        try {
            if (exchange.call.publish(publisher, exchange)) {
                return true;
            }
        } catch (EngineUnavailableException e) {
            exchange.reply = Reply.unavailable(e.getMessage());
            return true;
        }
        final long now = System.nanoTime();
        if (exchange.firstBusyNanos < 0) {
            exchange.firstBusyNanos = now;
        }
        if (now - exchange.firstBusyNanos >= busyWaitNanos) {
            exchange.reply = Reply.busy(busyWaitMs);
            return true;
        }
        return false;
    }

    private void scheduleRetry() {
        if (!retryScheduled) {
            retryScheduled = true;
            context.executor().schedule(retryTask, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        retryScheduled = false;
        if (!context.channel().isActive()) {
            return;
        }
        publishWaiting();
        writeReady();
        updateReading();
    }

    private void updateReading() {
        // A stream's connection keeps reading (and discarding) so that a client hanging up is noticed at once.
        final boolean read = lingering || !gateway.isDraining() && (stream != null
            || !closing && unpublished.isEmpty() && exchanges.size() < maxPipelined && context.channel().isWritable());
        if (context.channel().config().isAutoRead() != read) {
            context.channel().config().setAutoRead(read);
        }
    }

    // ------------------------------------------------------------------ answers

    /** Journal thread: an exchange of this connection has its engine answer. */
    void wake() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                context.executor().execute(drainTask);
            } catch (RejectedExecutionException e) {
                // The event loop has stopped, so the connection is closed: nobody to answer.
            }
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (!context.channel().isActive()) {
            return;
        }
        writeReady();
        publishWaiting(); // answered commands freed ring slots
        writeReady();
        updateReading();
    }

    /** Writes the answers at the head of the queue that are known, in order. */
    private void writeReady() {
        boolean wrote = false;
        Exchange exchange;
        while ((exchange = exchanges.peek()) != null && exchange.ready()) {
            exchanges.poll();
            if (exchange.eventStream) {
                startStream();
                return;
            }
            wrote = true;
            final FullHttpResponse response = response(exchange);
            if (!exchange.keepAlive) {
                exchanges.clear();
                unpublished.clear();
                closing = true;
                lingering = true; // keep reading: unread bytes would turn the close into a reset
                LingeringClose.afterWrite(context.writeAndFlush(response));
                updateReading();
                return;
            }
            context.write(response, context.voidPromise());
        }
        if (wrote) {
            context.flush();
        }
        closeIfAllAnswered();
    }

    /** After a half-close: once every request read is answered, closes the connection. */
    private void closeIfAllAnswered() {
        if (inputShut && !closeScheduled && exchanges.isEmpty() && stream == null && context.channel().isActive()) {
            closeScheduled = true;
            context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Every earlier answer is written: from now on the connection carries the live event stream. */
    private void startStream() {
        exchanges.clear();
        unpublished.clear();
        closing = true;
        stream = new EventStream(context, gateway::liveSnapshot);
        stream.start();
    }

    private static FullHttpResponse response(Exchange exchange) {
        final Reply reply = exchange.reply;
        final ByteBuf content = exchange.head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(reply.body());
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(), content);
        final HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        if (reply.headerName() != null) {
            headers.set(reply.headerName(), reply.headerValue());
        }
        if (!exchange.keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (exchange.http10KeepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return response;
    }

    /**
     * Event loop, at shutdown (the engine has answered everything published): answers what is
     * still waiting for the ring 503, writes every answer, then closes.
     */
    void shutdown() {
        closing = true;
        for (Exchange exchange : unpublished) {
            exchange.reply = Reply.unavailable("the server is shutting down");
        }
        unpublished.clear();
        writeReady();
        if (stream != null) {
            stream.end();
            return;
        }
        context.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
