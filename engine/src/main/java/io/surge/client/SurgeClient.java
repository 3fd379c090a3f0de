package io.surge.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.gateway.NettyTransport;
import io.surge.engine.gateway.wire.CancelOrderRequestEncoder;
import io.surge.engine.gateway.wire.ConfirmPaymentRequestEncoder;
import io.surge.engine.gateway.wire.ErrorResponseDecoder;
import io.surge.engine.gateway.wire.HelloEncoder;
import io.surge.engine.gateway.wire.MessageHeaderDecoder;
import io.surge.engine.gateway.wire.MessageHeaderEncoder;
import io.surge.engine.gateway.wire.OrderResponseDecoder;
import io.surge.engine.gateway.wire.PingEncoder;
import io.surge.engine.gateway.wire.PlaceOrderRequestEncoder;
import io.surge.engine.gateway.wire.PongDecoder;
import io.surge.engine.gateway.wire.WelcomeDecoder;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Java client of Surge's binary TCP protocol (docs/protocol.md): asynchronous, pipelined and
 * batching. Requests from any thread are encoded into the current batch; the connection's event
 * loop sends each batch as one frame, so under load many requests share a frame. Never more than
 * the server's {@code maxInFlight} requests are outstanding: beyond that a caller waits.
 * <p>
 * Thread-safe. Callbacks and futures complete on the client's event-loop thread: do not block
 * there.
 */
public final class SurgeClient implements AutoCloseable {
    private static final int PROTOCOL_VERSION = 1;

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Channel channel;
    private final Semaphore inFlight;
    private final int maxFrameBytes;
    private final int maxInFlight;
    private final Object lock = new Object();
    private final Long2ObjectHashMap<Consumer<OrderResult>> waiting = new Long2ObjectHashMap<>();
    private final ExpandableDirectByteBuffer batch = new ExpandableDirectByteBuffer(64 * 1024);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final PlaceOrderRequestEncoder place = new PlaceOrderRequestEncoder();
    private final ConfirmPaymentRequestEncoder pay = new ConfirmPaymentRequestEncoder();
    private final CancelOrderRequestEncoder cancel = new CancelOrderRequestEncoder();
    private final PingEncoder ping = new PingEncoder();
    private final Runnable sendTask = this::sendBatch;
    private int batchLength;
    private boolean sendScheduled;
    private long nextCorrelationId = 1;
    private volatile SurgeClientException failure;

    private SurgeClient(EventLoopGroup group, boolean ownsGroup, Channel channel, int maxFrameBytes, int maxInFlight) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** Connects, says hello and waits for the server's welcome (at most 10 seconds). */
    public static SurgeClient connect(String host, int port) {
        return connect(host, port, null);
    }

