package io.surge.engine.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.surge.engine.cli.ServeProcess.awaitLog;
import static io.surge.engine.cli.ServeProcess.freePort;
import static io.surge.engine.cli.ServeProcess.stop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code surge serve} as operators run it: a child JVM on the built-in configuration (the demo
 * catalogue of 100,000 SKUs), stopped with SIGTERM. It must drain, write a snapshot and exit 0,
 * also when the signal arrives while it is still seeding its catalogue, and a restart on the same
 * data directory must continue where it stopped.
 */
class ServeSignalIT {
    private static final Pattern PRICE = Pattern.compile("\"priceCents\":(\\d+)");
    private static final long LAST_CATALOGUE_SKU = 100_000;

    @TempDir
    Path workDir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> children = new ArrayList<>();
    private int tcpPort;
    private int httpPort;

    @AfterEach
    void killLeftovers() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void sigtermDrainsSnapshotsExitsZeroAndARestartContinues() throws Exception {
        final Path data = workDir.resolve("data");
        final Path firstLog = workDir.resolve("first.log");
        Process server = startServe(data, firstLog);
        awaitLog(server, firstLog, "Surge listening");

        final long price = priceOf(5000);
        final String order = "{\"orderId\":4242,\"customerId\":7,\"lines\":[{\"sku\":5000,\"qty\":2,\"priceCents\":" + price + "}]}";
        final HttpResponse<String> placed = post("/orders", order);
        assertEquals(200, placed.statusCode(), placed.body());
        assertTrue(placed.body().contains("\"status\":\"RESERVED\""), placed.body());

        stop(server, firstLog);
        assertTrue(Files.readString(firstLog).contains("Stopped"), Files.readString(firstLog));
        try (var snapshots = Files.list(data.resolve("snapshots"))) {
            assertTrue(snapshots.anyMatch(file -> file.getFileName().toString().endsWith(".snap")), "no snapshot at shutdown");
        }

        final Path secondLog = workDir.resolve("second.log");
        server = startServe(data, secondLog);
        awaitLog(server, secondLog, "Surge listening");
        assertTrue(Files.readString(secondLog).contains("Recovered state"), Files.readString(secondLog));
        final HttpResponse<String> held = get("/orders/4242");
        assertEquals(200, held.statusCode(), held.body());
        assertTrue(held.body().contains("\"status\":\"RESERVED\""), held.body());
        final HttpResponse<String> retried = post("/orders", order);
        assertEquals(placed.body(), retried.body(), "a retry after the restart must get the first outcome");
        stop(server, secondLog);
    }

    @Test
    void sigtermWhileSeedingStillExitsZeroAndTheNextStartHasTheWholeCatalogue() throws Exception {
        final Path data = workDir.resolve("data");
        final Path firstLog = workDir.resolve("first.log");
        final Process seeding = startServe(data, firstLog);
        // Seeding 100,000 SKUs follows this line and takes a good fraction of a second.
        awaitLog(seeding, firstLog, "Starting on an empty journal");
        stop(seeding, firstLog);

        final Path secondLog = workDir.resolve("second.log");
        final Process server = startServe(data, secondLog);
        awaitLog(server, secondLog, "Surge listening");
        assertEquals(200, get("/skus/" + LAST_CATALOGUE_SKU).statusCode(), "the catalogue's last SKU is missing after the restart");
        assertEquals(200, get("/skus/1").statusCode(), "the catalogue's first SKU is missing after the restart");
        stop(server, secondLog);
    }

    private Process startServe(Path data, Path log) throws IOException {
        tcpPort = freePort();
        httpPort = freePort();
        final Process process = ServeProcess.start(log, List.of("-Xmx1g"), List.of("--data", data.toString(),
            "--tcp-port", Integer.toString(tcpPort), "--http-port", Integer.toString(httpPort)));
        children.add(process);
        return process;
    }

    private long priceOf(long sku) throws Exception {
        final HttpResponse<String> response = get("/skus/" + sku);
        assertEquals(200, response.statusCode(), response.body());
        final Matcher price = PRICE.matcher(response.body());
        assertTrue(price.find(), response.body());
        return Long.parseLong(price.group(1));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}
