package io.surge.engine.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Stands in the pipeline for a request whose body is over {@code gateway.http.maxBodyBytes}, so
 * that the connection answers it (413, JSON) in its turn among pipelined requests. The aggregator
 * discards the rest of that body, so a keep-alive connection stays usable.
 */
final class OversizedRequest {
    static final OversizedRequest KEEP_ALIVE = new OversizedRequest(true);
    static final OversizedRequest CLOSE = new OversizedRequest(false);

    final boolean keepAlive;

    private OversizedRequest(boolean keepAlive) {
        this.keepAlive = keepAlive;
    }

    /**
     * Netty's aggregator, except that an oversized request travels on as an {@link OversizedRequest}
     * instead of being answered (with an empty body, out of turn) by the aggregator itself.
     */
    static final class Aggregator extends HttpObjectAggregator {
        Aggregator(int maxBodyBytes) {
            super(maxBodyBytes);
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
                return null; // no "100 Continue": handled below as oversized
            }
            return super.newContinueResponse(start, maxContentLength, pipeline);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ctx.fireChannelRead(HttpUtil.isKeepAlive(oversized) ? KEEP_ALIVE : CLOSE);
        }
    }
}
