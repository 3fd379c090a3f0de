package io.surge.bench.peers;

import io.surge.bench.workload.CatalogueSpec;
import io.surge.bench.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against real servers, opt-in (CI installs neither): set SURGE_PEERS_REDIS_PORT and/or
 * SURGE_PEERS_POSTGRES_PORT to the port of a running, disposable Redis or PostgreSQL on
 * 127.0.0.1 (PostgreSQL: user postgres, database postgres, trust auth). The tests empty it.
 */
class PeerServersTest {
    private static final String HOST = "127.0.0.1";
    /** SKU 1,000,001 has 3 units, the other 99 have 1,000 each. */
    private static final CatalogueSpec SMALL = new CatalogueSpec(Workloads.FIRST_SKU, 100, 1, 3, 1_000, null);
    private static final long SCARCE = Workloads.FIRST_SKU;
    private static final long PLENTY = Workloads.FIRST_SKU + 1;
    private static final long UNKNOWN = 1;

    @Test
    @EnabledIfEnvironmentVariable(named = "SURGE_PEERS_REDIS_PORT", matches = "\\d+")
    void redisReservesAllLinesOrNoneAndRejectsAReusedOrderId() throws Exception {
        try (RedisPeer peer = new RedisPeer(HOST, port("SURGE_PEERS_REDIS_PORT"), 16, 1)) {
            peer.load(SMALL);
            try (RedisSession session = (RedisSession) peer.openSession()) {
                assertEquals(RedisSession.OUT_OF_STOCK, session.reserve(order(1, PLENTY, 2, SCARCE, 4)));
                assertEquals(RedisSession.RESERVED, session.reserve(order(2, PLENTY, 2, SCARCE, 3)));
                assertEquals(RedisSession.DUPLICATE_ORDER, session.reserve(order(2, PLENTY, 1, PLENTY + 1, 1)));
                assertEquals(RedisSession.UNKNOWN_SKU, session.reserve(order(3, PLENTY, 1, UNKNOWN, 1)));
                assertEquals(RedisSession.OUT_OF_STOCK, session.reserve(order(4, SCARCE, 1, PLENTY, 1)));
                // Only order 2 took stock: 1,000 - 2 of PLENTY, all 3 of SCARCE.
                assertEquals(RedisSession.RESERVED, session.reserve(order(5, PLENTY, 998, PLENTY + 1, 1)));
                assertEquals(RedisSession.OUT_OF_STOCK, session.reserve(order(6, PLENTY, 1, PLENTY + 1, 1)));
            }
            assertEquals("everysec", peer.durabilitySettings().get("appendfsync"));
            assertShortRunHasNoErrors(peer);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "SURGE_PEERS_POSTGRES_PORT", matches = "\\d+")
    void postgresReservesAllLinesOrNoneAndRejectsAReusedOrderId() throws Exception {
        try (PostgresPeer peer = new PostgresPeer(HOST, port("SURGE_PEERS_POSTGRES_PORT"), "postgres", "postgres")) {
            peer.load(SMALL);
            try (PostgresSession session = (PostgresSession) peer.openSession()) {
                assertFalse(session.place(order(1, PLENTY, 2, SCARCE, 4)));
                assertTrue(session.place(order(2, PLENTY, 2, SCARCE, 3)));
                assertFalse(session.place(order(2, PLENTY, 1, PLENTY + 1, 1)));
                assertFalse(session.place(order(3, PLENTY, 1, UNKNOWN, 1)));
                assertFalse(session.place(order(4, SCARCE, 1, PLENTY, 1)));
                assertTrue(session.place(order(5, PLENTY, 998, PLENTY + 1, 1)));
                assertFalse(session.place(order(6, PLENTY, 1, PLENTY + 1, 1)));
            }
            assertEquals("on", peer.durabilitySettings().get("synchronous_commit"));
            assertShortRunHasNoErrors(peer);
        }
    }

    private static void assertShortRunHasNoErrors(Peer peer) throws Exception {
        peer.load(Workloads.parse("hot-deep", 1_000, 1, 0).catalogue());
        final ClosedLoopRun.Outcome outcome = new ClosedLoopRun(peer, i -> Workloads.parse("hot-deep", 1_000, 1, i), 2,
            TimeUnit.MILLISECONDS.toNanos(500), null).run("test");
        final PeerResult result = outcome.totals().toResult("peer", "hot-deep", 2, 1_000, 1, outcome.elapsedNanos());
        assertTrue(result.reserved() > 0, result.summaryLine());
        assertEquals(0, result.errors(), result.summaryLine());
    }

    private static PeerOrder order(long orderId, long firstSku, int firstQuantity, long secondSku, int secondQuantity) {
        return new PeerOrder().start(orderId, 7).addLine(firstSku, firstQuantity, 990).addLine(secondSku, secondQuantity, 1990);
    }

    private static int port(String variable) {
        return Integer.parseInt(System.getenv(variable));
    }
}
