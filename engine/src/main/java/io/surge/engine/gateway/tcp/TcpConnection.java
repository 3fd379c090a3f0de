package io.surge.engine.gateway.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.TooLongFrameException;
import io.surge.engine.Engine;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.gateway.LingeringClose;
import io.surge.engine.gateway.wire.CancelOrderRequestDecoder;
import io.surge.engine.gateway.wire.ConfirmPaymentRequestDecoder;
import io.surge.engine.gateway.wire.ErrorResponseEncoder;
import io.surge.engine.gateway.wire.HelloDecoder;
import io.surge.engine.gateway.wire.MessageHeaderDecoder;
import io.surge.engine.gateway.wire.MessageHeaderEncoder;
import io.surge.engine.gateway.wire.OrderResponseEncoder;
import io.surge.engine.gateway.wire.PingDecoder;
import io.surge.engine.gateway.wire.PlaceOrderRequestDecoder;
import io.surge.engine.gateway.wire.PongEncoder;
import io.surge.engine.gateway.wire.WelcomeEncoder;
import io.surge.engine.pipeline.EngineUnavailableException;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection of the TCP gateway. Requests are decoded and checked on the connection's
 * event loop and published to the engine without blocking; outcomes come back on the engine's
 * journal thread, are encoded into this connection's response ring and written out by the event
 * loop in one frame per batch.
 * <p>
 * Back-pressure: when the engine's ring is full, or the client does not read its responses, the
 * connection stops reading its socket (TCP flow control pushes back on the client) and resumes
 * when there is room. A request beyond the {@code maxInFlight} unanswered ones the client was
 * told in {@code Welcome} is answered {@code TOO_MANY_IN_FLIGHT} and not taken.
 * <p>
 * Threads: everything runs on the event loop except {@link #onResult}, which runs on the
 * journal thread and only touches the response ring and an atomic flag.
 */
final class TcpConnection extends ChannelInboundHandlerAdapter implements ResultRouter.Routed {
    private static final int RESPONSE_RECORD = 1;
    private static final int MAX_ERROR_TEXT = 160;
    private static final long RETRY_NANOS = 200_000;

    private final Engine engine;
    private final TcpGateway gateway;
    private final ResultRouter router;
    /** This connection's number and generation in the router; set when it registers. */
    private volatile int route;
    private boolean registered;
    /** The client's correlation id of each request in flight, by request slot (requests are answered in order). */
    private final long[] clientCorrelationIds;
    private final int requestMask;
    private long nextRequest;
    private final int maxInFlight;
    private final int maxFrameBytes;
    private final FrameCheck check = new FrameCheck();
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer out = new UnsafeBuffer(0, 0);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final PlaceOrderRequestDecoder place = new PlaceOrderRequestDecoder();
    private final ConfirmPaymentRequestDecoder pay = new ConfirmPaymentRequestDecoder();
    private final CancelOrderRequestDecoder cancel = new CancelOrderRequestDecoder();
    private final PingDecoder ping = new PingDecoder();
    private final MessageHeaderEncoder headerOut = new MessageHeaderEncoder();
    private final WelcomeEncoder welcome = new WelcomeEncoder();
    private final PongEncoder pong = new PongEncoder();
    private final ErrorResponseEncoder errorOut = new ErrorResponseEncoder();
    private final OrderLines lines = new OrderLines();

    // Written by the journal thread (onResult), read by the event loop (drain).
    private final OneToOneRingBuffer responses;
    private final UnsafeBuffer resultScratch = new UnsafeBuffer(ByteBuffer.allocateDirect(64 + MAX_ERROR_TEXT * 3));
    private final MessageHeaderEncoder resultHeader = new MessageHeaderEncoder();
    private final OrderResponseEncoder resultOut = new OrderResponseEncoder();
    private final ErrorResponseEncoder resultError = new ErrorResponseEncoder();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final ResponseCopier copier = new ResponseCopier();
    private final Runnable retryTask = this::resume;

    private ChannelHandlerContext context;
    private boolean helloSeen;
    private boolean closing;
    /** The client shut its sending side: what it sent is answered, then the connection closes. */
    private boolean inputShut;
    private int inFlight;
    private ByteBuf pending;          // a checked frame not yet fully published
    private int pendingPosition;
    private final ArrayDeque<ByteBuf> queued = new ArrayDeque<>(); // frames read while paused
    private boolean retryScheduled;

    TcpConnection(Engine engine, TcpGateway gateway, ResultRouter router, int maxInFlight, int maxFrameBytes) {
        this.engine = engine;
        this.gateway = gateway;
        this.router = router;
        this.maxInFlight = maxInFlight;
        // The engine answers a connection's requests in the order they were published, and at most
        // maxInFlight are unanswered: a request's slot is free again before it comes round.
        final int requestSlots = Integer.highestOneBit(Math.max(1, maxInFlight - 1)) << 1;
        this.clientCorrelationIds = new long[requestSlots];
        this.requestMask = requestSlots - 1;
        this.maxFrameBytes = maxFrameBytes;
        // Room for maxInFlight of the largest response (an error with its text): it cannot overflow.
        final int capacity = Integer.highestOneBit(Math.max(4096, maxInFlight * 192) - 1) << 1;
        this.responses = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        context = ctx;
        if (!gateway.admit(ctx.channel()) || !router.register(this)) {
            failConnection(WireError.TOO_MANY_CONNECTIONS, "the server is at its limit of " + gateway.maxConnections()
                + " connections");
            return;
        }
        registered = true;
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        gateway.release(ctx.channel());
        if (registered) {
            registered = false;
            router.unregister(route);
        }
        releaseFrames();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        final ByteBuf buffer = (ByteBuf) message;
        if (closing) {
            buffer.release();
            return;
        }
        if (pending != null) {
            queued.add(buffer); // read before the pause took effect: handled in order later
            return;
        }
        if (!accept(buffer)) {
            return;
        }
        publish();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof ChannelInputShutdownEvent) {
            inputShut = true;
            closeIfAllAnswered();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            failConnection(WireError.FRAME_TOO_LARGE, "frame too large: at most " + maxFrameBytes + " bytes");
        } else {
            ctx.close();
        }
    }

    // ------------------------------------------------------------------ requests (event loop)

    /** Checks a new frame; a bad frame is answered and the connection closed. */
    private boolean accept(ByteBuf buffer) {
        wrap(frame, buffer);
        if (!check.check(frame, buffer.readableBytes(), helloSeen)) {
            buffer.release();
            failConnection(check.error(), check.problem());
            return false;
        }
        pending = buffer;
        pendingPosition = 0;
        return true;
    }

    /** Publishes the pending frame's requests until done, or until the engine or the client needs a pause. */
    private void publish() {
        while (pending != null) {
            wrap(frame, pending);
            final int length = pending.readableBytes();
            while (pendingPosition < length) {
                if (gateway.isDraining()) {
                    return; // shutting down: the rest of the frame is never published nor answered
                }
                final int advance = handle(pendingPosition);
                if (advance < 0) {
                    updateReading();
                    return; // paused: resume() picks up here
                }
                pendingPosition += advance;
            }
            pending.release();
            pending = null;
            final ByteBuf next = queued.poll();
            if (next != null && accept(next)) {
                continue;
            }
        }
        updateReading();
    }

    /** Handles the message at {@code position}; returns its length, or -1 to pause before it. */
    private int handle(int position) {
        header.wrap(frame, position);
        final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId()) {
            case HelloDecoder.TEMPLATE_ID -> {
                helloSeen = true;
                writeWelcome();
                return MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
            }
            case PingDecoder.TEMPLATE_ID -> {
                writePong(ping.wrap(frame, body, blockLength, version).correlationId());
                return MessageHeaderDecoder.ENCODED_LENGTH + blockLength;
            }
            case PlaceOrderRequestDecoder.TEMPLATE_ID -> {
                place.wrap(frame, body, blockLength, version);
                final long correlationId = place.correlationId();
                final long orderId = place.orderId();
                final long customerId = place.customerId();
                final String problem = readLines(place);
                final int length = MessageHeaderDecoder.ENCODED_LENGTH + place.encodedLength();
                if (problem != null) {
                    writeError(correlationId, WireError.INVALID_REQUEST, problem);
                    return length;
                }
                if (orderId <= 0 || customerId <= 0) {
                    writeError(correlationId, WireError.INVALID_REQUEST, orderId <= 0 ? "orderId: must be a positive id"
                        : "customerId: must be a positive id");
                    return length;
                }
                if (inFlight >= maxInFlight) {
                    writeTooManyInFlight(correlationId);
                    return length;
                }
                if (!context.channel().isWritable()) {
                    return -1;
                }
                try {
                    final int slot = (int) nextRequest & requestMask;
                    clientCorrelationIds[slot] = correlationId;
                    if (!engine.tryPlaceOrder(orderId, customerId, lines, router, ResultRouter.correlationId(route, slot))) {
                        scheduleRetry();
                        return -1;
                    }
                    nextRequest++;
                    inFlight++;
                } catch (EngineUnavailableException e) {
                    writeError(correlationId, WireError.UNAVAILABLE, e.getMessage());
                }
                return length;
            }
            case ConfirmPaymentRequestDecoder.TEMPLATE_ID -> {
                pay.wrap(frame, body, blockLength, version);
                final long correlationId = pay.correlationId();
                final long orderId = pay.orderId();
                return orderCommand(correlationId, orderId, true, MessageHeaderDecoder.ENCODED_LENGTH + blockLength);
            }
            case CancelOrderRequestDecoder.TEMPLATE_ID -> {
                cancel.wrap(frame, body, blockLength, version);
                final long correlationId = cancel.correlationId();
                final long orderId = cancel.orderId();
                return orderCommand(correlationId, orderId, false, MessageHeaderDecoder.ENCODED_LENGTH + blockLength);
            }
            default -> throw new IllegalStateException("FrameCheck let template " + header.templateId() + " through");
        }
    }

    /** A payment or cancel; returns its length, or -1 to pause (the ring is full or the client is behind). */
    private int orderCommand(long correlationId, long orderId, boolean payment, int length) {
        if (orderId <= 0) {
            writeError(correlationId, WireError.INVALID_REQUEST, "orderId: must be a positive id");
            return length;
        }
        if (inFlight >= maxInFlight) {
            writeTooManyInFlight(correlationId);
            return length;
        }
        if (!context.channel().isWritable()) {
            return -1;
        }
        try {
            final int slot = (int) nextRequest & requestMask;
            clientCorrelationIds[slot] = correlationId;
            final long routed = ResultRouter.correlationId(route, slot);
            final boolean taken = payment
                ? engine.tryConfirmPayment(orderId, router, routed)
                : engine.tryCancelOrder(orderId, router, routed);
            if (!taken) {
                scheduleRetry();
                return -1;
            }
            nextRequest++;
            inFlight++;
        } catch (EngineUnavailableException e) {
            writeError(correlationId, WireError.UNAVAILABLE, e.getMessage());
        }
        return length;
    }

    /** The client broke its side of the limit it was told in Welcome: the request is answered, not taken. */
    private void writeTooManyInFlight(long correlationId) {
        writeError(correlationId, WireError.TOO_MANY_IN_FLIGHT, "more than maxInFlight (" + maxInFlight
            + ") requests unanswered: wait for responses before sending more");
    }

    private String readLines(PlaceOrderRequestDecoder request) {
        lines.clear();
        final PlaceOrderRequestDecoder.LinesDecoder group = request.lines();
        final int count = group.count();
        if (count < 1 || count > OrderLines.MAX_LINES) {
            while (group.hasNext()) {
                group.next();
            }
            return "lines: an order has 1.." + OrderLines.MAX_LINES + " lines, this one " + count;
        }
        while (group.hasNext()) {
            group.next();
            lines.add(group.sku(), group.quantity(), group.unitPriceCents());
        }
        return lines.shapeProblem();
    }

    // ------------------------------------------------------------------ pausing and resuming

    private void updateReading() {
        if (closing) {
            return;
        }
        final boolean read = pending == null && context.channel().isWritable() && !gateway.isDraining();
        if (context.channel().config().isAutoRead() != read) {
            context.channel().config().setAutoRead(read);
        }
        if (pending != null && context.channel().isWritable() && !retryScheduled) {
            context.executor().execute(retryTask);
            retryScheduled = true;
        }
    }

    private void scheduleRetry() {
        if (!retryScheduled) {
            retryScheduled = true;
            context.executor().schedule(retryTask, RETRY_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    private void resume() {
        retryScheduled = false;
        if (!closing && pending != null && context.channel().isActive() && !gateway.isDraining()) {
            publish();
            context.flush();
        }
        closeIfAllAnswered();
    }

    /** After a half-close: once every request read is published and answered, closes the connection. */
    private void closeIfAllAnswered() {
        if (inputShut && !closing && pending == null && queued.isEmpty() && inFlight == 0) {
            closing = true;
            context.writeAndFlush(context.alloc().buffer(0)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    // ------------------------------------------------------------------ responses

    @Override
    public int route() {
        return route;
    }

    @Override
    public void routedAs(int route) {
        this.route = route;
    }

    /** Journal thread, through the router: the engine decided (and journaled) the request in a slot. */
    @Override
    public void onResult(int requestSlot, CommandResult result) {
        final long correlationId = clientCorrelationIds[requestSlot];
        final int length;
        if (result.status() == Status.FAILED) {
            resultError.wrapAndApplyHeader(resultScratch, 0, resultHeader)
                .correlationId(correlationId).code(WireError.UNAVAILABLE.code()).message(shorten(result.failure()));
            length = MessageHeaderEncoder.ENCODED_LENGTH + resultError.encodedLength();
        } else {
            resultOut.wrapAndApplyHeader(resultScratch, 0, resultHeader)
                .correlationId(correlationId)
                .orderId(result.orderId())
                .status((short) wireStatus(result.status()))
                .reason((short) (result.reason() == null ? 0 : result.reason().code()))
                .lineIndex((byte) result.lineIndex())
                .sku(result.sku())
                .expiresAtMs(result.status() == Status.RESERVED ? result.expiresAtMs() : 0)
                .sequence(result.sequence());
            length = MessageHeaderEncoder.ENCODED_LENGTH + resultOut.encodedLength();
        }
        // The ring holds maxInFlight responses by construction; a full ring would be a bug.
        if (!responses.write(RESPONSE_RECORD, resultScratch, 0, length)) {
            throw new IllegalStateException("response ring full for connection " + context.channel());
        }
        if (drainScheduled.compareAndSet(false, true)) {
            context.executor().execute(drainTask);
        }
    }

    /** Event loop: writes every response waiting in the ring as one frame. */
    private void drain() {
        drainScheduled.set(false);
        if (!context.channel().isActive()) {
            responses.read((type, buffer, index, length) -> inFlight--, Integer.MAX_VALUE);
            return;
        }
        while (responses.size() > 0) {
            final ByteBuf frameOut = context.alloc().directBuffer(4 + Math.min(maxFrameBytes, responses.size()));
            copier.start(frameOut);
            inFlight -= responses.controlledRead(copier);
            copier.finish();
            context.write(frameOut);
        }
        context.flush();
        if (pending != null) {
            resume();
        } else {
            updateReading();
            closeIfAllAnswered();
        }
    }

    /** Copies response records from the ring into one outgoing frame (reused: no allocation per batch). */
    private final class ResponseCopier implements ControlledMessageHandler {
        private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        private ByteBuf target;
        private int written;

        void start(ByteBuf frameOut) {
            target = frameOut;
            written = 0;
            wrap(view, frameOut, 0, frameOut.capacity());
        }

        @Override
        public Action onMessage(int type, MutableDirectBuffer buffer, int index, int length) {
            if (4 + written + length > target.capacity()) {
                return Action.ABORT; // the frame is full: the rest goes in the next one
            }
            view.putBytes(4 + written, buffer, index, length);
            written += length;
            return Action.CONTINUE;
        }

        void finish() {
            target.setIntLE(0, written);
            target.writerIndex(4 + written);
        }
    }

    private static int wireStatus(Status status) {
        return switch (status) {
            case RESERVED -> 1;
            case REJECTED -> 2;
            case PAID -> 3;
            case CANCELLED -> 4;
            default -> 0;
        };
    }

    private void writeWelcome() {
        final ByteBuf buffer = context.alloc().directBuffer(4 + MessageHeaderEncoder.ENCODED_LENGTH + WelcomeEncoder.BLOCK_LENGTH);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + WelcomeEncoder.BLOCK_LENGTH;
        buffer.writeIntLE(length);
        wrap(out, buffer, 4, length);
        welcome.wrapAndApplyHeader(out, 0, headerOut).protocolVersion(FrameCheck.PROTOCOL_VERSION)
            .maxFrameBytes(maxFrameBytes).maxInFlight(maxInFlight);
        buffer.writerIndex(4 + length);
        context.write(buffer);
    }

    private void writePong(long correlationId) {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + PongEncoder.BLOCK_LENGTH;
        final ByteBuf buffer = context.alloc().directBuffer(4 + length);
        buffer.writeIntLE(length);
        wrap(out, buffer, 4, length);
        pong.wrapAndApplyHeader(out, 0, headerOut).correlationId(correlationId);
        buffer.writerIndex(4 + length);
        context.write(buffer);
    }

    private void writeError(long correlationId, WireError error, String message) {
        final String text = shorten(message);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + ErrorResponseEncoder.BLOCK_LENGTH + 2
            + text.length();
        final ByteBuf buffer = context.alloc().directBuffer(4 + length);
        buffer.writeIntLE(length);
        wrap(out, buffer, 4, length);
        errorOut.wrapAndApplyHeader(out, 0, headerOut).correlationId(correlationId).code(error.code()).message(text);
        buffer.writerIndex(4 + length);
        context.write(buffer);
    }

    /** Answers a frame- or connection-level error and closes; nothing of the frame was published. */
    private void failConnection(WireError error, String message) {
        closing = true;
        releaseFrames();
        writeError(0, error, message);
        // Not closed at once: bytes left unread would turn the close into a reset, and the client
        // could lose the error answer.
        LingeringClose.afterWrite(context.writeAndFlush(context.alloc().buffer(0)));
    }

    private void releaseFrames() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        ByteBuf queuedFrame;
        while ((queuedFrame = queued.poll()) != null) {
            queuedFrame.release();
        }
    }

    /** Error texts are kept short and ASCII, so an error always fits its response record. */
    private static String shorten(String text) {
        final String value = (text == null ? "" : text).replaceAll("[^\\x20-\\x7E]", "?");
        return value.length() <= MAX_ERROR_TEXT ? value : value.substring(0, MAX_ERROR_TEXT);
    }

    private static void wrap(UnsafeBuffer view, ByteBuf buffer) {
        wrap(view, buffer, buffer.readerIndex(), buffer.readableBytes());
    }

    private static void wrap(UnsafeBuffer view, ByteBuf buffer, int index, int length) {
        if (buffer.hasMemoryAddress()) {
            view.wrap(buffer.memoryAddress() + index, length);
        } else {
            view.wrap(buffer.nioBuffer(index, length).order(ByteOrder.LITTLE_ENDIAN), 0, length);
        }
    }
}
