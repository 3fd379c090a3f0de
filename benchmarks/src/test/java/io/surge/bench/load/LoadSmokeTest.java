package io.surge.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surge.bench.BenchMain;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.gateway.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code surge bench load} end to end against a real server started in this JVM, over TCP and HTTP. */
class LoadSmokeTest {
    private static final List<String> REQUIRED_KEYS = List.of("ordersPerSecond", "p50Micros", "p99Micros", "p999Micros",
        "maxMicros", "reserved", "rejected", "errors", "offeredPerSecond", "p90Micros", "rejectionsByReason", "seconds");

    @TempDir
    static Path dataDir;

    private static Server server;

    @TempDir
    Path reports;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = Server.start(EngineConfig.builder(dataDir).ringSize(4096).minFreeBytes(0)
            .gateway(GatewaySettings.DEFAULTS.withPorts(0, 0)).build());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void overTcp() throws Exception {
        final JsonNode json = run("--target", "tcp://127.0.0.1:" + server.tcpPort(), "--admin", adminUrl(), "--workload", "uniform");
        assertEquals("uniform", json.get("workload").asText());
        assertEquals(0, json.get("rejected").asLong(), "deep stock, no sale: nothing to reject");
    }

    @Test
    void overHttp() throws Exception {
        final JsonNode json = run("--target", "http://127.0.0.1:" + server.httpPort(), "--workload", "hot-deep");
        assertEquals("hot-deep", json.get("workload").asText());
        assertEquals(0, json.get("rejected").asLong(), "deep stock, no sale (singles-day's is elsewhere): nothing to reject");
    }

    @Test
    void singlesDayOverTcpPaysAndCancels() throws Exception {
        final JsonNode json = run("--target", "tcp://127.0.0.1:" + server.tcpPort(), "--admin", adminUrl(),
            "--workload", "singles-day");
        assertTrue(json.get("paid").asLong() > 0, "paid");
        assertTrue(json.get("cancelled").asLong() > 0, "cancelled");
        assertEquals(0, json.get("followUpErrors").asLong());
        assertEquals(0, json.get("followUpsRejected").asLong());
    }

