package io.surge.replay;

import io.surge.engine.Engine;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.SaleDefinition;
import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a real journal with the real engine for the tools' tests: a small catalogue (SKU 1 is
 * scarce and sells out; SKUs 1-3 are in a limited sale), orders of every outcome, payments,
 * cancellations, expiries and snapshots, on a clock the test controls.
 */
final class JournalFixture {
    static final long START_MS = 1_794_326_400_000L; // 2026-11-11T00:00:00+08:00
    static final long TIMEOUT_MS = 60_000;
    static final int SKUS = 20;

    final AtomicLong clock = new AtomicLong(START_MS);
    final Path dataDir;

    JournalFixture(Path dataDir) {
        this.dataDir = dataDir;
    }

    static List<SkuDefinition> catalogue() {
        final List<SkuDefinition> skus = new ArrayList<>();
        for (long sku = 1; sku <= SKUS; sku++) {
            skus.add(new SkuDefinition(sku, 1 + sku % 4, priceOf(sku), sku == 1 ? 5 : 1_000));
        }
        return skus;
    }

    static long priceOf(long sku) {
        return 1_000 * sku + 99;
    }

    EngineConfig config() {
        return EngineConfig.builder(dataDir)
            .ringSize(1024).minFreeBytes(0).snapshotOnShutdown(false).snapshotEveryEntries(0).snapshotEveryMs(0)
            .reservationTimeoutMs(TIMEOUT_MS)
            .clock(clock::get)
            .catalogue(catalogue())
            .sales(List.of(new SaleDefinition(11, "doorbusters", START_MS, START_MS + 3_600_000, 2, new long[] {1, 2, 3})))
            .build();
    }

    /**
     * Places {@code orders} orders from {@code firstOrderId}: every 5th is paid, every 7th
     * cancelled, the rest left to expire at the end; a few are invalid or retried. Takes a
     * snapshot halfway. Returns the engine's state hash at the end.
     */
    long write(long firstOrderId, int orders) throws Exception {
        try (Engine engine = Engine.start(config())) {
            final OrderLines lines = new OrderLines();
            for (long i = 0; i < orders; i++) {
                final long orderId = firstOrderId + i;
                clock.addAndGet(100);
                final long sku = 1 + orderId % SKUS;
                lines.clear().add(sku, 1 + (int) (orderId % 2), orderId % 97 == 0 ? 1 : priceOf(sku));
                final Status status = engine.placeOrder(orderId, 1 + orderId % 13, lines).get().status();
                if (status == Status.RESERVED && orderId % 5 == 0) {
                    engine.confirmPayment(orderId).get();
                } else if (status == Status.RESERVED && orderId % 7 == 0) {
                    engine.cancelOrder(orderId).get();
                }
                if (orderId % 50 == 0) {
                    engine.placeOrder(orderId, 1 + orderId % 13, lines).get(); // a retry: not journaled
                }
                if (i == orders / 2) {
                    engine.snapshot().get();
                }
            }
            engine.adjustStock(2, 10).get();
            clock.addAndGet(2 * TIMEOUT_MS);
            engine.tick().get();
            return engine.stateHash().get();
        }
    }
}
