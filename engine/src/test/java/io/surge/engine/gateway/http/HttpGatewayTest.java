package io.surge.engine.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.gateway.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP/JSON API over real sockets against a started {@link Server}: every endpoint, good
 * and bad, with java.net.http (and a raw socket where pipelining matters).
 */
class HttpGatewayTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORDER = "{\"orderId\":1001,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":2,\"priceCents\":19900}]}";

    @TempDir
    Path dataDir;

    private Server server;
    private HttpClient client;
    private String base;

    static GatewaySettings gateway(String adminToken, int maxBodyBytes, long busyWaitMs) {
        return new GatewaySettings("127.0.0.1", 0, 65_536, 1_024, 1_024, "127.0.0.1", 0, maxBodyBytes, adminToken,
            busyWaitMs, 1);
    }

    static EngineConfig.Builder config(Path dataDir, GatewaySettings gateway) {
        return EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(0).snapshotOnShutdown(false).gateway(gateway);
    }

    @BeforeEach
    void start() throws Exception {
        server = Server.start(config(dataDir, gateway("", 65_536, 50)).build());
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        base = "http://127.0.0.1:" + server.httpPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ------------------------------------------------------------------ orders

    @Test
    void theLastAnswerBeforeACloseArrivesWhateverTheClientSentAfterIt() throws Exception {
        // Bytes the server never reads would turn its close into a reset, and the client would get
        // "connection reset" instead of (or after) its answer: the server reads them until the client closes.
        final byte[] request = "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        final byte[] trailing = new byte[200_000];
        Arrays.fill(trailing, (byte) 'x');
        try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().write(trailing);
            final String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    @Test
    void placesReadsPaysAnOrderAndCountsIt() throws Exception {
        defineSku(42, 1, 19_900, 10);
        final HttpResponse<String> sku = send("GET", "/skus/42", null);
        assertEquals(200, sku.statusCode());
        assertEquals(JSON.readTree("{\"sku\":42,\"merchantId\":1,\"priceCents\":19900,\"available\":10,\"reserved\":0,\"sold\":0}"),
            JSON.readTree(sku.body()));

        final JsonNode reserved = ok("POST", "/orders", ORDER);
        assertEquals(1001, reserved.get("orderId").asLong());
        assertEquals("RESERVED", reserved.get("status").asText());
        assertTrue(reserved.get("expiresAtMs").asLong() > System.currentTimeMillis() - 60_000, reserved.toString());
        assertEquals(3, reserved.size(), reserved.toString());

        final JsonNode order = ok("GET", "/orders/1001", null);
        assertEquals(JSON.readTree("{\"orderId\":1001,\"customerId\":7,\"status\":\"RESERVED\","
            + "\"lines\":[{\"sku\":42,\"qty\":2,\"priceCents\":19900}]}"), order);
        assertEquals(2, ok("GET", "/skus/42", null).get("reserved").asLong());

        assertEquals(JSON.readTree("{\"orderId\":1001,\"status\":\"PAID\"}"), ok("POST", "/orders/1001/pay", null));
        assertEquals(404, send("GET", "/orders/1001", null).statusCode(), "a paid order is no longer held");
        final JsonNode afterPay = ok("GET", "/skus/42", null);
        assertEquals(0, afterPay.get("reserved").asLong());
        assertEquals(2, afterPay.get("sold").asLong());

        final JsonNode stats = ok("GET", "/stats", null);
        assertEquals(List.of("ordersReserved", "ordersRejected", "ordersPaid", "ordersCancelled", "ordersExpired",
            "gmvCents", "journalSequence"), fieldNames(stats));
        assertEquals(1, stats.get("ordersReserved").asLong());
        assertEquals(1, stats.get("ordersPaid").asLong());
        assertEquals(39_800, stats.get("gmvCents").asLong());
        assertEquals(server.engine().metrics().journaledSequence(), stats.get("journalSequence").asLong());
    }

    @Test
    void rejectionsAreDecidedOutcomesNamingTheSkuWhenThereIsOne() throws Exception {
        defineSku(42, 1, 19_900, 1);
        assertEquals(JSON.readTree("{\"orderId\":1001,\"status\":\"REJECTED\",\"reason\":\"OUT_OF_STOCK\",\"sku\":42}"),
            ok("POST", "/orders", ORDER));
        assertEquals(JSON.readTree("{\"orderId\":1002,\"status\":\"REJECTED\",\"reason\":\"UNKNOWN_SKU\",\"sku\":99}"),
            ok("POST", "/orders", "{\"orderId\":1002,\"customerId\":7,\"lines\":[{\"sku\":99,\"qty\":1,\"priceCents\":5}]}"));
        // The same id with other content: no offending SKU, so no "sku" field.
        assertEquals(JSON.readTree("{\"orderId\":1001,\"status\":\"REJECTED\",\"reason\":\"DUPLICATE_ORDER\"}"),
            ok("POST", "/orders", "{\"orderId\":1001,\"customerId\":8,\"lines\":[{\"sku\":42,\"qty\":1,\"priceCents\":19900}]}"));
        assertEquals(2 + 1, ok("GET", "/stats", null).get("ordersRejected").asLong());
    }

    @Test
    void cancelsAndRejectsPaymentsAndCancelsThatDoNotFit() throws Exception {
        defineSku(42, 1, 19_900, 10);
        ok("POST", "/orders", ORDER);
        assertEquals(JSON.readTree("{\"orderId\":1001,\"status\":\"CANCELLED\"}"), ok("POST", "/orders/1001/cancel", null));
        assertEquals(JSON.readTree("{\"orderId\":1001,\"status\":\"CANCELLED\"}"), ok("POST", "/orders/1001/cancel", null),
            "cancelling twice answers the same");
        assertEquals(JSON.readTree("{\"orderId\":1001,\"status\":\"REJECTED\",\"reason\":\"INVALID_STATE\"}"),
            ok("POST", "/orders/1001/pay", null));
        assertEquals(JSON.readTree("{\"orderId\":5,\"status\":\"REJECTED\",\"reason\":\"UNKNOWN_ORDER\"}"),
            ok("POST", "/orders/5/pay", null));
        assertEquals(JSON.readTree("{\"orderId\":6,\"status\":\"REJECTED\",\"reason\":\"UNKNOWN_ORDER\"}"),
            ok("POST", "/orders/6/cancel", null));
        assertEquals(10, ok("GET", "/skus/42", null).get("available").asLong());
        assertEquals(1, ok("GET", "/stats", null).get("ordersCancelled").asLong());
    }

    @Test
    void retryingAnOrderReturnsTheFirstOutcomeAndJournalsNothingMore() throws Exception {
        defineSku(42, 1, 19_900, 3);
        final String first = send("POST", "/orders", ORDER).body();
        final long sequence = ok("GET", "/stats", null).get("journalSequence").asLong();
        for (int i = 0; i < 3; i++) {
            final HttpResponse<String> retry = send("POST", "/orders", ORDER);
            assertEquals(200, retry.statusCode());
            assertEquals(first, retry.body(), "a retry is answered with the first outcome, expiry included");
        }
        final String rejected = "{\"orderId\":1002,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":5,\"priceCents\":19900}]}";
        final String firstRejection = send("POST", "/orders", rejected).body();
        assertTrue(firstRejection.contains("OUT_OF_STOCK"), firstRejection);
        ok("POST", "/skus/42/restock", "{\"qty\":100}"); // now it would fit, but a retry keeps its first answer
        assertEquals(firstRejection, send("POST", "/orders", rejected).body());

        final JsonNode stats = ok("GET", "/stats", null);
        assertEquals(1, stats.get("ordersReserved").asLong());
        assertEquals(1, stats.get("ordersRejected").asLong());
        assertEquals(sequence + 2, stats.get("journalSequence").asLong(), "only the rejection and the restock are journaled");
        assertEquals(103 - 2, ok("GET", "/skus/42", null).get("available").asLong());
    }

    // ------------------------------------------------------------------ admin

    @Test
    void adminDefinesSkusRestocksAndDefinesSalesFromLoopbackWithoutAToken() throws Exception {
        assertEquals(JSON.readTree("{\"sku\":42,\"status\":\"ACCEPTED\"}"),
            ok("PUT", "/skus/42", "{\"merchantId\":1,\"priceCents\":19900,\"available\":1000}"));
        assertEquals(JSON.readTree("{\"sku\":42,\"status\":\"ACCEPTED\"}"),
            ok("PUT", "/skus/42", "{\"merchantId\":2,\"priceCents\":18000,\"available\":5}"), "defining again sets the stock");
        assertEquals(JSON.readTree("{\"sku\":42,\"merchantId\":2,\"priceCents\":18000,\"available\":5,\"reserved\":0,\"sold\":0}"),
            ok("GET", "/skus/42", null));
        assertEquals(JSON.readTree("{\"sku\":42,\"status\":\"ACCEPTED\"}"), ok("POST", "/skus/42/restock", "{\"qty\":100}"));
        assertEquals(105, ok("GET", "/skus/42", null).get("available").asLong());
        assertEquals(JSON.readTree("{\"sku\":43,\"status\":\"REJECTED\",\"reason\":\"UNKNOWN_SKU\"}"),
            ok("POST", "/skus/43/restock", "{\"qty\":1}"));

        defineSku(43, 1, 500, 10);
        assertEquals(JSON.readTree("{\"saleId\":7,\"status\":\"ACCEPTED\"}"),
            ok("PUT", "/sales/7", "{\"startMs\":0,\"endMs\":9000000000000000000,\"skus\":[42,43],\"limitPerCustomer\":2}"));
        assertEquals(JSON.readTree("{\"orderId\":1,\"status\":\"REJECTED\",\"reason\":\"LIMIT_EXCEEDED\",\"sku\":43}"),
            ok("POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"sku\":43,\"qty\":3,\"priceCents\":500}]}"));
        assertEquals(JSON.readTree("{\"saleId\":8,\"status\":\"REJECTED\",\"reason\":\"UNKNOWN_SKU\",\"sku\":99}"),
            ok("PUT", "/sales/8", "{\"startMs\":0,\"endMs\":10,\"skus\":[42,99],\"limitPerCustomer\":0}"));
        final long future = System.currentTimeMillis() + 3_600_000;
        ok("PUT", "/sales/9", "{\"startMs\":" + future + ",\"endMs\":" + (future + 1) + ",\"skus\":[43],\"limitPerCustomer\":0}");
        assertEquals(JSON.readTree("{\"orderId\":2,\"status\":\"REJECTED\",\"reason\":\"SALE_NOT_ACTIVE\",\"sku\":43}"),
            ok("POST", "/orders", "{\"orderId\":2,\"customerId\":7,\"lines\":[{\"sku\":43,\"qty\":1,\"priceCents\":500}]}"));
    }

    @Test
    void adminCallsNeedTheConfiguredTokenOtherCallsDoNot() throws Exception {
        server.close();
        server = Server.start(config(dataDir.resolve("token"), gateway("s3cret", 65_536, 50)).build());
        base = "http://127.0.0.1:" + server.httpPort();
        final long startSequence = server.engine().metrics().journaledSequence(); // the engine's settings
        final String sku = "{\"merchantId\":1,\"priceCents\":100,\"available\":10}";
        for (String[] call : new String[][] {{"PUT", "/skus/42", sku}, {"POST", "/skus/42/restock", "{\"qty\":1}"},
            {"PUT", "/sales/7", "{\"startMs\":0,\"endMs\":10,\"skus\":[42],\"limitPerCustomer\":0}"}}) {
            final HttpResponse<String> missing = send(call[0], call[1], call[2]);
            assertEquals(401, missing.statusCode(), call[1]);
            assertTrue(error(missing).contains("Authorization"), missing.body());
            assertEquals("Bearer", missing.headers().firstValue("WWW-Authenticate").orElse(""));
            final HttpResponse<String> wrong = send(call[0], call[1], call[2], "Authorization", "Bearer guess");
            assertEquals(401, wrong.statusCode(), call[1]);
            assertTrue(error(wrong).contains("wrong admin token"), wrong.body());
            assertEquals(401, send(call[0], call[1], call[2], "Authorization", "Basic czNjcmV0").statusCode());
            // A bad body is not looked at before the caller is known.
            assertEquals(401, send(call[0], call[1], "{", "Authorization", "Bearer nope").statusCode());
        }
        assertEquals(startSequence, server.engine().metrics().journaledSequence(), "no unauthorized call reached the journal");
        assertEquals("ACCEPTED", ok("PUT", "/skus/42", sku, "Authorization", "Bearer s3cret").get("status").asText());
        assertEquals("ACCEPTED", ok("POST", "/skus/42/restock", "{\"qty\":1}", "Authorization", "bearer s3cret")
            .get("status").asText());
        assertEquals(11, ok("GET", "/skus/42", null).get("available").asLong(), "reads need no token");
        assertEquals("REJECTED", ok("POST", "/orders",
            "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":1,\"priceCents\":1}]}").get("status").asText());
    }

    // ------------------------------------------------------------------ bad requests

    @Test
    void everyBadRequestIs400NamingTheFieldAndNothingReachesTheJournal() throws Exception {
        defineSku(42, 1, 19_900, 10);
        final long sequence = server.engine().metrics().journaledSequence();
        final String line = "{\"sku\":42,\"qty\":2,\"priceCents\":19900}";
        final String[][] cases = {
            // method, path, body, the start of the error
            {"POST", "/orders", "", "body: missing"},
            {"POST", "/orders", "{", "body: malformed JSON"},
            {"POST", "/orders", "[1]", "body: must be a JSON object"},
            {"POST", "/orders", "nul", "body: malformed JSON"},
            {"POST", "/orders", ORDER + " {}", "body: malformed JSON: more data after the JSON value"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7", "body: malformed JSON: Unexpected end-of-input: expected close marker for Object (line"},
            {"POST", "/orders", "[".repeat(2_000), "body: malformed JSON: nested too deeply"},
            {"POST", "/orders", "{\"orderId\":1,\"orderId\":2,\"customerId\":7,\"lines\":[" + line + "]}", "body: malformed JSON: Duplicate field 'orderId'"},
            {"POST", "/orders", "{\"customerId\":7,\"lines\":[" + line + "]}", "orderId: missing"},
            {"POST", "/orders", "{\"orderId\":\"1001\",\"customerId\":7,\"lines\":[" + line + "]}", "orderId: must be an integer"},
            {"POST", "/orders", "{\"orderId\":1001.5,\"customerId\":7,\"lines\":[" + line + "]}", "orderId: must be an integer"},
            {"POST", "/orders", "{\"orderId\":1001.0,\"customerId\":7,\"lines\":[" + line + "]}", "orderId: must be an integer"},
            {"POST", "/orders", "{\"orderId\":1e3,\"customerId\":7,\"lines\":[" + line + "]}", "orderId: must be an integer"},
            {"POST", "/orders", "{\"orderId\":null,\"customerId\":7,\"lines\":[" + line + "]}", "orderId: must be an integer"},
            {"POST", "/orders", "{\"orderId\":9223372036854775808,\"customerId\":7,\"lines\":[" + line + "]}", "orderId: must be a positive 64-bit integer"},
            {"POST", "/orders", "{\"orderId\":0,\"customerId\":7,\"lines\":[" + line + "]}", "orderId: must be a positive"},
            {"POST", "/orders", "{\"orderId\":-1,\"customerId\":7,\"lines\":[" + line + "]}", "orderId: must be a positive"},
            {"POST", "/orders", "{\"orderId\":1,\"lines\":[" + line + "]}", "customerId: missing"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":true,\"lines\":[" + line + "]}", "customerId: must be an integer"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7}", "lines: missing"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":{}}", "lines: must be an array"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[]}", "lines: must hold 1..16 lines"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[" + seventeenLines() + "]}", "lines: must hold 1..16 lines"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[42]}", "lines[0]: must be an object {\"sku\",\"qty\",\"priceCents\"}, not an integer"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"qty\":2,\"priceCents\":1}]}", "lines[0].sku: missing"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"sku\":0,\"qty\":2,\"priceCents\":1}]}", "lines[0].sku: must be a positive"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[" + line + ",{\"sku\":43,\"qty\":0,\"priceCents\":1}]}", "lines[1].qty: must be 1..10000"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":10001,\"priceCents\":1}]}", "lines[0].qty: must be 1..10000"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":\"2\",\"priceCents\":1}]}", "lines[0].qty: must be an integer"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":2,\"priceCents\":-1}]}", "lines[0].priceCents: must be 0.."},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":2}]}", "lines[0].priceCents: missing"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[" + line + "," + line + "]}", "lines[1].sku: SKU 42 appears more than once"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[" + line + "],\"coupon\":5}", "coupon: unknown field"},
            {"POST", "/orders", "{\"orderId\":1,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":2,\"priceCents\":1,\"color\":1}]}", "lines[0].color: unknown field"},
            {"POST", "/orders/abc/pay", null, "orderId: must be a positive 64-bit integer (in the path)"},
            {"POST", "/orders/0/pay", null, "orderId: must be a positive"},
            {"POST", "/orders/-1/cancel", null, "orderId: must be a positive"},
            {"POST", "/orders/18446744073709551616/cancel", null, "orderId: must be a positive"},
            {"GET", "/orders/1x", null, "orderId: must be a positive"},
            {"GET", "/skus/99999999999999999999", null, "sku: must be a positive"},
            {"PUT", "/skus/0", "{\"merchantId\":1,\"priceCents\":1,\"available\":1}", "sku: must be a positive"},
            {"PUT", "/skus/42", "{\"merchantId\":1,\"priceCents\":19900}", "available: missing"},
            {"PUT", "/skus/42", "{\"merchantId\":0,\"priceCents\":19900,\"available\":1}", "merchantId: must be a positive"},
            {"PUT", "/skus/42", "{\"merchantId\":1,\"priceCents\":1000000000001,\"available\":1}", "priceCents: must be 0..1000000000000"},
            {"PUT", "/skus/42", "{\"merchantId\":1,\"priceCents\":1,\"available\":-1}", "available: must be 0.."},
            {"POST", "/skus/42/restock", "{\"qty\":0}", "qty: must be 1.."},
            {"POST", "/skus/42/restock", "{\"qty\":\"many\"}", "qty: must be an integer"},
            {"POST", "/skus/42/restock", "{\"quantity\":5}", "qty: missing"},
            {"PUT", "/sales/0", "{\"startMs\":0,\"endMs\":10,\"skus\":[42],\"limitPerCustomer\":0}", "saleId: must be a positive"},
            {"PUT", "/sales/7", "{\"startMs\":10,\"endMs\":10,\"skus\":[42],\"limitPerCustomer\":0}", "endMs: must be after startMs"},
            {"PUT", "/sales/7", "{\"startMs\":-1,\"endMs\":10,\"skus\":[42],\"limitPerCustomer\":0}", "startMs: must be a non-negative"},
            {"PUT", "/sales/7", "{\"startMs\":0,\"endMs\":10,\"skus\":[],\"limitPerCustomer\":0}", "skus: must hold 1..8000"},
            {"PUT", "/sales/7", "{\"startMs\":0,\"endMs\":10,\"skus\":[42,42],\"limitPerCustomer\":0}", "skus[1]: SKU 42 appears more than once"},
            {"PUT", "/sales/7", "{\"startMs\":0,\"endMs\":10,\"skus\":[42,\"43\"],\"limitPerCustomer\":0}", "skus[1]: must be an integer"},
            {"PUT", "/sales/7", "{\"startMs\":0,\"endMs\":10,\"skus\":[42],\"limitPerCustomer\":-1}", "limitPerCustomer: must be 0.."},
            {"PUT", "/sales/7", "{\"startMs\":0,\"endMs\":10,\"skus\":[42]}", "limitPerCustomer: missing"},
        };
        for (String[] c : cases) {
            final HttpResponse<String> response = send(c[0], c[1], c[2]);
            assertEquals(400, response.statusCode(), c[0] + " " + c[1] + " " + c[2] + " -> " + response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(error(response).startsWith(c[3]), c[0] + " " + c[1] + " " + c[2] + " -> " + response.body());
        }
        assertEquals(sequence, ok("GET", "/stats", null).get("journalSequence").asLong());
        assertEquals(sequence, server.engine().metrics().journaledSequence());
        assertEquals(10, ok("GET", "/skus/42", null).get("available").asLong());
    }

    @Test
    void unknownPathsAre404AndWrongMethods405WithAllow() throws Exception {
        for (String path : new String[] {"/order", "/orders/", "/orders/1/refund", "/skus", "/skus/1/2/3", "/sales",
            "/stats/x", "/HEALTH", "//orders"}) {
            final HttpResponse<String> response = send("GET", path, null);
            assertEquals(404, response.statusCode(), path);
            assertTrue(error(response).startsWith("path: no such resource"), response.body());
        }
        final HttpResponse<String> noSku = send("GET", "/skus/77", null);
        assertEquals(404, noSku.statusCode());
        assertTrue(error(noSku).startsWith("sku: SKU 77 is not defined"), noSku.body());
        final HttpResponse<String> noOrder = send("GET", "/orders/77", null);
        assertEquals(404, noOrder.statusCode());
        assertTrue(error(noOrder).startsWith("orderId: order 77 is not held"), noOrder.body());

        final String[][] wrong = {{"GET", "/orders", "POST"}, {"DELETE", "/orders/1", "GET, HEAD"},
            {"GET", "/orders/1/pay", "POST"}, {"PUT", "/orders/1/cancel", "POST"}, {"POST", "/skus/1", "GET, HEAD, PUT"},
            {"GET", "/skus/1/restock", "POST"}, {"GET", "/sales/1", "PUT"}, {"POST", "/stats", "GET, HEAD"},
            {"PUT", "/metrics", "GET, HEAD"}, {"POST", "/health", "GET, HEAD"}};
        for (String[] c : wrong) {
            final HttpResponse<String> response = send(c[0], c[1], c[0].equals("GET") || c[0].equals("DELETE") ? null : "{}");
            assertEquals(405, response.statusCode(), c[0] + " " + c[1]);
            assertEquals(c[2], response.headers().firstValue("Allow").orElse(""), c[0] + " " + c[1]);
            assertTrue(error(response).contains("not allowed"), response.body());
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndTheConnectionStaysUsable() throws Exception {
        server.close();
        server = Server.start(config(dataDir.resolve("small"), gateway("", 1_024, 50)).build());
        final long startSequence = server.engine().metrics().journaledSequence();
        try (RawHttpClient raw = new RawHttpClient(server.httpPort())) {
            final String big = "{\"orderId\":1,\"customerId\":7,\"lines\":[],\"pad\":\"" + "x".repeat(2_000) + "\"}";
            final RawHttpClient.Response tooLarge = raw.exchange("POST", "/orders", big);
            assertEquals(413, tooLarge.status());
            assertTrue(JSON.readTree(tooLarge.body()).get("error").asText().startsWith("body: larger than 1024 bytes"),
                tooLarge.body());
            assertEquals(200, raw.exchange("GET", "/health", null).status(), "the rest of the big body was skipped");
        }
        base = "http://127.0.0.1:" + server.httpPort();
        final HttpResponse<String> viaClient = send("POST", "/orders", "{\"x\":\"" + "y".repeat(100_000) + "\"}");
        assertEquals(413, viaClient.statusCode());
        assertTrue(error(viaClient).startsWith("body: larger than"), viaClient.body());
        assertEquals(startSequence, server.engine().metrics().journaledSequence());
    }

    // ------------------------------------------------------------------ health, metrics, connections

    @Test
    void healthAnswersUpAlsoForHead() throws Exception {
        assertEquals(JSON.readTree("{\"status\":\"UP\"}"), ok("GET", "/health", null));
        final HttpResponse<String> head = send("HEAD", "/health", null);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        try (RawHttpClient raw = new RawHttpClient(server.httpPort())) {
            final RawHttpClient.Response headRaw = raw.exchange("HEAD", "/stats", null);
            assertEquals(200, headRaw.status());
            assertEquals("", headRaw.body());
            assertEquals(200, raw.exchange("GET", "/health?verbose=1", null).status(), "a query string is ignored");
        }
    }

    @Test
    void metricsExposeEveryFamilyInPrometheusTextFormat() throws Exception {
        defineSku(42, 1, 19_900, 10);
        ok("POST", "/orders", ORDER);
        ok("POST", "/orders", "{\"orderId\":1002,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":50,\"priceCents\":19900}]}");
        ok("POST", "/orders/1001/pay", null);
        final HttpResponse<String> metrics = send("GET", "/metrics", null);
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
            metrics.headers().toString());
        final String text = metrics.body();
        for (String expected : new String[] {
            "# TYPE surge_orders_total counter",
            "surge_orders_total{outcome=\"reserved\"} 1",
            "surge_orders_total{outcome=\"rejected\"} 1",
            "surge_orders_total{outcome=\"paid\"} 1",
            "surge_orders_total{outcome=\"cancelled\"} 0",
            "surge_orders_total{outcome=\"expired\"} 0",
            "surge_order_rejections_total{reason=\"OUT_OF_STOCK\"} 1",
            "surge_gmv_paid_cents_total 39800",
            "# TYPE surge_ring_backlog gauge",
            "surge_ring_capacity 1024",
            "# TYPE surge_journal_sequence gauge",
            "surge_journal_bytes_appended_total ",
            "# TYPE surge_pipeline_batch_size histogram",
            "surge_pipeline_batch_size_bucket{le=\"1.0\"} ",
            "surge_pipeline_batches_total ",
            "# TYPE surge_decision_latency_seconds histogram",
            "surge_decision_latency_seconds_bucket{le=\"0.001\"} ",
            "surge_decision_latency_seconds_bucket{le=\"+Inf\"} ",
            "surge_decision_latency_seconds_count ",
            "surge_decision_latency_seconds_sum ",
            "surge_engine_up 1"}) {
            assertTrue(text.contains(expected), "missing \"" + expected + "\" in\n" + text);
        }
        final long sequence = server.engine().metrics().journaledSequence();
        assertTrue(text.contains("surge_journal_sequence " + sequence), text);
        final long answered = countOf(text, "surge_decision_latency_seconds_count");
        assertTrue(answered >= 5, "every answered command is timed: " + answered);
    }

    @Test
    void keepAliveAndPipelinedRequestsAreAnsweredInOrder() throws Exception {
        defineSku(42, 1, 19_900, 100);
        try (RawHttpClient raw = new RawHttpClient(server.httpPort())) {
            // One after the other on one connection.
            for (int i = 1; i <= 5; i++) {
                final RawHttpClient.Response response = raw.exchange("POST", "/orders",
                    "{\"orderId\":" + i + ",\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":1,\"priceCents\":19900}]}");
                assertEquals(200, response.status());
                assertTrue(response.body().contains("\"orderId\":" + i + ",\"status\":\"RESERVED\""), response.body());
            }
            // Pipelined: engine calls, immediate answers and a query interleaved, written at once.
            final List<byte[]> requests = new ArrayList<>();
            requests.add(RawHttpClient.request("POST", "/orders/1/pay", (String) null));
            requests.add(RawHttpClient.request("GET", "/nowhere", (String) null));
            requests.add(RawHttpClient.request("GET", "/orders/2", (String) null));
            requests.add(RawHttpClient.request("POST", "/orders", "{\"orderId\":0}"));
            requests.add(RawHttpClient.request("POST", "/orders/2/cancel", (String) null));
            requests.add(RawHttpClient.request("GET", "/health", (String) null));
            requests.add(RawHttpClient.request("GET", "/orders/2", (String) null));
            requests.add(RawHttpClient.request("GET", "/stats", (String) null));
            final java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (byte[] request : requests) {
                all.write(request);
            }
            raw.write(all.toByteArray());
            final int[] statuses = {200, 404, 200, 400, 200, 200, 404, 200};
            final String[] contains = {"\"PAID\"", "no such resource", "\"customerId\":7", "orderId", "\"CANCELLED\"", "UP",
                "not held", "\"ordersPaid\":1"};
            for (int i = 0; i < statuses.length; i++) {
                final RawHttpClient.Response response = raw.read();
                assertEquals(statuses[i], response.status(), i + ": " + response.body());
                assertTrue(response.body().contains(contains[i]), i + ": " + response.body());
            }
            // "Connection: close" is honoured after the answer.
            final RawHttpClient.Response last = raw.exchange("GET", "/health", null, "Connection", "close");
            assertEquals(200, last.status());
            assertEquals("close", last.headers().get("connection"));
            assertTrue(raw.closedByServer());
        }
        // An HTTP/1.0 client asking for keep-alive gets it.
        try (RawHttpClient raw = new RawHttpClient(server.httpPort())) {
            raw.write("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            final RawHttpClient.Response response = raw.read();
            assertEquals(200, response.status());
            assertEquals("keep-alive", response.headers().get("connection"));
            assertEquals(200, raw.exchange("GET", "/health", null).status());
        }
    }

    @Test
    void aClientThatHalfClosesAfterItsRequestsStillGetsEveryAnswer() throws Exception {
        defineSku(42, 1, 19_900, 100);
        try (RawHttpClient raw = new RawHttpClient(server.httpPort())) {
            raw.write(RawHttpClient.request("POST", "/orders",
                "{\"orderId\":9400,\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":1,\"priceCents\":19900}]}"));
            raw.write(RawHttpClient.request("GET", "/stats", (String) null));
            raw.shutdownOutput();
            final RawHttpClient.Response placed = raw.read();
            assertEquals(200, placed.status());
            assertTrue(placed.body().contains("\"orderId\":9400,\"status\":\"RESERVED\""), placed.body());
            final RawHttpClient.Response stats = raw.read();
            assertEquals(200, stats.status());
            assertTrue(stats.body().contains("\"ordersReserved\":1"), stats.body());
            assertTrue(raw.closedByServer(), "the server closes once everything sent is answered");
        }
    }

    @Test
    void idleConnectionsAndRequestsCutShortAreClosedAfterTheIdleTimeout() throws Exception {
        server.close();
        server = Server.start(config(dataDir.resolve("idle"), gateway("", 65_536, 50).withHttpIdleTimeoutMs(300)).build());
        try (RawHttpClient stalled = new RawHttpClient(server.httpPort());
             RawHttpClient idle = new RawHttpClient(server.httpPort())) {
            stalled.write("POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"orderId\":".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(200, idle.exchange("GET", "/health", null).status());
            final long started = System.nanoTime();
            assertTrue(stalled.closedByServer(), "a request cut short holds its connection");
            assertTrue(idle.closedByServer(), "an idle keep-alive connection stays open");
            final long waitedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMs >= 200 && waitedMs < 10_000, "closed after " + waitedMs + " ms, not after about 300 ms");
        }
        try (RawHttpClient busy = new RawHttpClient(server.httpPort())) {
            for (int i = 0; i < 5; i++) {
                assertEquals(200, busy.exchange("GET", "/health", null).status(), "a connection in use is not idle");
                Thread.sleep(150);
            }
        }
    }

    @Test
    void aRequestThatIsNotHttpIs400AndClosesTheConnection() throws Exception {
        try (RawHttpClient raw = new RawHttpClient(server.httpPort())) {
            raw.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\nBLAH\u0001 / NOT-HTTP\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals(200, raw.read().status());
            final RawHttpClient.Response bad = raw.read();
            assertEquals(400, bad.status());
            assertTrue(JSON.readTree(bad.body()).get("error").asText().startsWith("request: not valid HTTP/1.1"), bad.body());
            assertTrue(raw.closedByServer());
        }
        assertEquals(200, send("GET", "/health", null).statusCode(), "the server is still up");
    }

    // ------------------------------------------------------------------ helpers

    private void defineSku(long sku, long merchantId, long priceCents, long available) throws Exception {
        final JsonNode answer = ok("PUT", "/skus/" + sku,
            "{\"merchantId\":" + merchantId + ",\"priceCents\":" + priceCents + ",\"available\":" + available + "}");
        assertEquals("ACCEPTED", answer.get("status").asText(), answer.toString());
    }

    private JsonNode ok(String method, String path, String body, String... headers) throws Exception {
        final HttpResponse<String> response = send(method, path, body, headers);
        assertEquals(200, response.statusCode(), method + " " + path + " -> " + response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String error(HttpResponse<String> response) throws Exception {
        final JsonNode body = JSON.readTree(response.body());
        assertTrue(body.isObject() && body.size() == 1 && body.get("error").isTextual(), response.body());
        return body.get("error").asText();
    }

    private static List<String> fieldNames(JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String seventeenLines() {
        final StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 17; i++) {
            lines.append(i > 1 ? "," : "").append("{\"sku\":").append(i).append(",\"qty\":1,\"priceCents\":1}");
        }
        return lines.toString();
    }

    private static long countOf(String text, String prefix) {
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix + " ")) {
                return (long) Double.parseDouble(line.substring(prefix.length() + 1).trim());
            }
        }
        throw new AssertionError("no " + prefix + " in\n" + text);
    }
}
