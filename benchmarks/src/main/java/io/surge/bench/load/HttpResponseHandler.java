package io.surge.bench.load;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.surge.engine.domain.RejectReason;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Matches each HTTP response to the oldest unanswered request of its connection (HTTP/1.1 answers
 * in request order) and reports it. A 200 carries the engine's decision in {@code "status"} (and
 * {@code "reason"}); any other status is an error. Requests are queued by the sender thread,
 * answered on the event loop.
 */
final class HttpResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private static final int MAX_ERROR_ECHO = 120;

    private final Queue<ResponseCallback> waiting = new ConcurrentLinkedQueue<>();
    private volatile String failure;

    /** Sender thread: registers the callback of a request about to be written. */
    void expect(ResponseCallback callback) {
        waiting.add(callback);
    }

    String failure() {
        return failure;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        final ResponseCallback callback = waiting.poll();
        if (callback == null) {
            return; // an answer nobody asked for
        }
        if (!response.decoderResult().isSuccess()) {
            callback.answered(Outcome.ERROR, null, "not an HTTP answer (is --target the HTTP port, not the TCP one?)");
            return;
        }
        final String body = response.content().toString(StandardCharsets.UTF_8);
        if (!response.status().equals(HttpResponseStatus.OK)) {
            callback.answered(Outcome.ERROR, null, "HTTP " + response.status().code() + ": " + shorten(body));
            return;
        }
        final String status = field(body, "status");
        if (status == null) {
            callback.answered(Outcome.ERROR, null, "HTTP 200 without a status: " + shorten(body));
            return;
        }
        switch (status) {
            case "RESERVED" -> callback.answered(Outcome.RESERVED, null, null);
            case "REJECTED" -> callback.answered(Outcome.REJECTED, reason(field(body, "reason")), null);
            case "PAID" -> callback.answered(Outcome.PAID, null, null);
            case "CANCELLED" -> callback.answered(Outcome.CANCELLED, null, null);
            default -> callback.answered(Outcome.ERROR, null, "HTTP 200 with status " + status);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (failure == null) {
            failure = "the server closed the connection";
        }
        ResponseCallback callback;
        while ((callback = waiting.poll()) != null) {
            callback.answered(Outcome.ERROR, null, failure);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failure = cause.toString();
        ctx.close();
    }

    /** The value of a string field in the server's compact JSON ({@code "name":"value"}), or null. */
    static String field(String json, String name) {
        final String key = "\"" + name + "\":\"";
        final int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        final int start = at + key.length();
        final int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    private static RejectReason reason(String name) {
        if (name == null) {
            return null;
        }
        try {
            return RejectReason.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_ECHO ? text : text.substring(0, MAX_ERROR_ECHO) + "...";
    }
}
