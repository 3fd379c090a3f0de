package io.surge.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.surge.bench.workload.GeneratedOrder;

/**
 * One keep-alive HTTP/1.1 connection, one request at a time ({@link #maxOutstanding()} is 1: no
 * pipelining, like an ordinary HTTP client), so C connections have at most C requests in flight.
 * Bodies are the exact API contract: {@code {"orderId":1001,"customerId":7,"lines":[{"sku":42,
 * "qty":2,"priceCents":19900}]}}.
 */
final class HttpTargetConnection implements TargetConnection {
    private final Channel channel;
    private final HttpResponseHandler handler;
    private final String hostHeader;
    private final StringBuilder body = new StringBuilder(256);

    HttpTargetConnection(Channel channel, HttpResponseHandler handler, String hostHeader) {
        this.channel = channel;
        this.handler = handler;
        this.hostHeader = hostHeader;
    }

    @Override
    public void placeOrder(GeneratedOrder order, ResponseCallback callback) {
        body.setLength(0);
        body.append("{\"orderId\":").append(order.orderId()).append(",\"customerId\":").append(order.customerId())
            .append(",\"lines\":[");
        for (int i = 0; i < order.lineCount(); i++) {
            body.append(i == 0 ? "{\"sku\":" : ",{\"sku\":").append(order.sku(i)).append(",\"qty\":").append(order.quantity(i))
                .append(",\"priceCents\":").append(order.priceCents(i)).append('}');
        }
        body.append("]}");
        send("/orders", body, callback);
    }

    @Override
    public void confirmPayment(long orderId, ResponseCallback callback) {
        send("/orders/" + orderId + "/pay", null, callback);
    }

    @Override
    public void cancelOrder(long orderId, ResponseCallback callback) {
        send("/orders/" + orderId + "/cancel", null, callback);
    }

    @Override
    public int maxOutstanding() {
        return 1;
    }

    @Override
    public String failure() {
        return handler.failure() != null ? handler.failure() : channel.isActive() ? null : "the connection is closed";
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private void send(String path, CharSequence json, ResponseCallback callback) {
        if (!channel.isActive()) {
            callback.answered(Outcome.ERROR, null, failure());
            return;
        }
        final ByteBuf content = channel.alloc().buffer(json == null ? 0 : json.length());
        if (json != null) {
            ByteBufUtil.writeAscii(content, json);
        }
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, content);
        request.headers().set(HttpHeaderNames.HOST, hostHeader)
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
        handler.expect(callback);
        channel.writeAndFlush(request);
    }
}
