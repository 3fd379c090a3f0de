package io.surge.engine.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Routing decisions that need no socket: admin rights by caller address, path parsing. */
class RouterTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 40_000);
    private static final InetSocketAddress ELSEWHERE = new InetSocketAddress("192.0.2.10", 40_000); // never contacted

    @Test
    void withoutATokenAdminCallsAreForLoopbackCallersOnly() {
        final Router router = new Router("", null, () -> null, () -> null);
        final String body = "{\"merchantId\":1,\"priceCents\":1,\"available\":1}";
        assertInstanceOf(EngineCalls.DefineSku.class, router.route(request(HttpMethod.PUT, "/skus/1", body), LOOPBACK));
        final Reply denied = (Reply) router.route(request(HttpMethod.PUT, "/skus/1", body), ELSEWHERE);
        assertEquals(401, denied.status().code());
        assertEquals(401, ((Reply) router.route(request(HttpMethod.POST, "/skus/1/restock", "{\"qty\":1}"), ELSEWHERE))
            .status().code());
        assertInstanceOf(EngineCalls.SkuQuery.class, router.route(request(HttpMethod.GET, "/skus/1", null), ELSEWHERE),
            "reads are for everyone");
    }

    @Test
    void withATokenAnyAddressMayCallAdminWithIt() {
        final Router router = new Router("t0ken", null, () -> null, () -> null);
        final FullHttpRequest request = request(HttpMethod.POST, "/skus/1/restock", "{\"qty\":1}");
        request.headers().set("Authorization", "Bearer t0ken");
        assertInstanceOf(EngineCalls.Restock.class, router.route(request, ELSEWHERE));
        assertEquals(401, ((Reply) router.route(request(HttpMethod.POST, "/skus/1/restock", "{\"qty\":1}"), LOOPBACK))
            .status().code(), "with a token configured, loopback needs it too");
    }

    @Test
    void pathsAndIds() throws Exception {
        assertEquals("/orders/1", Router.path("/orders/1?x=1#y"));
        assertEquals("/orders/1", Router.path("http://localhost:7480/orders/1"));
        assertNull(Router.path("*"));
        assertEquals(Long.MAX_VALUE, Router.pathId("9223372036854775807", "orderId"));
        for (String bad : new String[] {"", "0", "-1", "+1", "9223372036854775808", "99999999999999999999", "1a", " 1"}) {
            try {
                Router.pathId(bad, "orderId");
                throw new AssertionError("accepted " + bad);
            } catch (BadRequest e) {
                assertEquals("orderId: must be a positive 64-bit integer (in the path)", e.getMessage());
            }
        }
    }

    private static FullHttpRequest request(HttpMethod method, String uri, String body) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
            body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    }
}
