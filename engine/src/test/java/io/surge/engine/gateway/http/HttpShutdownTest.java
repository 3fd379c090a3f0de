package io.surge.engine.gateway.http;

import io.surge.engine.Engine;
import io.surge.engine.OrderView;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.gateway.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.surge.engine.gateway.http.HttpGatewayTest.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many connections at once, and a graceful stop in the middle of them that loses no acknowledged order. */
class HttpShutdownTest {
    private static final int CONNECTIONS = 200;

    @TempDir
    Path dataDir;

    @Test
    void hundredsOfConnectionsAreServedAndAStopUnderLoadLosesNoAcknowledgedOrder() throws Exception {
        final EngineConfig config = HttpGatewayTest.config(dataDir, HttpGatewayTest.gateway("", 65_536, 50))
            .snapshotOnShutdown(true).build();
        final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger answeredBeforeStop = new AtomicInteger();
        final Server server = Server.start(config);
        final int port = server.httpPort();
        try (RawHttpClient admin = new RawHttpClient(port)) {
            assertEquals(200, admin.exchange("PUT", "/skus/42", "{\"merchantId\":1,\"priceCents\":100,\"available\":1000000}").status());
        }
        final List<RawHttpClient> clients = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            clients.add(new RawHttpClient(port)); // all open at once
        }
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            final List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int thread = t;
                runs.add(pool.submit(() -> {
                    long orderId = 1 + thread * 10_000_000L;
                    // Round after round of 8 pipelined orders on each of this thread's connections, until the stop.
                    for (int round = 0; round < 100_000; round++) {
                        boolean anyOpen = false;
                        for (int c = thread; c < CONNECTIONS; c += 8) {
                            final RawHttpClient client = clients.get(c);
                            final long first = orderId;
                            orderId += 8;
                            anyOpen |= placeEight(client, first, acknowledged, refused, answeredBeforeStop);
                        }
                        if (!anyOpen) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            while (answeredBeforeStop.get() < CONNECTIONS * 8) {
                Thread.sleep(5); // every connection has been served at least once
            }
            server.close(); // graceful: stop reading, drain, journal, answer, snapshot, close
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            server.close();
            for (RawHttpClient client : clients) {
                client.close();
            }
        }
        System.out.printf("shutdown: %d orders acknowledged, %d answered 503%n", acknowledged.size(), refused.get());
        assertTrue(acknowledged.size() >= CONNECTIONS * 8, "acknowledged " + acknowledged.size());

        try (Engine engine = Engine.start(config)) {
            for (long orderId : acknowledged) {
                final Optional<OrderView> order = engine.order(orderId).get(10, TimeUnit.SECONDS);
                assertTrue(order.isPresent(), "acknowledged order " + orderId + " lost");
            }
            assertEquals(acknowledged.size(), engine.stats().get().ordersReserved(),
                "every reservation made was acknowledged (none decided and then dropped unanswered)");
        }
    }

    /** Eight pipelined orders on one connection; false once the server has closed it. */
    private static boolean placeEight(RawHttpClient client, long first, Set<Long> acknowledged, AtomicInteger refused,
        AtomicInteger answered) {
        try {
            final ByteArrayOutputStream requests = new ByteArrayOutputStream();
            for (long id = first; id < first + 8; id++) {
                requests.write(RawHttpClient.request("POST", "/orders",
                    "{\"orderId\":" + id + ",\"customerId\":7,\"lines\":[{\"sku\":42,\"qty\":1,\"priceCents\":100}]}"));
            }
            client.write(requests.toByteArray());
            for (long id = first; id < first + 8; id++) {
                final RawHttpClient.Response response = client.read();
                if (response.status() == 503) {
                    refused.incrementAndGet();
                    continue;
                }
                assertEquals(200, response.status(), response.body());
                assertEquals("RESERVED", JSON.readTree(response.body()).get("status").asText(), response.body());
                assertEquals(id, JSON.readTree(response.body()).get("orderId").asLong());
                acknowledged.add(id);
                answered.incrementAndGet();
            }
            return true;
        } catch (IOException e) {
            return false; // closed by the stop: whatever was not answered was not acknowledged
        }
    }
}
