package io.surge.engine.config;

import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.gateway.NettyTransport;
import io.surge.engine.journal.Durability;
import io.surge.engine.pipeline.WaitStrategyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    @TempDir
    Path folder;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private ConfigException failure(String engineYaml) throws IOException {
        final Path file = write("engine.yaml", engineYaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, folder.resolve("data")));
    }

    @Test
    void loadsTheBuiltInDefaultsWithTheDemoCatalogueAndSales() {
        final EngineConfig config = ConfigLoader.loadBuiltIn(folder);
        assertEquals(100_000, config.catalogue().size());
        assertEquals(1_000, config.catalogue().stream().mapToLong(SkuDefinition::merchantId).distinct().count());
        assertEquals(2, config.sales().size());
        assertEquals(2, config.sales().get(0).limitPerCustomer());
        assertEquals(Durability.PAGE_CACHE, config.durability());
        assertEquals(DecisionSettings.DEFAULT_RESERVATION_TIMEOUT_MS, config.decisions().reservationTimeoutMs());
    }

    @Test
    void theDocumentedDefaultsMatchTheBuiltInOnes() throws IOException {
        // config/engine.yaml lists every setting with its default: loading it must equal loading nothing.
        write("empty.yaml", "");
        final EngineConfig defaults = ConfigLoader.load(folder.resolve("empty.yaml"), folder);
        final EngineConfig documented = ConfigLoader.loadBuiltIn(folder);
        assertEquals(defaults.ringSize(), documented.ringSize());
        assertEquals(defaults.waitStrategy(), documented.waitStrategy());
        assertEquals(defaults.durability(), documented.durability());
        assertEquals(defaults.rollCycle(), documented.rollCycle());
        assertEquals(defaults.minFreeBytes(), documented.minFreeBytes());
        assertEquals(defaults.snapshotEveryEntries(), documented.snapshotEveryEntries());
        assertEquals(defaults.snapshotEveryMs(), documented.snapshotEveryMs());
        assertEquals(defaults.snapshotKeep(), documented.snapshotKeep());
        assertEquals(defaults.snapshotOnShutdown(), documented.snapshotOnShutdown());
        assertEquals(defaults.decisions(), documented.decisions());
        assertEquals(defaults.preallocateOrders(), documented.preallocateOrders());
        assertEquals(defaults.tickIntervalMs(), documented.tickIntervalMs());
        assertEquals(defaults.maxExpiriesPerTick(), documented.maxExpiriesPerTick());
        assertEquals(defaults.gateway(), documented.gateway());
    }

    @Test
    void readsEverySetting() throws IOException {
        final Path file = write("engine.yaml", """
            ring: {size: 1024, waitStrategy: yielding}
            journal: {durability: fsync, rollCycle: TEN_MINUTELY, minFreeBytes: 0}
            snapshot: {everyEntries: 5, everyMs: 0, keep: 7, onShutdown: false}
            orders: {reservationTimeoutMs: 60000, dedupWindow: 99, tickIntervalMs: 5, maxExpiriesPerTick: 10}
            capacity: {maxSkus: 10, maxLiveOrders: 20, maxSales: 30, preallocateOrders: 15}
            seed: {catalogue: "", sales: ""}
            """);
        final EngineConfig config = ConfigLoader.load(file, folder);
        assertEquals(1024, config.ringSize());
        assertEquals(WaitStrategyKind.YIELDING, config.waitStrategy());
        assertEquals(Durability.FSYNC, config.durability());
        assertEquals("TEN_MINUTELY", config.rollCycle());
        assertEquals(7, config.snapshotKeep());
        assertEquals(new DecisionSettings(60_000, 99, 10, 20, 30), config.decisions());
        assertEquals(15, config.preallocateOrders());
        assertEquals(0, config.catalogue().size());
    }

    @Test
    void rejectsAnUnknownKeyNamingItAndTheFile() throws IOException {
        final ConfigException e = failure("ring:\n  sise: 1024\n");
        assertTrue(e.getMessage().contains("ring.sise"), e.getMessage());
        assertTrue(e.getMessage().contains("engine.yaml"), e.getMessage());
    }

    @Test
    void aYamlSyntaxErrorIsOneLineWithItsPosition() throws IOException {
        final ConfigException e = failure("ring:\n  size: [64\n journal: x\n");
        assertTrue(e.getMessage().endsWith("engine.yaml: not valid YAML at line 3, column 9: expected ',' or ']', but got :"),
            e.getMessage());
        final ConfigException tab = failure("ring:\n\tsize: 64\n");
        assertTrue(tab.getMessage().contains("not valid YAML at line 2, column 1: found character '\\t(TAB)'"), tab.getMessage());
        assertFalse(tab.getMessage().contains("\n"), tab.getMessage());
    }

    @Test
    void rejectsARingSizeThatIsNotAPowerOfTwo() throws IOException {
        final ConfigException e = failure("ring:\n  size: 1000\n");
        assertTrue(e.getMessage().contains("ring.size"), e.getMessage());
        assertTrue(e.getMessage().contains("engine.yaml"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownDurabilityListingTheChoices() throws IOException {
        final ConfigException e = failure("journal:\n  durability: fsnyc\n");
        assertTrue(e.getMessage().contains("journal.durability"), e.getMessage());
        assertTrue(e.getMessage().contains("page-cache, fsync"), e.getMessage());
    }

    @Test
    void readsTheSocketTransportAndRejectsAnUnknownOne() throws IOException {
        final Path file = write("engine.yaml", "gateway:\n  transport: nio\n");
        assertEquals(NettyTransport.NIO, ConfigLoader.load(file, folder).gateway().transport());
        final ConfigException e = failure("gateway:\n  transport: io_uring\n");
        assertTrue(e.getMessage().contains("gateway.transport must be one of auto, epoll, nio, was 'io_uring'"), e.getMessage());
    }

    @Test
    void preallocatesNothingByDefaultAndNeverMoreThanTheLiveOrderCapacity() throws IOException {
        write("empty.yaml", "");
        assertEquals(0, ConfigLoader.load(folder.resolve("empty.yaml"), folder).preallocateOrders());
        final ConfigException above = failure("capacity:\n  maxLiveOrders: 1000\n  preallocateOrders: 1001\n");
        assertTrue(above.getMessage().contains("capacity.preallocateOrders must be 0 to capacity.maxLiveOrders (1000), was 1001"),
            above.getMessage());
        assertTrue(above.getMessage().contains("engine.yaml"), above.getMessage());
        final ConfigException negative = failure("capacity:\n  preallocateOrders: -1\n");
        assertTrue(negative.getMessage().contains("capacity.preallocateOrders"), negative.getMessage());
    }

    @Test
    void rejectsAnUnknownRollCycle() throws IOException {
        final ConfigException e = failure("journal:\n  rollCycle: WHENEVER\n");
        assertTrue(e.getMessage().contains("journal.rollCycle"), e.getMessage());
    }

    @Test
    void rejectsTextWhereANumberBelongs() throws IOException {
        final ConfigException e = failure("orders:\n  reservationTimeoutMs: soon\n");
        assertTrue(e.getMessage().contains("orders.reservationTimeoutMs must be a whole number"), e.getMessage());
    }

    @Test
    void rejectsANegativeTimeout() throws IOException {
        final ConfigException e = failure("orders:\n  reservationTimeoutMs: -5\n");
        assertTrue(e.getMessage().contains("orders.reservationTimeoutMs"), e.getMessage());
    }

    @Test
    void namesTheCatalogueLineThatIsWrong() throws IOException {
        write("catalogue.csv", "sku,merchantId,priceCents,stock\n1,1,100,10\n2,1,abc,10\n");
        final ConfigException e = failure("seed:\n  catalogue: catalogue.csv\n");
        assertTrue(e.getMessage().contains("catalogue.csv line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("priceCents 'abc'"), e.getMessage());
    }

    @Test
    void rejectsANegativeStockAndADuplicateSku() throws IOException {
        write("catalogue.csv", "sku,merchantId,priceCents,stock\n1,1,100,-1\n");
        assertTrue(failure("seed:\n  catalogue: catalogue.csv\n").getMessage().contains("stock -1"));
        write("catalogue.csv", "sku,merchantId,priceCents,stock\n1,1,100,1\n1,1,100,1\n");
        assertTrue(failure("seed:\n  catalogue: catalogue.csv\n").getMessage().contains("listed twice"));
    }

    @Test
    void rejectsASaleOfASkuNotInTheCatalogue() throws IOException {
        write("catalogue.csv", "sku,merchantId,priceCents,stock\n1,1,100,10\n");
        write("sales.yaml", """
            sales:
              - id: 7
                start: 2026-11-11T00:00:00+08:00
                end: 2026-11-11T01:00:00+08:00
                skus: [1, 2]
            """);
        final ConfigException e = failure("seed:\n  catalogue: catalogue.csv\n  sales: sales.yaml\n");
        assertTrue(e.getMessage().contains("sales.yaml"), e.getMessage());
        assertTrue(e.getMessage().contains("SKU 2 is not in the catalogue"), e.getMessage());
    }

    @Test
    void rejectsASaleThatEndsBeforeItStarts() throws IOException {
        write("catalogue.csv", "sku,merchantId,priceCents,stock\n1,1,100,10\n");
        write("sales.yaml", """
            sales:
              - id: 7
                start: 2026-11-11T02:00:00+08:00
                end: 2026-11-11T01:00:00+08:00
                skus: ["1-1"]
            """);
        final ConfigException e = failure("seed:\n  catalogue: catalogue.csv\n  sales: sales.yaml\n");
        assertTrue(e.getMessage().contains("start must be before end"), e.getMessage());
    }

    @Test
    void readsSaleRangesAndTimes() throws IOException {
        write("catalogue.csv", "sku,merchantId,priceCents,stock\n1,1,100,10\n2,1,100,10\n3,1,100,10\n");
        write("sales.yaml", """
            sales:
              - id: 7
                name: night
                start: 2026-11-11T00:00:00+08:00
                end: 1794412800000
                limitPerCustomer: 3
                skus: ["1-2", 3]
            """);
        final Path file = write("engine.yaml", "seed:\n  catalogue: catalogue.csv\n  sales: sales.yaml\n");
        final SaleDefinition sale = ConfigLoader.load(file, folder).sales().get(0);
        assertEquals(1794326400000L, sale.startMs());
        assertEquals(1794412800000L, sale.endMs());
        assertEquals(3, sale.limitPerCustomer());
        assertEquals(3, sale.skus().length);
    }

    @Test
    void namesAMissingSeedFile() throws IOException {
        final ConfigException e = failure("seed:\n  catalogue: nowhere.csv\n");
        assertTrue(e.getMessage().contains("nowhere.csv"), e.getMessage());
    }
}
