package io.surge.engine.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.gateway.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard page, {@code /stats/live} and the {@code /stats/stream} events over real sockets. */
class LiveDashboardHttpTest {
    /** Every key of /stats/live, in order (README "Live dashboard" documents each). */
    static final List<String> LIVE_KEYS = List.of("journalSequence", "engineTimeMs", "generatedAtMs", "caughtUp",
        "gmvPaidCents", "gmvReservedCents", "ordersReserved", "ordersRejected", "ordersPaid", "ordersCancelled",
        "ordersExpired", "pendingReservations", "pendingCents", "rejectedByReason", "ordersPerSecondNow",
        "peakOrdersPerSecond", "ordersPerSecondEndMs", "ordersPerSecond", "topSkusByUnits", "topSkusByGmv",
        "topMerchantsByUnits", "topMerchantsByGmv", "sellOuts", "skusSoldOut", "firstSellOut", "recentSellOuts");

    @TempDir
    Path dataDir;

    private Server server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();

    private void start(int maxStreamClients) throws Exception {
        final GatewaySettings g = HttpGatewayTest.gateway("", 65_536, 50);
        server = Server.start(HttpGatewayTest.config(dataDir, new GatewaySettings(g.tcpHost(), 0, g.maxFrameBytes(),
            g.maxConnections(), g.maxInFlight(), g.httpHost(), 0, g.maxBodyBytes(), g.adminToken(), g.busyWaitMs(),
            g.ioThreads(), maxStreamClients)).build());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws Exception {
        final HttpResponse<String> response = send("GET", path, null);
        assertEquals(200, response.statusCode(), response.body());
        return HttpGatewayTest.JSON.readTree(response.body());
    }

    @Test
    void servesTheBundledDashboardAtTheRoot() throws Exception {
        start(4);
        final HttpResponse<String> page = send("GET", "/", null);
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        assertTrue(page.headers().firstValue("content-security-policy").orElseThrow().startsWith("default-src 'self'"));
        assertTrue(page.body().contains("new EventSource(\"/stats/stream\")"), "the page follows the event stream");
        assertFalse(page.body().matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing is fetched from elsewhere");
        final HttpResponse<String> head = send("HEAD", "/", null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(page.headers().firstValue("content-length"), head.headers().firstValue("content-length"));
        assertEquals(405, send("POST", "/", "{}").statusCode());
        assertEquals(404, send("GET", "/stats/nothing", null).statusCode());
    }

    @Test
    void servesTheLiveViewAsJsonAgreeingWithStats() throws Exception {
        start(4);
        assertEquals(200, send("PUT", "/skus/42", "{\"merchantId\":3,\"priceCents\":19900,\"available\":2}").statusCode());
        assertEquals(200, send("POST", "/orders", HttpGatewayTest.ORDER).statusCode());
        assertEquals(200, send("POST", "/orders/1001/pay", null).statusCode());
        final long gmv = json("/stats").get("gmvCents").asLong();
        assertEquals(39_800, gmv);
        JsonNode live = json("/stats/live");
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (live.get("gmvPaidCents").asLong() != gmv || !live.get("caughtUp").asBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the live view never caught up: " + live);
            Thread.sleep(20);
            live = json("/stats/live");
        }
        final List<String> keys = new ArrayList<>();
        live.fieldNames().forEachRemaining(keys::add);
        assertEquals(LIVE_KEYS, keys);
        assertEquals(1, live.get("ordersPaid").asLong());
        assertEquals(1, live.get("skusSoldOut").asLong());
        assertEquals(42, live.get("recentSellOuts").get(0).get("sku").asLong());
        assertEquals(3, live.get("topSkusByGmv").get(0).get("merchantId").asLong());
        assertEquals(300, live.get("ordersPerSecond").size());
        assertEquals(200, send("HEAD", "/stats/live", null).statusCode());
        assertEquals(405, send("POST", "/stats/live", null).statusCode());
    }

    @Test
    void streamsTheLiveViewAsServerSentEvents() throws Exception {
        start(4);
        try (EventStreamClient stream = new EventStreamClient(server.httpPort(), "/stats/stream")) {
            assertEquals(200, stream.status());
            assertEquals("text/event-stream; charset=utf-8", stream.headers().get("content-type"));
            assertEquals("chunked", stream.headers().get("transfer-encoding"));
            assertEquals("no-cache", stream.headers().get("cache-control"));
            assertEquals("retry: 1000", stream.nextEvent(), "the browser reconnects a second after losing the server");
            final long started = System.nanoTime();
            final JsonNode first = HttpGatewayTest.JSON.readTree(stream.nextData());
            assertEquals(0, first.get("gmvPaidCents").asLong());
            assertEquals(200, send("PUT", "/skus/42", "{\"merchantId\":3,\"priceCents\":19900,\"available\":5}").statusCode());
            assertEquals(200, send("POST", "/orders", HttpGatewayTest.ORDER).statusCode());
            assertEquals(200, send("POST", "/orders/1001/pay", null).statusCode());
            JsonNode event = HttpGatewayTest.JSON.readTree(stream.nextData());
            int events = 2;
            while (event.get("gmvPaidCents").asLong() != 39_800) {
                event = HttpGatewayTest.JSON.readTree(stream.nextData());
                events++;
            }
            final double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(events >= 2, "at least two events");
            assertTrue(seconds < 5, "the payment showed up after " + seconds + " s");
        }
    }

    @Test
    void refusesStreamsBeyondTheLimitWithA503AndFreesThePlaceOnHangUp() throws Exception {
        start(1);
        try (EventStreamClient first = new EventStreamClient(server.httpPort(), "/stats/stream")) {
            assertEquals(200, first.status());
            try (EventStreamClient second = new EventStreamClient(server.httpPort(), "/stats/stream")) {
                assertEquals(503, second.status());
                assertEquals("5", second.headers().get("retry-after"));
                assertTrue(second.body().contains("gateway.http.maxStreamClients"));
            }
            assertEquals(200, send("HEAD", "/stats/stream", null).statusCode(), "HEAD takes no place");
        }
        final long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (EventStreamClient again = new EventStreamClient(server.httpPort(), "/stats/stream")) {
                if (again.status() == 200) {
                    assertTrue(again.nextData() != null);
                    break;
                }
            }
            assertTrue(System.nanoTime() < deadline, "the place of a closed stream was never given back");
            Thread.sleep(20);
        }
    }

    @Test
    void aGracefulStopEndsOpenStreamsProperly() throws Exception {
        start(4);
        try (EventStreamClient stream = new EventStreamClient(server.httpPort(), "/stats/stream")) {
            assertTrue(stream.nextData() != null);
            server.close();
            server = null;
            assertTrue(stream.endedCleanly(), "the last chunk, then the connection closes");
            assertNull(stream.nextEvent());
        }
    }
}