    /** Like {@link #connect(String, int)} on a shared event-loop group (many connections, few threads). */
    public static SurgeClient connect(String host, int port, EventLoopGroup sharedGroup) {
        final EventLoopGroup group = sharedGroup != null ? sharedGroup
            : NettyTransport.best().newGroup(1);
        final CompletableFuture<int[]> welcome = new CompletableFuture<>();
        final Inbound inbound = new Inbound(welcome);
        try {
            final Channel channel = new Bootstrap().group(group).channel(NettyTransport.of(group).clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                            .addLast(new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN, Integer.MAX_VALUE, 0, 4, 0, 4, true))
                            .addLast(inbound);
                    }
                })
                .connect(host, port).sync().channel();
            channel.writeAndFlush(helloFrame(channel.alloc()));
            final int[] limits = welcome.get(10, TimeUnit.SECONDS);
            final SurgeClient client = new SurgeClient(group, sharedGroup == null, channel, limits[0], limits[1]);
            inbound.client = client;
            return client;
        } catch (Exception e) {
            if (sharedGroup == null) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw new SurgeClientException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public CompletableFuture<OrderResult> placeOrder(long orderId, long customerId, OrderLines lines) {
        final CompletableFuture<OrderResult> future = new CompletableFuture<>();
        placeOrder(orderId, customerId, lines, future::complete);
        return future;
    }

    public CompletableFuture<OrderResult> confirmPayment(long orderId) {
        final CompletableFuture<OrderResult> future = new CompletableFuture<>();
        confirmPayment(orderId, future::complete);
        return future;
    }

    public CompletableFuture<OrderResult> cancelOrder(long orderId) {
        final CompletableFuture<OrderResult> future = new CompletableFuture<>();
        cancelOrder(orderId, future::complete);
        return future;
    }

    /** Places an order; {@code onResult} hears the answer on the client's event loop. */
    public void placeOrder(long orderId, long customerId, OrderLines lines, Consumer<OrderResult> onResult) {
        acquire();
        synchronized (lock) {
            final long correlationId = register(onResult);
            place.wrapAndApplyHeader(batch, batchLength, header).correlationId(correlationId).orderId(orderId).customerId(customerId);
            final PlaceOrderRequestEncoder.LinesEncoder encoded = place.linesCount(lines.count());
            for (int i = 0; i < lines.count(); i++) {
                encoded.next().sku(lines.sku(i)).quantity(lines.quantity(i)).unitPriceCents(lines.unitPriceCents(i));
            }
            added(MessageHeaderEncoder.ENCODED_LENGTH + place.encodedLength());
        }
    }

    public void confirmPayment(long orderId, Consumer<OrderResult> onResult) {
        acquire();
        synchronized (lock) {
            final long correlationId = register(onResult);
            pay.wrapAndApplyHeader(batch, batchLength, header).correlationId(correlationId).orderId(orderId);
            added(MessageHeaderEncoder.ENCODED_LENGTH + pay.encodedLength());
        }
    }

    public void cancelOrder(long orderId, Consumer<OrderResult> onResult) {
        acquire();
        synchronized (lock) {
            final long correlationId = register(onResult);
            cancel.wrapAndApplyHeader(batch, batchLength, header).correlationId(correlationId).orderId(orderId);
            added(MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength());
        }
    }

    /** Round trip to the server; completes with the correlation id echoed. */
    public CompletableFuture<OrderResult> ping() {
        final CompletableFuture<OrderResult> future = new CompletableFuture<>();
        acquire();
        synchronized (lock) {
            final long correlationId = register(future::complete);
            ping.wrapAndApplyHeader(batch, batchLength, header).correlationId(correlationId);
            added(MessageHeaderEncoder.ENCODED_LENGTH + ping.encodedLength());
        }
        return future;
    }

    /** Requests sent and not yet answered. */
    public int outstanding() {
        return maxInFlight - inFlight.availablePermits();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    // ------------------------------------------------------------------ internals

    private void acquire() {
        final SurgeClientException failed = failure;
        if (failed != null) {
            throw failed;
        }
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SurgeClientException("interrupted while waiting for room to send", e);
        }
    }

    private long register(Consumer<OrderResult> onResult) {
        final long correlationId = nextCorrelationId++;
        waiting.put(correlationId, onResult);
        return correlationId;
    }

    /** Called under the lock after a request was encoded into the batch. */
    private void added(int length) {
        batchLength += length;
        if (!sendScheduled) {
            sendScheduled = true;
            channel.eventLoop().execute(sendTask);
        }
    }

    /** Event loop: sends the batch as frames of at most maxFrameBytes. */
    private void sendBatch() {
        final ByteBuf out;
        synchronized (lock) {
            sendScheduled = false;
            if (batchLength == 0) {
                return;
            }
            out = channel.alloc().directBuffer(batchLength + 4 * (1 + batchLength / maxFrameBytes));
            int position = 0;
            final MessageHeaderDecoder reader = new MessageHeaderDecoder();
            while (position < batchLength) {
                final int frameStart = position;
                int frameEnd = position;
                while (frameEnd < batchLength) {
                    final int size = messageLength(reader, frameEnd);
                    if (frameEnd + size - frameStart > maxFrameBytes && frameEnd > frameStart) {
                        break;
                    }
                    frameEnd += size;
                }
                out.writeIntLE(frameEnd - frameStart);
                out.writeBytes(batch.byteBuffer().duplicate().position(frameStart).limit(frameEnd));
                position = frameEnd;
            }
            batchLength = 0;
        }
        channel.writeAndFlush(out);
    }

    /** The length of the encoded request at {@code offset} in the batch (header + block + lines). */
    private int messageLength(MessageHeaderDecoder reader, int offset) {
        reader.wrap(batch, offset);
        int length = MessageHeaderDecoder.ENCODED_LENGTH + reader.blockLength();
        if (reader.templateId() == PlaceOrderRequestEncoder.TEMPLATE_ID) {
            final int groupAt = offset + length;
            final int entryLength = batch.getShort(groupAt, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            final int entries = batch.getShort(groupAt + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            length += 4 + entryLength * entries;
        }
        return length;
    }

    private void answered(OrderResult result) {
        final Consumer<OrderResult> onResult;
        synchronized (lock) {
            onResult = waiting.remove(result.correlationId());
        }
        if (onResult != null) {
            inFlight.release();
            onResult.accept(result);
        }
    }

    private void fail(SurgeClientException cause) {
        failure = cause;
        final Long2ObjectHashMap<Consumer<OrderResult>> orphans;
        synchronized (lock) {
            orphans = new Long2ObjectHashMap<>(waiting);
            waiting.clear();
        }
        orphans.forEach((correlationId, onResult) -> onResult.accept(new OrderResult(correlationId, 0,
            OrderResult.Status.ERROR, null, -1, 0, 0, 0, 0, cause.getMessage())));
        inFlight.release(orphans.size());
    }

    private static ByteBuf helloFrame(ByteBufAllocator allocator) {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + HelloEncoder.BLOCK_LENGTH;
        final ByteBuf frame = allocator.directBuffer(4 + length);
        frame.writeIntLE(length);
        final UnsafeBuffer view = new UnsafeBuffer(frame.memoryAddress() + 4, length);
        new HelloEncoder().wrapAndApplyHeader(view, 0, new MessageHeaderEncoder()).protocolVersion(PROTOCOL_VERSION);
        frame.writerIndex(4 + length);
        return frame;
    }

    /** Decodes the server's frames. */
    private static final class Inbound extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<int[]> welcome;
        private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final WelcomeDecoder welcomeDecoder = new WelcomeDecoder();
        private final OrderResponseDecoder response = new OrderResponseDecoder();
        private final ErrorResponseDecoder error = new ErrorResponseDecoder();
        private final PongDecoder pong = new PongDecoder();
        private volatile SurgeClient client;
        private String closedBecause;

        Inbound(CompletableFuture<int[]> welcome) {
            this.welcome = welcome;
        }

        @Override
        public boolean isSharable() {
            return false;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            final ByteBuf buffer = (ByteBuf) message;
            try {
                frame.wrap(buffer.memoryAddress() + buffer.readerIndex(), buffer.readableBytes());
                int position = 0;
                while (position < buffer.readableBytes()) {
                    header.wrap(frame, position);
                    final int body = position + MessageHeaderDecoder.ENCODED_LENGTH;
                    final int blockLength = header.blockLength();
                    final int version = header.version();
                    position = body + blockLength;
                    switch (header.templateId()) {
                        case WelcomeDecoder.TEMPLATE_ID -> {
                            welcomeDecoder.wrap(frame, body, blockLength, version);
                            welcome.complete(new int[] {(int) welcomeDecoder.maxFrameBytes(), (int) welcomeDecoder.maxInFlight()});
                        }
                        case OrderResponseDecoder.TEMPLATE_ID -> {
                            response.wrap(frame, body, blockLength, version);
                            final RejectReason reason = RejectReason.fromCode(response.reason());
                            deliver(new OrderResult(response.correlationId(), response.orderId(), status(response.status()),
                                reason == null ? null : reason.name(), response.lineIndex(), response.sku(),
                                response.expiresAtMs(), response.sequence(), 0, null));
                        }
                        case ErrorResponseDecoder.TEMPLATE_ID -> {
                            error.wrap(frame, body, blockLength, version);
                            final long correlationId = error.correlationId();
                            final int code = error.code();
                            final String text = error.message();
                            position = error.limit();
                            if (correlationId == 0) {
                                closedBecause = "server error " + code + ": " + text;
                                welcome.completeExceptionally(new SurgeClientException(closedBecause));
                            } else {
                                deliver(new OrderResult(correlationId, 0, OrderResult.Status.ERROR, null, -1, 0, 0, 0, code, text));
                            }
                        }
                        case PongDecoder.TEMPLATE_ID -> deliver(new OrderResult(pong.wrap(frame, body, blockLength, version)
                            .correlationId(), 0, OrderResult.Status.RESERVED, null, -1, 0, 0, 0, 0, "pong"));
                        default -> {
                            // a newer server's message: skip it
                        }
                    }
                }
            } finally {
                buffer.release();
            }
        }

        private void deliver(OrderResult result) {
            final SurgeClient owner = client;
            if (owner != null) {
                owner.answered(result);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            final String why = closedBecause != null ? closedBecause : "the server closed the connection";
            welcome.completeExceptionally(new SurgeClientException(why));
            final SurgeClient owner = client;
            if (owner != null) {
                owner.fail(new SurgeClientException(why));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closedBecause = cause.toString();
            ctx.close();
        }

        private static OrderResult.Status status(short code) {
            return switch (code) {
                case 1 -> OrderResult.Status.RESERVED;
                case 2 -> OrderResult.Status.REJECTED;
                case 3 -> OrderResult.Status.PAID;
                case 4 -> OrderResult.Status.CANCELLED;
                default -> OrderResult.Status.ERROR;
            };
        }
    }
}
