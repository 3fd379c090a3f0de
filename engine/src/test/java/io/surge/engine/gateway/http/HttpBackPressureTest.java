package io.surge.engine.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.surge.engine.codec.QueryKind;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.gateway.Server;
import io.surge.engine.pipeline.CommandPublisher;
import io.surge.engine.pipeline.CommandWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.surge.engine.gateway.http.HttpGatewayTest.JSON;
import static io.surge.engine.gateway.http.HttpGatewayTest.ORDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full ring, made deterministic: a tiny ring and an engine clock that blocks the logic thread
 * until the test lets it go, so every slot stays taken.
 */
class HttpBackPressureTest {
    private static final long BUSY_WAIT_MS = 1_000;

    @TempDir
    Path dataDir;

    @Test
    void aRingThatStaysFullIsAnswered503WithRetryAfterWhileAShortStallIsRiddenOut() throws Exception {
        final AtomicBoolean hold = new AtomicBoolean();
        final CountDownLatch release = new CountDownLatch(1);
        final EngineConfig config = HttpGatewayTest.config(dataDir, HttpGatewayTest.gateway("", 65_536, BUSY_WAIT_MS))
            .ringSize(64)
            .clock(() -> {
                if (hold.get()) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return System.currentTimeMillis();
            })
            .build();
        try (Server server = Server.start(config); RawHttpClient raw = new RawHttpClient(server.httpPort())) {
            assertEquals(200, raw.exchange("PUT", "/skus/42", "{\"merchantId\":1,\"priceCents\":19900,\"available\":10}").status());

            hold.set(true); // the next command the logic thread takes stalls it
            final CommandPublisher publisher = server.engine().publisher();
            final CommandWriter query = (encoder, entry) -> encoder.query(entry, QueryKind.COUNTERS, 0);
            // Fill the ring. The journal thread may still free slots the logic thread finished
            // before it stalled (an order published into one would wait for the stall, not get
            // 503), so fill again after a pause until a round finds no room.
            int published = 0;
            boolean tookAny;
            do {
                tookAny = false;
                while (publisher.publish(query, null, 0, false)) {
                    tookAny = true;
                    assertTrue(++published <= 2 * 64, "the ring should be full by now");
                }
                Thread.sleep(100);
            } while (tookAny);

            final long started = System.nanoTime();
            final RawHttpClient.Response busy = raw.exchange("POST", "/orders", ORDER);
            final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(503, busy.status(), busy.body());
            assertEquals("1", busy.headers().get("retry-after"));
            assertTrue(JSON.readTree(busy.body()).get("error").asText().startsWith("busy:"), busy.body());
            assertTrue(waitedMs >= BUSY_WAIT_MS, "retried for gateway.http.busyWaitMs first: " + waitedMs);

            // Pipelined requests behind a busy one wait their turn, and are answered in order.
            final ByteArrayOutputStream two = new ByteArrayOutputStream();
            two.write(RawHttpClient.request("GET", "/stats", (String) null));
            two.write(RawHttpClient.request("GET", "/nowhere", (String) null));
            raw.write(two.toByteArray());
            assertEquals(503, raw.read().status());
            assertEquals(404, raw.read().status());

            // A stall shorter than busyWaitMs is ridden out: the request waits, then succeeds.
            final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            final CompletableFuture<HttpResponse<String>> pending = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/orders"))
                    .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(ORDER)).build(),
                HttpResponse.BodyHandlers.ofString());
            Thread.sleep(100);
            assertFalse(pending.isDone(), "waits while the ring is full");
            hold.set(false);
            release.countDown();
            final HttpResponse<String> placed = pending.get(20, TimeUnit.SECONDS);
            assertEquals(200, placed.statusCode(), placed.body());
            assertEquals("RESERVED", JSON.readTree(placed.body()).get("status").asText());

            final JsonNode stats = JSON.readTree(raw.exchange("GET", "/stats", null).body());
            assertEquals(1, stats.get("ordersReserved").asLong(), "the order answered 503 never reached the engine");
        } finally {
            release.countDown();
        }
    }
}
