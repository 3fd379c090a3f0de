package io.surge.engine.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.surge.engine.domain.DomainDriver.TIMEOUT_MS;
import static io.surge.engine.domain.DomainDriver.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlaceOrderTest {
    private static final long PHONE = 42;
    private static final long CASE = 43;
    private static final long LAMP = 77;
    private static final long NOW = 1_000;

    private final DomainDriver shop = new DomainDriver();

    @BeforeEach
    void catalogue() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.defineSku(CASE, 1, 500, 5);
        shop.defineSku(LAMP, 2, 1_000, 3);
        shop.events.clear();
    }

    @Test
    void reservesEveryLineAndEmitsOrderReserved() {
        final CommandResult result = shop.place(NOW, 1, 7, lines(PHONE, 2, 19_900, CASE, 1, 500));

        shop.assertReserved(result, 1, NOW + TIMEOUT_MS);
        assertEquals(List.of("OrderReserved order=1 customer=7 expiresAtMs=" + (NOW + TIMEOUT_MS) + " totalCents=40300"),
            shop.events.take());
        shop.assertStock(PHONE, 8, 2, 0);
        shop.assertStock(CASE, 4, 1, 0);
        shop.assertStock(LAMP, 3, 0, 0);
        assertEquals(1, shop.logic.liveOrderCount());
    }

    @Test
    void reservedOrderCanBeQueriedWithItsLines() {
        shop.place(NOW, 1, 7, lines(PHONE, 2, 19_900, LAMP, 1, 1_000));

        final CommandResult found = shop.queryOrder(1);
        assertEquals(Status.FOUND, found.status());
        assertEquals(Status.RESERVED, found.orderStatus());
        assertEquals(7, found.customerId());
        assertEquals(NOW + TIMEOUT_MS, found.expiresAtMs());
        assertEquals(lines(PHONE, 2, 19_900, LAMP, 1, 1_000), found.lines());
        assertEquals(Status.NOT_FOUND, shop.queryOrder(2).status());
    }

    @Test
    void rejectsWholeOrderWhenAnyLineIsOutOfStock() {
        final CommandResult result = shop.place(NOW, 1, 7, lines(PHONE, 2, 19_900, LAMP, 4, 1_000));

        shop.assertRejected(result, RejectReason.OUT_OF_STOCK, 1, LAMP);
        assertEquals(List.of("OrderRejected order=1 reason=OUT_OF_STOCK line=1 sku=77"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
        shop.assertStock(LAMP, 3, 0, 0);
        assertEquals(0, shop.logic.liveOrderCount());
    }

    @Test
    void reservesExactlyTheLastAvailableUnits() {
        shop.assertReserved(shop.place(NOW, 1, 7, lines(LAMP, 3, 1_000)), 1, NOW + TIMEOUT_MS);
        shop.assertStock(LAMP, 0, 3, 0);
        shop.assertRejected(shop.place(NOW, 2, 8, lines(LAMP, 1, 1_000)), RejectReason.OUT_OF_STOCK, 0, LAMP);
    }

    @Test
    void rejectsUnknownSkuWithItsLineIndex() {
        final CommandResult result = shop.place(NOW, 1, 7, lines(PHONE, 1, 19_900, CASE, 1, 500, 999, 1, 10));

        shop.assertRejected(result, RejectReason.UNKNOWN_SKU, 2, 999);
        assertEquals(List.of("OrderRejected order=1 reason=UNKNOWN_SKU line=2 sku=999"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
        shop.assertStock(CASE, 5, 0, 0);
    }

    @Test
    void reportsTheFirstOffendingLine() {
        final CommandResult result = shop.place(NOW, 1, 7, lines(CASE, 1, 500, LAMP, 9, 1_000, 999, 1, 10));

        shop.assertRejected(result, RejectReason.OUT_OF_STOCK, 1, LAMP);
    }

    @Test
    void rejectsLineWhoseUnitPriceDiffersFromListPrice() {
        final CommandResult result = shop.place(NOW, 1, 7, lines(PHONE, 1, 19_900, CASE, 1, 499));

        shop.assertRejected(result, RejectReason.INVALID_ORDER, 1, CASE);
        assertEquals(List.of("OrderRejected order=1 reason=INVALID_ORDER line=1 sku=43"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void rejectsNonPositiveOrderId() {
        shop.assertRejected(shop.place(NOW, 0, 7, lines(PHONE, 1, 19_900)), RejectReason.INVALID_ORDER, -1, 0);
        shop.assertRejected(shop.place(NOW, -5, 7, lines(PHONE, 1, 19_900)), RejectReason.INVALID_ORDER, -1, 0);
        assertEquals(List.of(
            "OrderRejected order=0 reason=INVALID_ORDER line=-1 sku=0",
            "OrderRejected order=-5 reason=INVALID_ORDER line=-1 sku=0"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void rejectsNonPositiveCustomerId() {
        shop.assertRejected(shop.place(NOW, 1, 0, lines(PHONE, 1, 19_900)), RejectReason.INVALID_ORDER, -1, 0);
        shop.assertRejected(shop.place(NOW, 2, -7, lines(PHONE, 1, 19_900)), RejectReason.INVALID_ORDER, -1, 0);
        shop.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void rejectsOrderWithoutLines() {
        shop.assertRejected(shop.place(NOW, 1, 7, new OrderLines()), RejectReason.INVALID_ORDER, -1, 0);
        assertEquals(List.of("OrderRejected order=1 reason=INVALID_ORDER line=-1 sku=0"), shop.events.take());
    }

    @Test
    void rejectsQuantityBelowOne() {
        shop.assertRejected(shop.place(NOW, 1, 7, lines(PHONE, 1, 19_900, CASE, 0, 500)),
            RejectReason.INVALID_ORDER, 1, CASE);
        shop.assertRejected(shop.place(NOW, 2, 7, lines(CASE, -1, 500)), RejectReason.INVALID_ORDER, 0, CASE);
        shop.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void acceptsTenThousandUnitsButRejectsMore() {
        shop.adjustStock(CASE, 20_000);

        shop.assertRejected(shop.place(NOW, 1, 7, lines(CASE, OrderLines.MAX_QUANTITY + 1, 500)),
            RejectReason.INVALID_ORDER, 0, CASE);
        shop.assertStock(CASE, 20_005, 0, 0);
        shop.assertReserved(shop.place(NOW, 2, 7, lines(CASE, OrderLines.MAX_QUANTITY, 500)), 2, NOW + TIMEOUT_MS);
        shop.assertStock(CASE, 10_005, 10_000, 0);
    }

    @Test
    void rejectsRepeatedSkuAtItsSecondLine() {
        final CommandResult result = shop.place(NOW, 1, 7, lines(PHONE, 1, 19_900, CASE, 1, 500, PHONE, 1, 19_900));

        shop.assertRejected(result, RejectReason.INVALID_ORDER, 2, PHONE);
        shop.assertStock(PHONE, 10, 0, 0);
        shop.assertStock(CASE, 5, 0, 0);
    }

    @Test
    void rejectsNewOrderWhenLiveOrderCapacityIsReached() {
        final DomainDriver small = new DomainDriver(DomainDriver.settings(TIMEOUT_MS, 100, 10, 2, 10));
        small.defineSku(PHONE, 1, 19_900, 10);
        small.place(NOW, 1, 7, lines(PHONE, 1, 19_900));
        small.place(NOW, 2, 7, lines(PHONE, 1, 19_900));
        small.events.clear();

        small.assertRejected(small.place(NOW, 3, 7, lines(PHONE, 1, 19_900)), RejectReason.CAPACITY_EXCEEDED, -1, 0);
        assertEquals(List.of("OrderRejected order=3 reason=CAPACITY_EXCEEDED line=-1 sku=0"), small.events.take());
        small.assertStock(PHONE, 8, 2, 0);

        small.pay(NOW, 1);
        small.assertReserved(small.place(NOW, 4, 7, lines(PHONE, 1, 19_900)), 4, NOW + TIMEOUT_MS);
    }

    @Test
    void rejectedOrdersChangeNoStockAndNoLimitUsage() {
        shop.defineSku(100, 3, 2_500, 50);
        shop.defineSale(1, 0, 1_000_000, 2, PHONE);
        shop.defineSale(2, 5_000_000, 6_000_000, 0, LAMP);
        shop.place(NOW, 1, 7, lines(PHONE, 1, 19_900, CASE, 1, 500));
        final long hashBefore = shop.logic.stateHash();

        // Each order's first line would fit; a later line breaks one rule.
        shop.assertRejected(shop.place(NOW, 10, 7, lines(PHONE, 1, 19_900, 100, 51, 2_500)), RejectReason.OUT_OF_STOCK, 1, 100);
        shop.assertRejected(shop.place(NOW, 11, 7, lines(PHONE, 1, 19_900, 101, 1, 2_500)), RejectReason.UNKNOWN_SKU, 1, 101);
        shop.assertRejected(shop.place(NOW, 12, 7, lines(100, 1, 2_500, PHONE, 2, 19_900)), RejectReason.LIMIT_EXCEEDED, 1, PHONE);
        shop.assertRejected(shop.place(NOW, 13, 7, lines(PHONE, 1, 19_900, LAMP, 1, 1_000)), RejectReason.SALE_NOT_ACTIVE, 1, LAMP);
        shop.assertRejected(shop.place(NOW, 14, 7, lines(PHONE, 1, 19_900, 100, 1, 2_499)), RejectReason.INVALID_ORDER, 1, 100);
        shop.assertRejected(shop.place(NOW, 15, 7, lines(PHONE, 1, 19_900, 100, 0, 2_500)), RejectReason.INVALID_ORDER, 1, 100);

        shop.assertStock(PHONE, 9, 1, 0);
        shop.assertStock(CASE, 4, 1, 0);
        shop.assertStock(LAMP, 3, 0, 0);
        shop.assertStock(100, 50, 0, 0);
        assertEquals(1, shop.logic.limitUsage(7, PHONE));
        assertEquals(1, shop.logic.liveOrderCount());
        assertEquals(6, shop.counters().ordersRejected());
        assertEquals(1, shop.counters().ordersReserved());
        // Rejections are counted and remembered for idempotency, so the state hash does move.
        assertNotEquals(hashBefore, shop.logic.stateHash());
    }

    @Test
    void rejectionAtCapacityChangesNoStockAndNoLimitUsage() {
        final DomainDriver small = new DomainDriver(DomainDriver.settings(TIMEOUT_MS, 100, 10, 1, 10));
        small.defineSku(PHONE, 1, 19_900, 10);
        small.defineSale(1, 0, 1_000_000, 5, PHONE);
        small.place(NOW, 1, 7, lines(PHONE, 1, 19_900));

        small.assertRejected(small.place(NOW, 2, 7, lines(PHONE, 2, 19_900)), RejectReason.CAPACITY_EXCEEDED, -1, 0);
        small.assertStock(PHONE, 9, 1, 0);
        assertEquals(1, small.logic.limitUsage(7, PHONE));
    }

    @Test
    void emitsSkuSoldOutWhenAReservationTakesTheLastUnit() {
        shop.place(NOW, 1, 7, lines(LAMP, 2, 1_000, CASE, 1, 500));
        assertEquals(0, shop.events.count("SkuSoldOut"));
        shop.events.clear();

        shop.place(NOW, 2, 8, lines(CASE, 4, 500, LAMP, 1, 1_000));

        assertEquals(List.of(
            "OrderReserved order=2 customer=8 expiresAtMs=" + (NOW + TIMEOUT_MS) + " totalCents=3000",
            "SkuSoldOut sku=43 merchant=1",
            "SkuSoldOut sku=77 merchant=2"), shop.events.take());
        assertEquals(2, shop.counters().skusSoldOut());
    }

    @Test
    void doesNotEmitSkuSoldOutWhileUnitsRemain() {
        shop.place(NOW, 1, 7, lines(PHONE, 9, 19_900));

        assertEquals(0, shop.events.count("SkuSoldOut"));
        assertEquals(0, shop.counters().skusSoldOut());
    }

    @Test
    void orderLinesHoldAtMostSixteenLines() {
        final OrderLines lines = new OrderLines();
        for (int i = 1; i <= OrderLines.MAX_LINES; i++) {
            lines.add(i, 1, 1);
        }
        assertThrows(IllegalArgumentException.class, () -> lines.add(17, 1, 1));
        assertEquals(OrderLines.MAX_LINES, lines.count());
    }

    @Test
    void reservesAnOrderOfSixteenLines() {
        final OrderLines lines = new OrderLines();
        for (int i = 1; i <= OrderLines.MAX_LINES; i++) {
            shop.defineSku(1_000 + i, 1 + i % 3, 100L * i, 1);
            lines.add(1_000 + i, 1, 100L * i);
        }

        shop.assertReserved(shop.place(NOW, 1, 7, lines), 1, NOW + TIMEOUT_MS);
        assertEquals(lines, shop.queryOrder(1).lines());
        for (int i = 1; i <= OrderLines.MAX_LINES; i++) {
            shop.assertStock(1_000 + i, 0, 1, 0);
        }
    }
}