    @Test
    void closedLoopOverTcpAndTheHtmlReportIsSelfContained() throws Exception {
        final Path html = reports.resolve("load.html");
        final JsonNode json = run("--target", "tcp://127.0.0.1:" + server.tcpPort(), "--admin", adminUrl(), "--rate", "max",
            "--window", "16", "--html", html.toString());
        assertTrue(json.get("closedLoop").asBoolean());
        assertTrue(json.get("offeredPerSecond").isNull());
        final String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("<svg") && page.contains("Throughput") && page.contains("Latency"));
        assertFalse(page.contains("<script src") || page.contains("<link") || page.contains("@import"), "nothing fetched");
    }

    @Test
    void aBadTargetIsAOneLineUsageError() {
        final StringWriter err = new StringWriter();
        final int exit = BenchMain.commandLine().setErr(new PrintWriter(err, true))
            .execute("load", "--target", "udp://127.0.0.1:1");
        assertEquals(2, exit);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("--target: expected tcp://HOST:PORT or http://HOST:PORT"), err.toString());
    }

    @Test
    void anUnknownWorkloadIsAUsageErrorNamingTheValidOnes() {
        final StringWriter err = new StringWriter();
        final int exit = BenchMain.commandLine().setErr(new PrintWriter(err, true))
            .execute("load", "--target", "tcp://127.0.0.1:1", "--workload", "zipf");
        assertEquals(2, exit);
        assertTrue(err.toString().contains("--workload: unknown workload 'zipf'; valid ones: uniform"), err.toString());
    }

    @Test
    void portsMixedUpAreFailuresThatSaySo() {
        final StringWriter httpAtTcp = new StringWriter();
        assertEquals(1, BenchMain.commandLine().setErr(new PrintWriter(httpAtTcp, true)).execute("load",
            "--target", "http://127.0.0.1:" + server.tcpPort(), "--no-catalogue", "--rate", "200", "--duration", "1",
            "--drain", "2"));
        assertTrue(httpAtTcp.toString().contains("every order ended in an error (not an HTTP answer"), httpAtTcp.toString());

        final StringWriter adminAtTcp = new StringWriter();
        assertEquals(1, BenchMain.commandLine().setErr(new PrintWriter(adminAtTcp, true)).execute("load",
            "--target", "tcp://127.0.0.1:" + server.tcpPort(), "--admin", "http://127.0.0.1:" + server.tcpPort(), "--skus", "100"));
        assertTrue(adminAtTcp.toString().contains("did not answer in HTTP"), adminAtTcp.toString());

        final StringWriter tcpAtHttp = new StringWriter();
        assertEquals(1, BenchMain.commandLine().setErr(new PrintWriter(tcpAtHttp, true)).execute("load",
            "--target", "tcp://127.0.0.1:" + server.httpPort(), "--no-catalogue", "--duration", "1"));
        assertTrue(tcpAtHttp.toString().contains("not the HTTP one"), tcpAtHttp.toString());
    }

    @Test
    void anUnreachableAdminApiIsAOneLineFailure() {
        final StringWriter err = new StringWriter();
        final int exit = BenchMain.commandLine().setErr(new PrintWriter(err, true))
            .execute("load", "--target", "tcp://127.0.0.1:" + server.tcpPort(), "--admin", "http://127.0.0.1:1", "--skus", "100");
        assertEquals(1, exit);
        assertTrue(err.toString().contains("cannot reach the admin API at http://127.0.0.1:1"), err.toString());
    }

    @Test
    void aRefusedAdminCallIsAOneLineFailureNamingTheToken(@TempDir Path guardedData) throws InterruptedException {
        final GatewaySettings d = GatewaySettings.DEFAULTS;
        final GatewaySettings withToken = new GatewaySettings(d.tcpHost(), 0, d.maxFrameBytes(), d.maxConnections(),
            d.maxInFlight(), d.httpHost(), 0, d.maxBodyBytes(), "s3cret", d.busyWaitMs(), d.ioThreads(), d.maxStreamClients());
        try (Server guarded = Server.start(EngineConfig.builder(guardedData).ringSize(1024).minFreeBytes(0)
            .gateway(withToken).build())) {
            final StringWriter err = new StringWriter();
            final int exit = BenchMain.commandLine().setErr(new PrintWriter(err, true)).execute("load",
                "--target", "tcp://127.0.0.1:" + guarded.tcpPort(), "--admin", "http://127.0.0.1:" + guarded.httpPort(),
                "--admin-token", "wrong", "--skus", "100");
            assertEquals(1, exit);
            assertTrue(err.toString().contains("answered PUT /skus/"), err.toString());
            assertTrue(err.toString().contains("with 401"), err.toString());
            assertTrue(err.toString().contains("(give --admin-token)"), err.toString());
        }
    }

    private static String adminUrl() {
        return "http://127.0.0.1:" + server.httpPort();
    }

    /** A 2-second run over 2 connections, at 200 orders/s unless the options say otherwise; checks what every run must show. */
    private JsonNode run(String... options) throws Exception {
        final Path jsonFile = reports.resolve("load.json");
        final List<String> args = new ArrayList<>(List.of("load", "--duration", "2", "--connections", "2", "--skus", "200",
            "--json", jsonFile.toString()));
        args.addAll(List.of(options));
        if (!args.contains("--rate")) {
            args.addAll(List.of("--rate", "200"));
        }
        final StringWriter err = new StringWriter();
        final int exit = BenchMain.commandLine().setErr(new PrintWriter(err, true)).execute(args.toArray(new String[0]));
        assertEquals(0, exit, err.toString());
        final JsonNode json = new ObjectMapper().readTree(jsonFile.toFile());
        for (String key : REQUIRED_KEYS) {
            assertTrue(json.has(key), "JSON key " + key);
        }
        assertTrue(json.get("reserved").asLong() > 0, "reserved");
        assertEquals(0, json.get("errors").asLong(), () -> "errors: " + json.get("firstError"));
        assertEquals(json.get("sent").asLong(), json.get("reserved").asLong() + json.get("rejected").asLong());
        assertTrue(json.get("ordersPerSecond").asDouble() > 0);
        assertTrue(json.get("maxMicros").asLong() >= json.get("p99Micros").asLong());
        return json;
    }
}
