package io.surge.engine;

import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.SaleDefinition;
import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.domain.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed files fill an empty journal; a start that stopped midway through seeding is completed
 * by the next one, and once orders were taken the seed files are ignored.
 */
class EngineSeedingTest {
    private static final long PRICE = 1_000;
    private static final long SALE_ID = 11;

    @TempDir
    Path dataDir;

    private EngineConfig config(int skus, boolean withSale) {
        final List<SkuDefinition> catalogue = new ArrayList<>();
        for (long sku = 1; sku <= skus; sku++) {
            catalogue.add(new SkuDefinition(sku, 1 + sku % 3, PRICE, 100));
        }
        final List<SaleDefinition> sales = withSale
            ? List.of(new SaleDefinition(SALE_ID, "flash", 0, Long.MAX_VALUE, 2, new long[] {1, 2}))
            : List.of();
        return EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(0).snapshotOnShutdown(false)
            .catalogue(catalogue).sales(sales).build();
    }

    @Test
    void anEmptyJournalGetsTheWholeCatalogueAndTheSales() throws Exception {
        try (Engine engine = Engine.start(config(20, true))) {
            assertEquals(100, engine.sku(20).get().orElseThrow().available());
            assertEquals(RejectReason.LIMIT_EXCEEDED, engine.placeOrder(1, 5, new OrderLines().add(1, 3, PRICE)).get().reason());
        }
    }

    @Test
    void theSeedIsNotCountedAsDecisionLatency() throws Exception {
        try (Engine engine = Engine.start(config(2_000, true))) {
            assertEquals(0, engine.metrics().decisionLatencyNanos().getTotalCount(), "the seed's commands were counted");
            engine.placeOrder(1, 5, new OrderLines().add(1, 1, PRICE)).get();
            assertEquals(1, engine.metrics().decisionLatencyNanos().getTotalCount());
        }
    }

    @Test
    void aStartThatStoppedMidwaySeedingIsCompletedWithoutTouchingWhatItDefined() throws Exception {
        // The first start got through ten SKUs and no sale; an admin then changed one SKU's stock.
        try (Engine engine = Engine.start(config(10, false))) {
            assertEquals(Status.ACCEPTED, engine.defineSku(3, 1, PRICE, 7).get().status());
        }
        try (Engine engine = Engine.start(config(20, true))) {
            for (long sku = 1; sku <= 20; sku++) {
                assertTrue(engine.sku(sku).get().isPresent(), "SKU " + sku);
            }
            assertEquals(7, engine.sku(3).get().orElseThrow().available(), "a SKU already defined is not seeded again");
            assertEquals(100, engine.sku(15).get().orElseThrow().available());
            final OrderLines lines = new OrderLines().add(1, 3, PRICE);
            assertEquals(RejectReason.LIMIT_EXCEEDED, engine.placeOrder(1, 5, lines).get().reason(),
                "the sale (limit 2 per customer) was defined too");
        }
    }

    @Test
    void onceOrdersWereTakenTheSeedFilesAreIgnored() throws Exception {
        try (Engine engine = Engine.start(config(10, false))) {
            final OrderLines lines = new OrderLines().add(1, 1, PRICE);
            assertEquals(Status.RESERVED, engine.placeOrder(1, 5, lines).get().status());
        }
        try (Engine engine = Engine.start(config(20, false))) {
            assertTrue(engine.sku(10).get().isPresent());
            assertFalse(engine.sku(11).get().isPresent(), "the journal owns the catalogue now");
        }
    }
}
