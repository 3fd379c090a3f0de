package io.surge.engine.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surge.engine.gateway.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends well over 100,000 invalid requests (see {@link InvalidRequests}) from a few concurrent
 * pipelining clients, then random non-HTTP bytes: the server stays up, answers each request 4xx
 * with a JSON {"error": ...} (never 5xx other than 503), and nothing reaches the journal.
 */
class HttpFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;
    private static final int REQUESTS_PER_CLIENT = 26_000;
    private static final int WINDOW = 64;
    private static final int MAX_BODY_BYTES = 4_096;
    private static final long SEED = Long.getLong("surge.fuzz.seed", 20_251_111L);

    @TempDir
    Path dataDir;

    @Test
    void invalidRequestsGetClearErrorsAndReachNothing() throws Exception {
        try (Server server = Server.start(HttpGatewayTest.config(dataDir,
            HttpGatewayTest.gateway("", MAX_BODY_BYTES, 1_000)).build())) {
            final int port = server.httpPort();
            seed(port);
            final String statsBefore = get(port, "/stats");
            final long sequenceBefore = server.engine().metrics().journaledSequence();

            final AtomicLongArray statuses = new AtomicLongArray(600);
            final long started = System.nanoTime();
            final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                final List<Future<?>> runs = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    final long seed = SEED + c;
                    runs.add(clients.submit(() -> {
                        fuzz(port, seed, statuses);
                        return null;
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(120, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            final long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            notHttp(port, SEED);

            long total = 0;
            final StringBuilder byStatus = new StringBuilder();
            for (int s = 0; s < statuses.length(); s++) {
                if (statuses.get(s) > 0) {
                    total += statuses.get(s);
                    byStatus.append(' ').append(s).append('=').append(statuses.get(s));
                }
            }
            System.out.printf("fuzz: %d invalid requests in %d ms (seed %d):%s%n", total, elapsedMs, SEED, byStatus);
            assertTrue(total >= 100_000, "sent " + total);
            assertTrue(statuses.get(400) > 0 && statuses.get(404) > 0 && statuses.get(405) > 0 && statuses.get(413) > 0,
                byStatus.toString());

            assertEquals("{\"status\":\"UP\"}", get(port, "/health"), "the server is up");
            assertEquals(statsBefore, get(port, "/stats"), "no invalid request changed the engine's state");
            assertEquals(sequenceBefore, server.engine().metrics().journaledSequence(), "nothing was journaled");
        }
    }

    /** One client: windows of pipelined requests, each answer checked. */
    private static void fuzz(int port, long seed, AtomicLongArray statuses) throws IOException {
        final InvalidRequests requests = new InvalidRequests(seed, MAX_BODY_BYTES);
        try (RawHttpClient client = new RawHttpClient(port)) {
            final List<InvalidRequests.Request> window = new ArrayList<>(WINDOW);
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream(WINDOW * 512);
            for (int sent = 0; sent < REQUESTS_PER_CLIENT; sent += WINDOW) {
                window.clear();
                bytes.reset();
                for (int i = 0; i < WINDOW; i++) {
                    final InvalidRequests.Request request = requests.next();
                    window.add(request);
                    bytes.write(request.bytes());
                }
                client.write(bytes.toByteArray());
                for (InvalidRequests.Request request : window) {
                    final RawHttpClient.Response response = client.read(!request.description().startsWith("HEAD"));
                    check(request, response);
                    statuses.incrementAndGet(response.status());
                }
            }
        }
    }

    private static void check(InvalidRequests.Request request, RawHttpClient.Response response) throws IOException {
        final int status = response.status();
        final String context = request.description() + " -> " + status + " " + response.body();
        if (status == 503) {
            assertTrue(response.headers().containsKey("retry-after"), context);
        } else {
            assertTrue(status == 400 || status == 404 || status == 405 || status == 413, context);
        }
        assertEquals("application/json", response.headers().get("content-type"), context);
        final JsonNode body = JSON.readTree(response.body());
        assertTrue(body.isObject() && body.size() == 1 && body.path("error").isTextual()
            && !body.get("error").asText().isEmpty(), context);
    }

    /** Random bytes where HTTP should be, each on its own connection: answered 400 or dropped, never a crash. */
    private static void notHttp(int port, long seed) throws IOException {
        final Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            final byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(garbage);
                socket.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.shutdownOutput();
                final InputStream in = socket.getInputStream();
                final String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                if (!answer.isEmpty()) {
                    assertTrue(answer.startsWith("HTTP/1.1 4"), answer);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server neither answered nor closed after garbage " + i, e);
            }
        }
    }

    private static void seed(int port) throws IOException {
        try (RawHttpClient client = new RawHttpClient(port)) {
            for (int sku = 1; sku <= 30; sku++) {
                assertEquals(200, client.exchange("PUT", "/skus/" + sku, "{\"merchantId\":1,\"priceCents\":100,\"available\":50}")
                    .status());
            }
            assertEquals(200, client.exchange("POST", "/orders",
                "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"sku\":1,\"qty\":1,\"priceCents\":100}]}").status());
        }
    }

    private static String get(int port, String path) throws IOException {
        try (RawHttpClient client = new RawHttpClient(port)) {
            final RawHttpClient.Response response = client.exchange("GET", path, null);
            assertEquals(200, response.status(), response.body());
            return response.body();
        }
    }
}
