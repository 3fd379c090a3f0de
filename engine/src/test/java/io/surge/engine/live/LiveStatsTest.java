package io.surge.engine.live;

import io.surge.engine.Engine;
import io.surge.engine.EngineStats;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.domain.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live view kept by a real engine's journal tailer: what it counts, and that a restart rebuilds it. */
class LiveStatsTest {
    private static final long SCARCE = 1;
    private static final long PLENTY = 2;

    @TempDir
    Path dataDir;

    private final AtomicLong clockMs = new AtomicLong(1_800_000_000_000L);

    private EngineConfig config() {
        return EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(0).snapshotOnShutdown(false)
            .reservationTimeoutMs(60_000).clock(clockMs::get).build();
    }

    /** The newest view once it includes everything the engine has journaled so far. */
    static LiveSnapshot caughtUp(Engine engine) throws Exception {
        final long sequence = engine.stats().get().journalSequence();
        final long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            final LiveSnapshot latest = engine.live().latest();
            if (latest.caughtUp() && latest.journalSequence() >= sequence) {
                return latest;
            }
            assertTrue(System.nanoTime() < deadline, "the live view stayed at " + latest.journalSequence()
                + " (caught up: " + latest.caughtUp() + "), the journal is at " + sequence);
            Thread.sleep(10);
        }
    }

    private static Status place(Engine engine, long orderId, long sku, int quantity, long price) throws Exception {
        return engine.placeOrder(orderId, orderId, new OrderLines().add(sku, quantity, price)).get().status();
    }

    @Test
    void countsJournaledOutcomesAndEverySellOutIncludingAfterARestock() throws Exception {
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(SCARCE, 5, 1_000, 3).get();
            engine.defineSku(PLENTY, 6, 250, 100).get();
            assertEquals(Status.RESERVED, place(engine, 1, SCARCE, 2, 1_000));
            final long firstSellOutMs = clockMs.addAndGet(1_000);
            assertEquals(Status.RESERVED, place(engine, 2, SCARCE, 1, 1_000)); // takes the last unit
            assertEquals(Status.REJECTED, place(engine, 3, SCARCE, 1, 1_000));

            LiveSnapshot live = caughtUp(engine);
            assertEquals(2, live.pendingReservations());
            assertEquals(3_000, live.pendingCents());
            assertEquals(1, live.sellOuts());
            assertEquals(List.of(new SellOut(SCARCE, 5, firstSellOutMs, 1)), live.recentSellOuts());

            assertEquals(Status.PAID, engine.confirmPayment(1).get().status());
            assertEquals(Status.CANCELLED, engine.cancelOrder(2).get().status()); // one unit back on the shelf
            final long secondSellOutMs = clockMs.addAndGet(1_000);
            assertEquals(Status.RESERVED, place(engine, 4, SCARCE, 1, 1_000)); // sold out again
            assertEquals(Status.ACCEPTED, engine.adjustStock(SCARCE, 5).get().status()); // restock
            final long thirdSellOutMs = clockMs.addAndGet(1_000);
            assertEquals(Status.RESERVED, place(engine, 5, SCARCE, 5, 1_000)); // and again
            assertEquals(Status.RESERVED, place(engine, 6, PLENTY, 4, 250));

            clockMs.addAndGet(61_000);
            engine.tick().get(); // orders 4, 5 and 6 expire

            live = caughtUp(engine);
            final EngineStats stats = engine.stats().get();
            assertEquals(stats.gmvPaidCents(), live.gmvPaidCents());
            assertEquals(2_000, live.gmvPaidCents());
            assertEquals(stats.gmvReservedCents(), live.gmvReservedCents());
            assertEquals(stats.ordersReserved(), live.ordersReserved());
            assertEquals(1, live.ordersPaid());
            assertEquals(1, live.ordersCancelled());
            assertEquals(3, live.ordersExpired());
            assertEquals(0, live.pendingReservations());
            assertEquals(0, live.pendingCents());
            assertEquals(Map.of(RejectReason.OUT_OF_STOCK, 1L), live.rejectedByReason());
            assertEquals(3, live.sellOuts());
            assertEquals(1, live.skusSoldOut());
            assertEquals(List.of(new SellOut(SCARCE, 5, thirdSellOutMs, 3), new SellOut(SCARCE, 5, secondSellOutMs, 2),
                new SellOut(SCARCE, 5, firstSellOutMs, 1)), live.recentSellOuts());
            assertEquals(List.of(new Ranked(SCARCE, 5, 2, 2_000)), live.topSkusByGmv());
            assertEquals(List.of(new Ranked(5, 0, 2, 2_000)), live.topMerchantsByUnits());
            assertEquals(6, Arrays.stream(live.ordersPerSecond()).sum(), "every order decided since the start");
            assertEquals(clockMs.get(), live.engineTimeMs());
        }
    }

    @Test
    void aRestartRebuildsTheTotalsFromTheJournalButNotThePastRates() throws Exception {
        final LiveSnapshot before;
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(SCARCE, 5, 1_000, 2).get();
            assertEquals(Status.RESERVED, place(engine, 1, SCARCE, 2, 1_000));
            assertEquals(Status.PAID, engine.confirmPayment(1).get().status());
            assertEquals(Status.REJECTED, place(engine, 2, SCARCE, 1, 1_000));
            before = caughtUp(engine);
        }
        try (Engine engine = Engine.start(config())) {
            final LiveSnapshot after = caughtUp(engine);
            assertEquals(engine.stats().get().gmvPaidCents(), after.gmvPaidCents());
            assertEquals(before.gmvPaidCents(), after.gmvPaidCents());
            assertEquals(before.journalSequence(), after.journalSequence());
            assertEquals(before.ordersRejected(), after.ordersRejected());
            assertEquals(before.recentSellOuts(), after.recentSellOuts());
            assertEquals(before.topSkusByUnits(), after.topSkusByUnits());
            assertEquals(0, Arrays.stream(after.ordersPerSecond()).sum(), "orders/s covers this engine's run only");
            assertEquals(2, Arrays.stream(before.ordersPerSecond()).sum());
        }
    }
}
