package io.surge.bench.load;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.surge.bench.workload.CatalogueSpec;
import io.surge.bench.workload.SaleSpec;
import io.surge.engine.gateway.NettyTransport;

import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Loads a workload's catalogue into the server through its admin HTTP API before a run: {@code PUT
 * /skus/{sku}} for every SKU (which also resets a re-run's stock), then {@code PUT /sales/{id}} for
 * the sale, if any, opening at the given time. Call from one thread.
 * <p>
 * {@value #CONNECTIONS} keep-alive connections, one request at a time each, on Netty with
 * {@code TCP_NODELAY}. The JDK's {@code HttpClient} sends a request's headers and body as two
 * writes without {@code TCP_NODELAY}, so each body waits for the server's delayed ACK of the
 * headers: about 40 ms a request, and 10,000 SKUs took 10 s instead of one.
 */
final class CatalogueLoader {
    private static final int CONNECTIONS = 16;
    /** Gives up when no answer came for this long. */
    private static final long QUIET_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_BODY_ECHO = 200;

    private final URI admin;
    private final String token;

    /**
     * @param admin the admin API's base URL, e.g. {@code http://127.0.0.1:7480}
     * @param token the bearer token, or null when the server accepts loopback callers without one
     */
    CatalogueLoader(URI admin, String token) {
        this.admin = admin;
        this.token = token == null || token.isEmpty() ? null : token;
    }

    /** Defines every SKU, then the sale (window from {@code saleStartMs}); throws {@link LoadException} naming the first failure. */
    void load(CatalogueSpec catalogue, long saleStartMs) {
        final List<AdminPut> skus = new ArrayList<>(catalogue.skuCount());
        for (int i = 0; i < catalogue.skuCount(); i++) {
            final long sku = catalogue.sku(i);
            skus.add(new AdminPut("/skus/" + sku, "{\"merchantId\":" + catalogue.merchantId(sku) + ",\"priceCents\":"
                + catalogue.priceCents(sku) + ",\"available\":" + catalogue.initialStock(sku) + "}"));
        }
        send(skus);
        if (catalogue.sale().isPresent()) {
            final SaleSpec sale = catalogue.sale().get();
            final String saleSkus = java.util.Arrays.stream(sale.skus()).mapToObj(Long::toString).collect(Collectors.joining(","));
            send(List.of(new AdminPut("/sales/" + sale.saleId(), "{\"startMs\":" + saleStartMs + ",\"endMs\":"
                + (saleStartMs + sale.durationMs()) + ",\"skus\":[" + saleSkus + "],\"limitPerCustomer\":"
                + sale.limitPerCustomer() + "}")));
        }
    }

    /** One admin call: a path and its JSON body. */
    private record AdminPut(String path, String body) {
    }

    /** Sends every request over up to {@link #CONNECTIONS} connections and waits for every answer. */
    private void send(List<AdminPut> requests) {
        if (requests.isEmpty()) {
            return;
        }
        final EventLoopGroup group = NettyTransport.best().newGroup(1, new DefaultThreadFactory("load-admin", true));
        try {
            final Batch batch = new Batch(requests, Math.min(CONNECTIONS, requests.size()));
            for (int i = 0; i < batch.connections; i++) {
                final AdminConnection connection = new AdminConnection(batch);
                final ChannelFuture connected = HttpTarget.clientBootstrap(group, connection)
                    .connect(admin.getHost(), port()).awaitUninterruptibly();
                if (!connected.isSuccess()) {
                    throw explain(connected.cause());
                }
                connection.sendNext(connected.channel());
            }
            batch.await();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private int port() {
        return admin.getPort() > 0 ? admin.getPort() : 80;
    }

    /** The requests of one {@link #send}, shared by its connections. */
    private final class Batch {
        final List<AdminPut> requests;
        final int connections;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger answered = new AtomicInteger();
        final AtomicReference<LoadException> failure = new AtomicReference<>();
        final CountDownLatch finished;

        Batch(List<AdminPut> requests, int connections) {
            this.requests = requests;
            this.connections = connections;
            this.finished = new CountDownLatch(connections);
        }

        void fail(LoadException problem) {
            failure.compareAndSet(null, problem);
        }

        /** Waits until every connection is done; fails on the first bad answer or after a quiet spell. */
        void await() {
            int lastAnswered = -1;
            long lastProgressNanos = System.nanoTime();
            try {
                while (!finished.await(200, TimeUnit.MILLISECONDS)) {
                    final int now = answered.get();
                    if (now != lastAnswered) {
                        lastAnswered = now;
                        lastProgressNanos = System.nanoTime();
                    } else if (System.nanoTime() - lastProgressNanos > QUIET_TIMEOUT_NANOS) {
                        fail(new LoadException("the admin API (--admin " + admin + ") did not answer within "
                            + TimeUnit.NANOSECONDS.toSeconds(QUIET_TIMEOUT_NANOS) + " s"));
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new LoadException("interrupted while loading the catalogue"));
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }

    /** One keep-alive connection: sends the batch's next request whenever the previous one is answered. */
    private final class AdminConnection extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Batch batch;
        private AdminPut inFlight;
        private boolean done;

        AdminConnection(Batch batch) {
            this.batch = batch;
        }

        void sendNext(Channel channel) {
            final int index = batch.next.getAndIncrement();
            if (index >= batch.requests.size() || batch.failure.get() != null) {
                finish(channel);
                return;
            }
            inFlight = batch.requests.get(index);
            final byte[] body = inFlight.body().getBytes(StandardCharsets.UTF_8);
            final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, inFlight.path(),
                Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, admin.getHost() + ":" + port())
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (token != null) {
                request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
            }
            channel.writeAndFlush(request);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (inFlight == null) {
                return; // an answer nobody asked for
            }
            if (!response.decoderResult().isSuccess()) {
                batch.fail(new LoadException("--admin " + admin + " did not answer in HTTP: is it Surge's HTTP port"
                    + " (gateway.http.port), not the TCP one?"));
                inFlight = null;
                ctx.close();
                return;
            }
            final String body = response.content().toString(StandardCharsets.UTF_8);
            final int code = response.status().code();
            if (code != 200 || !"ACCEPTED".equals(HttpResponseHandler.field(body, "status"))) {
                batch.fail(new LoadException("the admin API (--admin " + admin + ") answered PUT " + inFlight.path() + " with "
                    + code + " " + shorten(body) + (code == 401 ? " (give --admin-token)" : "")));
            }
            batch.answered.incrementAndGet();
            inFlight = null;
            sendNext(ctx.channel());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done) {
                batch.fail(new LoadException("the admin API (--admin " + admin + ") closed the connection"
                    + (inFlight == null ? "" : " before answering PUT " + inFlight.path())));
                finish(ctx.channel());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            batch.fail(new LoadException("the admin API at " + admin + " (--admin) failed: " + cause));
            ctx.close();
        }

        private void finish(Channel channel) {
            if (!done) {
                done = true;
                batch.finished.countDown();
                channel.close();
            }
        }
    }

    private LoadException explain(Throwable cause) {
        for (Throwable link = cause; link != null; link = link.getCause()) {
            if (link instanceof ConnectException) {
                return new LoadException("cannot reach the admin API at " + admin + " (--admin): connection refused");
            }
        }
        return new LoadException("cannot reach the admin API at " + admin + " (--admin): " + cause);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_BODY_ECHO ? text : text.substring(0, MAX_BODY_ECHO) + "...";
    }
}
