package io.surge.engine.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.surge.engine.domain.BusinessLogic.MAX_PRICE_CENTS;
import static io.surge.engine.domain.BusinessLogic.MAX_SALE_SKUS;
import static io.surge.engine.domain.BusinessLogic.MAX_STOCK;
import static io.surge.engine.domain.DomainDriver.TIMEOUT_MS;
import static io.surge.engine.domain.DomainDriver.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AdminCommandsTest {
    private static final long PHONE = 42;
    private static final long CASE = 43;

    private final DomainDriver shop = new DomainDriver();

    private void assertAccepted(CommandResult result, long subjectId) {
        assertEquals(Status.ACCEPTED, result.status(), result.toString());
        assertEquals(subjectId, result.orderId(), "subject of " + result);
    }

    private void assertCommandRejected(CommandResult result, RejectReason reason, long subjectId) {
        assertEquals(Status.REJECTED, result.status(), result.toString());
        assertEquals(reason, result.reason(), result.toString());
        assertEquals(subjectId, result.orderId(), "subject of " + result);
        assertEquals(List.of("CommandRejected reason=" + reason + " subject=" + subjectId), shop.events.take());
    }

    // ---- defineSku

    @Test
    void defineSkuAddsANewSkuWithItsAvailableStock() {
        assertAccepted(shop.defineSku(PHONE, 1, 19_900, 10), PHONE);

        assertEquals(List.of("SkuDefined sku=42 merchant=1 priceCents=19900 available=10 availableDelta=10"),
            shop.events.take());
        assertEquals(1, shop.logic.skuCount());
        final CommandResult sku = shop.querySku(PHONE);
        assertEquals(Status.FOUND, sku.status());
        assertEquals(1, sku.merchantId());
        assertEquals(19_900, sku.priceCents());
        assertEquals(10, sku.available());
        shop.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void unknownSkuHasNoCounters() {
        assertNull(shop.logic.skuCounters(PHONE));
        assertEquals(Status.NOT_FOUND, shop.querySku(PHONE).status());
    }

    @Test
    void redefiningASkuUpdatesMerchantAndPriceAndSetsAvailable() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.place(0, 1, 7, lines(PHONE, 3, 19_900));
        shop.events.clear();

        assertAccepted(shop.defineSku(PHONE, 2, 18_900, 20), PHONE);

        assertEquals(List.of("SkuDefined sku=42 merchant=2 priceCents=18900 available=20 availableDelta=13"),
            shop.events.take());
        assertEquals(1, shop.logic.skuCount());
        shop.assertStock(PHONE, 20, 3, 0);
        assertEquals(2, shop.querySku(PHONE).merchantId());

        shop.defineSku(PHONE, 2, 18_900, 5);
        assertEquals(List.of("SkuDefined sku=42 merchant=2 priceCents=18900 available=5 availableDelta=-15"),
            shop.events.take());
        shop.assertStock(PHONE, 5, 3, 0);
    }

    @Test
    void newOrdersMustUseTheRedefinedPrice() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.defineSku(PHONE, 1, 18_900, 10);

        shop.assertRejected(shop.place(0, 1, 7, lines(PHONE, 1, 19_900)), RejectReason.INVALID_ORDER, 0, PHONE);
        shop.assertReserved(shop.place(0, 2, 7, lines(PHONE, 1, 18_900)), 2, TIMEOUT_MS);
    }

    @Test
    void defineSkuAcceptsTheBoundaryValues() {
        assertAccepted(shop.defineSku(1, 1, 0, 0), 1);
        assertAccepted(shop.defineSku(2, 1, MAX_PRICE_CENTS, MAX_STOCK), 2);
        shop.assertStock(2, MAX_STOCK, 0, 0);
    }

    @Test
    void defineSkuRejectsOutOfRangeValues() {
        assertCommandRejected(shop.defineSku(0, 1, 100, 1), RejectReason.INVALID_COMMAND, 0);
        assertCommandRejected(shop.defineSku(-1, 1, 100, 1), RejectReason.INVALID_COMMAND, -1);
        assertCommandRejected(shop.defineSku(PHONE, 0, 100, 1), RejectReason.INVALID_COMMAND, PHONE);
        assertCommandRejected(shop.defineSku(PHONE, 1, -1, 1), RejectReason.INVALID_COMMAND, PHONE);
        assertCommandRejected(shop.defineSku(PHONE, 1, MAX_PRICE_CENTS + 1, 1), RejectReason.INVALID_COMMAND, PHONE);
        assertCommandRejected(shop.defineSku(PHONE, 1, 100, -1), RejectReason.INVALID_COMMAND, PHONE);
        assertCommandRejected(shop.defineSku(PHONE, 1, 100, MAX_STOCK + 1), RejectReason.INVALID_COMMAND, PHONE);

        assertEquals(0, shop.logic.skuCount());
        assertEquals(7, shop.counters().commandsRejected());
    }

    @Test
    void invalidRedefinitionLeavesTheSkuAsItWas() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.events.clear();

        assertCommandRejected(shop.defineSku(PHONE, 2, -5, 3), RejectReason.INVALID_COMMAND, PHONE);

        assertEquals(1, shop.querySku(PHONE).merchantId());
        assertEquals(19_900, shop.querySku(PHONE).priceCents());
        shop.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void defineSkuBeyondMaxSkusIsCapacityExceeded() {
        final DomainDriver small = new DomainDriver(DomainDriver.settings(TIMEOUT_MS, 100, 2, 10, 10));
        small.defineSku(1, 1, 100, 1);
        small.defineSku(2, 1, 100, 1);
        small.events.clear();

        final CommandResult result = small.defineSku(3, 1, 100, 1);

        assertEquals(RejectReason.CAPACITY_EXCEEDED, result.reason());
        assertEquals(List.of("CommandRejected reason=CAPACITY_EXCEEDED subject=3"), small.events.take());
        assertEquals(2, small.logic.skuCount());
        assertNull(small.logic.skuCounters(3));
        // A known SKU can still be redefined at capacity.
        assertEquals(Status.ACCEPTED, small.defineSku(2, 1, 200, 5).status());
    }

    // ---- adjustStock

    @Test
    void adjustStockAddsUnits() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.events.clear();

        assertAccepted(shop.adjustStock(PHONE, 5), PHONE);

        assertEquals(List.of("StockAdjusted sku=42 delta=5 availableAfter=15"), shop.events.take());
        shop.assertStock(PHONE, 15, 0, 0);
    }

    @Test
    void adjustStockRemovesUnits() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.events.clear();

        assertAccepted(shop.adjustStock(PHONE, -4), PHONE);

        assertEquals(List.of("StockAdjusted sku=42 delta=-4 availableAfter=6"), shop.events.take());
        shop.assertStock(PHONE, 6, 0, 0);
    }

    @Test
    void adjustStockNeverRemovesMoreThanIsAvailable() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.place(0, 1, 7, lines(PHONE, 3, 19_900));
        shop.events.clear();

        assertCommandRejected(shop.adjustStock(PHONE, -8), RejectReason.OUT_OF_STOCK, PHONE);
        shop.assertStock(PHONE, 7, 3, 0);

        assertAccepted(shop.adjustStock(PHONE, -7), PHONE);
        shop.assertStock(PHONE, 0, 3, 0);
        assertEquals(Status.PAID, shop.pay(1, 1).status(), "removing stock must not touch reservations");
        shop.assertStock(PHONE, 0, 0, 3);
    }

    @Test
    void adjustStockOfUnknownSkuIsUnknownSku() {
        assertCommandRejected(shop.adjustStock(PHONE, 5), RejectReason.UNKNOWN_SKU, PHONE);
        assertNull(shop.logic.skuCounters(PHONE));
    }

    @Test
    void adjustStockByZeroOrOutOfRangeIsInvalidCommand() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.events.clear();

        assertCommandRejected(shop.adjustStock(PHONE, 0), RejectReason.INVALID_COMMAND, PHONE);
        assertCommandRejected(shop.adjustStock(PHONE, MAX_STOCK + 1), RejectReason.INVALID_COMMAND, PHONE);
        assertCommandRejected(shop.adjustStock(PHONE, -MAX_STOCK - 1), RejectReason.INVALID_COMMAND, PHONE);
        assertCommandRejected(shop.adjustStock(PHONE, MAX_STOCK - 9), RejectReason.INVALID_COMMAND, PHONE);
        assertCommandRejected(shop.adjustStock(0, 5), RejectReason.INVALID_COMMAND, 0);
        shop.assertStock(PHONE, 10, 0, 0);

        assertAccepted(shop.adjustStock(PHONE, MAX_STOCK - 10), PHONE);
        shop.assertStock(PHONE, MAX_STOCK, 0, 0);
    }

    // ---- defineSale

    @Test
    void defineSaleAnswersAcceptedAndEmitsSaleDefined() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.defineSku(CASE, 1, 500, 10);
        shop.events.clear();

        assertAccepted(shop.defineSale(9, 100, 200, 3, PHONE, CASE), 9);

        assertEquals(List.of("SaleDefined sale=9 startMs=100 endMs=200 limit=3 skus=2"), shop.events.take());
        assertEquals(3, shop.logic.saleLimit(PHONE));
        assertEquals(3, shop.logic.saleLimit(CASE));
    }

    @Test
    void defineSaleWithAnUnknownSkuIsUnknownSkuAndChangesNothing() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.events.clear();

        assertCommandRejected(shop.defineSale(9, 100, 200, 3, PHONE, 999), RejectReason.UNKNOWN_SKU, 999);

        assertEquals(0, shop.logic.saleLimit(PHONE));
        shop.assertReserved(shop.place(0, 1, 7, lines(PHONE, 5, 19_900)), 1, TIMEOUT_MS);
    }

    @Test
    void redefiningASaleWithAnUnknownSkuKeepsTheOldDefinition() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.defineSale(9, 100, 200, 3, PHONE);
        shop.events.clear();

        assertCommandRejected(shop.defineSale(9, 0, 1_000, 1, PHONE, 999), RejectReason.UNKNOWN_SKU, 999);

        assertEquals(3, shop.logic.saleLimit(PHONE));
        shop.assertRejected(shop.place(50, 1, 7, lines(PHONE, 1, 19_900)), RejectReason.SALE_NOT_ACTIVE, 0, PHONE);
    }

    @Test
    void defineSaleWithABadWindowIsInvalidCommand() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.events.clear();

        assertCommandRejected(shop.defineSale(9, 200, 200, 3, PHONE), RejectReason.INVALID_COMMAND, 9);
        assertCommandRejected(shop.defineSale(9, 300, 200, 3, PHONE), RejectReason.INVALID_COMMAND, 9);
        assertEquals(0, shop.logic.saleLimit(PHONE));
    }

    @Test
    void defineSaleWithOutOfRangeValuesIsInvalidCommand() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.events.clear();

        assertCommandRejected(shop.defineSale(0, 100, 200, 3, PHONE), RejectReason.INVALID_COMMAND, 0);
        assertCommandRejected(shop.defineSale(9, 100, 200, -1, PHONE), RejectReason.INVALID_COMMAND, 9);
        assertCommandRejected(shop.defineSale(9, 100, 200, 3), RejectReason.INVALID_COMMAND, 9);
        final long[] tooMany = new long[MAX_SALE_SKUS + 1];
        Arrays.fill(tooMany, PHONE);
        assertCommandRejected(shop.defineSale(9, 100, 200, 3, tooMany), RejectReason.INVALID_COMMAND, 9);
        assertEquals(4, shop.counters().commandsRejected());
    }

    @Test
    void defineSaleBeyondMaxSalesIsCapacityExceeded() {
        final DomainDriver small = new DomainDriver(DomainDriver.settings(TIMEOUT_MS, 100, 10, 10, 2));
        small.defineSku(PHONE, 1, 19_900, 10);
        small.defineSku(CASE, 1, 500, 10);
        small.defineSale(1, 100, 200, 0, PHONE);
        small.defineSale(2, 100, 200, 0, CASE);
        small.events.clear();

        final CommandResult result = small.defineSale(3, 100, 200, 0, PHONE);

        assertEquals(RejectReason.CAPACITY_EXCEEDED, result.reason());
        assertEquals(List.of("CommandRejected reason=CAPACITY_EXCEEDED subject=3"), small.events.take());
        small.assertRejected(small.place(50, 1, 7, lines(PHONE, 1, 19_900)), RejectReason.SALE_NOT_ACTIVE, 0, PHONE);
        // An existing sale can still be redefined at capacity.
        assertEquals(Status.ACCEPTED, small.defineSale(2, 0, 200, 0, CASE).status());
    }

    // ---- configure

    @Test
    void configureAppliesNewSettingsToLaterReservations() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.place(0, 1, 7, lines(PHONE, 1, 19_900));
        shop.events.clear();
        final DecisionSettings shorter = DomainDriver.settings(5_000, 1_000, 100, 100, 10);

        assertEquals(Status.ACCEPTED, shop.configure(shorter).status());

        assertEquals(List.of("EngineConfigured " + shorter), shop.events.take());
        assertEquals(shorter, shop.logic.settings());
        shop.assertReserved(shop.place(100, 2, 7, lines(PHONE, 1, 19_900)), 2, 5_100);
        assertEquals(TIMEOUT_MS, shop.queryOrder(1).expiresAtMs(), "earlier reservations keep their expiry");
    }
}
