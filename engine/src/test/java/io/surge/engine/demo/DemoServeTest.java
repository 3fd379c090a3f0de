package io.surge.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surge.engine.config.ConfigLoader;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.gateway.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code surge demo --serve}: the run happens behind the gateways, which stay up with the dashboard afterwards. */
class DemoServeTest {
    @TempDir
    Path folder;

    @Test
    void keepsServingTheDashboardAfterTheRunWithGmvAgreeingWithTheSummary() throws Exception {
        final Path data = folder.resolve("demo");
        DemoCommand.prepare(data);
        final EngineConfig builtIn = ConfigLoader.loadBuiltIn(data);
        final EngineConfig config = builtIn.toBuilder().gateway(builtIn.gateway().withPorts(0, 0)).build();
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final DemoRun run = new DemoRun(config, 5_000, 7, new PrintStream(printed, true, StandardCharsets.UTF_8), false, true);
        final DemoSummary summary = run.run();
        final Server server = run.server();
        assertNotNull(server, "the server is left running");
        try {
            final String address = DemoRun.dashboardAddress(server);
            assertEquals("http://127.0.0.1:" + server.httpPort() + "/", address);
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Dashboard: " + address), printed.toString());
            final HttpClient client = HttpClient.newHttpClient();
            final HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(address))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            final long deadline = System.nanoTime() + 15_000_000_000L;
            while (true) {
                final JsonNode live = new ObjectMapper().readTree(client.send(HttpRequest.newBuilder(
                    URI.create(address + "stats/live")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
                // Caught up with the run: later entries (ticks while serving) pay nothing and sell nothing out.
                if (live.get("journalSequence").asLong() >= summary.journalEntries()) {
                    assertEquals(summary.gmvCents(), live.get("gmvPaidCents").asLong(), live.toString());
                    assertEquals(summary.skusSoldOut(), live.get("skusSoldOut").asInt(), live.toString());
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "the live view never caught up with the run: " + live);
                Thread.sleep(20);
            }
        } finally {
            server.close();
        }
    }
}
