package io.surge.engine.gateway;

import io.surge.client.OrderResult;
import io.surge.client.SurgeClient;
import io.surge.client.SurgeClientException;
import io.surge.engine.Engine;
import io.surge.engine.Outcome;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A graceful stop under load: every order a client was told about is still there after a restart. */
class ServerShutdownTest {
    private static final long PRICE = 1_000;

    @TempDir
    Path dataDir;

    private EngineConfig config() {
        final List<SkuDefinition> catalogue = new ArrayList<>();
        for (long sku = 1; sku <= 20; sku++) {
            catalogue.add(new SkuDefinition(sku, 1, PRICE, sku == 1 ? 50 : 10_000_000));
        }
        return EngineConfig.builder(dataDir).ringSize(4096).minFreeBytes(0)
            .catalogue(catalogue).gateway(GatewaySettings.DEFAULTS.withPorts(0, 0)).build();
    }

    @Test
    void aGracefulStopUnderLoadLosesNoAcknowledgedOrder() throws Exception {
        final Server server = Server.start(config());
        final Map<Long, OrderResult> acknowledged = new ConcurrentHashMap<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            final long base = (c + 1) * 10_000_000L;
            final Thread thread = new Thread(() -> {
                try (SurgeClient client = SurgeClient.connect("127.0.0.1", server.tcpPort())) {
                    final OrderLines lines = new OrderLines();
                    for (long i = 0; running.get(); i++) {
                        final long orderId = base + i;
                        client.placeOrder(orderId, 1 + orderId % 100, lines.clear().add(1 + orderId % 20, 1, PRICE), result -> {
                            if (!result.isError()) {
                                acknowledged.put(orderId, result);
                            }
                        });
                    }
                } catch (SurgeClientException e) {
                    // the server went away: expected
                }
            });
            clients.add(thread);
            thread.start();
        }
        Thread.sleep(1_500);
        server.close(); // stop reading, drain, journal, answer, snapshot, close sockets
        running.set(false);
        for (Thread thread : clients) {
            thread.join(10_000);
        }
        assertTrue(acknowledged.size() > 100, "acknowledged " + acknowledged.size());

        try (Engine engine = Engine.start(config())) {
            assertTrue(engine.recovery().snapshot() != null, "the graceful stop wrote a snapshot");
            assertEquals(0, engine.recovery().entriesReplayed(), "nothing after the snapshot");
            for (Map.Entry<Long, OrderResult> ack : acknowledged.entrySet()) {
                final long orderId = ack.getKey();
                final Outcome retry = engine.placeOrder(orderId, 1 + orderId % 100,
                    new OrderLines().add(1 + orderId % 20, 1, PRICE)).get();
                final Status expected = ack.getValue().status() == OrderResult.Status.RESERVED ? Status.RESERVED : Status.REJECTED;
                assertEquals(expected, retry.status(), "order " + orderId + " was acknowledged " + ack.getValue());
                assertEquals(0, retry.sequence(), "order " + orderId + " must be known, not placed anew");
            }
        }
    }
}
