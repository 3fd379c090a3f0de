package io.surge.engine.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.surge.engine.domain.DomainDriver.TIMEOUT_MS;
import static io.surge.engine.domain.DomainDriver.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SaleRulesTest {
    private static final long PHONE = 42;
    private static final long CASE = 43;
    private static final long LAMP = 77;
    private static final long START = 10_000;
    private static final long END = 20_000;
    private static final long DURING = 15_000;

    private final DomainDriver shop = new DomainDriver();

    @BeforeEach
    void catalogue() {
        shop.defineSku(PHONE, 1, 19_900, 100);
        shop.defineSku(CASE, 1, 500, 100);
        shop.defineSku(LAMP, 2, 1_000, 100);
        shop.events.clear();
    }

    @Test
    void saleSkuCanBeOrderedOnlyFromStartUntilBeforeEnd() {
        shop.defineSale(1, START, END, 0, PHONE);

        shop.assertRejected(shop.place(START - 1, 1, 7, lines(CASE, 1, 500, PHONE, 1, 19_900)),
            RejectReason.SALE_NOT_ACTIVE, 1, PHONE);
        shop.assertReserved(shop.place(START, 2, 7, lines(PHONE, 1, 19_900)), 2, START + TIMEOUT_MS);
        shop.assertReserved(shop.place(END - 1, 3, 7, lines(PHONE, 1, 19_900)), 3, END - 1 + TIMEOUT_MS);
        shop.assertRejected(shop.place(END, 4, 7, lines(PHONE, 1, 19_900)), RejectReason.SALE_NOT_ACTIVE, 0, PHONE);
        shop.assertStock(PHONE, 98, 2, 0);
        shop.assertStock(CASE, 100, 0, 0);
    }

    @Test
    void skuOutsideAnySaleCanBeOrderedAtAnyTime() {
        shop.defineSale(1, START, END, 1, PHONE);

        shop.assertReserved(shop.place(0, 1, 7, lines(CASE, 5, 500)), 1, TIMEOUT_MS);
        shop.assertReserved(shop.place(END + 1, 2, 7, lines(CASE, 5, 500)), 2, END + 1 + TIMEOUT_MS);
        assertEquals(0, shop.logic.limitUsage(7, CASE));
    }

    @Test
    void customerMayHoldAtMostTheLimitOfASaleSku() {
        shop.defineSale(1, START, END, 2, PHONE);

        shop.assertReserved(shop.place(DURING, 1, 7, lines(PHONE, 1, 19_900)), 1, DURING + TIMEOUT_MS);
        shop.assertReserved(shop.place(DURING, 2, 7, lines(PHONE, 1, 19_900)), 2, DURING + TIMEOUT_MS);
        assertEquals(2, shop.logic.limitUsage(7, PHONE));
        shop.events.clear();

        shop.assertRejected(shop.place(DURING, 3, 7, lines(CASE, 1, 500, PHONE, 1, 19_900)),
            RejectReason.LIMIT_EXCEEDED, 1, PHONE);

        assertEquals(List.of("OrderRejected order=3 reason=LIMIT_EXCEEDED line=1 sku=42"), shop.events.take());
        assertEquals(2, shop.logic.limitUsage(7, PHONE));
        shop.assertStock(PHONE, 98, 2, 0);
        shop.assertStock(CASE, 100, 0, 0);
    }

    @Test
    void singleOrderAboveTheLimitIsRejected() {
        shop.defineSale(1, START, END, 2, PHONE);

        shop.assertRejected(shop.place(DURING, 1, 7, lines(PHONE, 3, 19_900)), RejectReason.LIMIT_EXCEEDED, 0, PHONE);
        assertEquals(0, shop.logic.limitUsage(7, PHONE));
        shop.assertReserved(shop.place(DURING, 2, 7, lines(PHONE, 2, 19_900)), 2, DURING + TIMEOUT_MS);
    }

    @Test
    void limitCountsPerCustomer() {
        shop.defineSale(1, START, END, 2, PHONE);
        shop.place(DURING, 1, 7, lines(PHONE, 2, 19_900));

        shop.assertReserved(shop.place(DURING, 2, 8, lines(PHONE, 2, 19_900)), 2, DURING + TIMEOUT_MS);
        assertEquals(2, shop.logic.limitUsage(7, PHONE));
        assertEquals(2, shop.logic.limitUsage(8, PHONE));
    }

    @Test
    void limitCountsPerSku() {
        shop.defineSale(1, START, END, 2, PHONE, CASE);

        shop.assertReserved(shop.place(DURING, 1, 7, lines(PHONE, 2, 19_900, CASE, 2, 500)), 1, DURING + TIMEOUT_MS);
        assertEquals(2, shop.logic.limitUsage(7, PHONE));
        assertEquals(2, shop.logic.limitUsage(7, CASE));
        shop.assertRejected(shop.place(DURING, 2, 7, lines(CASE, 1, 500)), RejectReason.LIMIT_EXCEEDED, 0, CASE);
    }

    @Test
    void paymentKeepsTheLimitUsage() {
        shop.defineSale(1, START, END, 2, PHONE);
        shop.place(DURING, 1, 7, lines(PHONE, 2, 19_900));

        shop.pay(DURING, 1);

        assertEquals(2, shop.logic.limitUsage(7, PHONE));
        shop.assertRejected(shop.place(DURING, 2, 7, lines(PHONE, 1, 19_900)), RejectReason.LIMIT_EXCEEDED, 0, PHONE);
    }

    @Test
    void cancelGivesTheLimitUsageBack() {
        shop.defineSale(1, START, END, 2, PHONE);
        shop.place(DURING, 1, 7, lines(PHONE, 2, 19_900));

        shop.cancel(DURING, 1);

        assertEquals(0, shop.logic.limitUsage(7, PHONE));
        shop.assertReserved(shop.place(DURING, 2, 7, lines(PHONE, 2, 19_900)), 2, DURING + TIMEOUT_MS);
    }

    @Test
    void expiryGivesTheLimitUsageBack() {
        shop.defineSale(1, 0, Long.MAX_VALUE, 2, PHONE);
        shop.place(DURING, 1, 7, lines(PHONE, 2, 19_900));

        shop.tick(DURING + TIMEOUT_MS, 10);

        assertEquals(0, shop.logic.limitUsage(7, PHONE));
        shop.assertReserved(shop.place(DURING + TIMEOUT_MS, 2, 7, lines(PHONE, 2, 19_900)), 2, DURING + 2 * TIMEOUT_MS);
    }

    @Test
    void limitZeroMeansNoLimit() {
        shop.defineSale(1, START, END, 0, PHONE);

        shop.assertReserved(shop.place(DURING, 1, 7, lines(PHONE, 60, 19_900)), 1, DURING + TIMEOUT_MS);
        shop.assertReserved(shop.place(DURING, 2, 7, lines(PHONE, 40, 19_900)), 2, DURING + TIMEOUT_MS);
        assertEquals(0, shop.logic.saleLimit(PHONE));
        assertEquals(0, shop.logic.limitUsage(7, PHONE));
    }

    @Test
    void outOfStockIsReportedBeforeTheLimit() {
        shop.defineSku(PHONE, 1, 19_900, 1);
        shop.defineSale(1, START, END, 2, PHONE);

        // Out of stock is reported for a line that also breaks the limit.
        shop.assertRejected(shop.place(DURING, 1, 7, lines(PHONE, 3, 19_900)), RejectReason.OUT_OF_STOCK, 0, PHONE);
    }

    @Test
    void redefiningASaleReplacesItsWindowLimitAndSkus() {
        shop.defineSale(1, START, END, 2, PHONE, CASE);
        shop.events.clear();

        shop.defineSale(1, 30_000, 40_000, 5, PHONE, LAMP);

        assertEquals(List.of("SaleDefined sale=1 startMs=30000 endMs=40000 limit=5 skus=2"), shop.events.take());
        assertEquals(5, shop.logic.saleLimit(PHONE));
        assertEquals(5, shop.logic.saleLimit(LAMP));
        assertEquals(0, shop.logic.saleLimit(CASE));
        shop.assertRejected(shop.place(DURING, 1, 7, lines(PHONE, 1, 19_900)), RejectReason.SALE_NOT_ACTIVE, 0, PHONE);
        shop.assertRejected(shop.place(DURING, 2, 7, lines(LAMP, 1, 1_000)), RejectReason.SALE_NOT_ACTIVE, 0, LAMP);
        shop.assertReserved(shop.place(35_000, 3, 7, lines(PHONE, 5, 19_900, LAMP, 5, 1_000)), 3, 35_000 + TIMEOUT_MS);
        shop.assertRejected(shop.place(35_000, 4, 7, lines(LAMP, 1, 1_000)), RejectReason.LIMIT_EXCEEDED, 0, LAMP);
    }

    @Test
    void skuDroppedFromASaleIsFreeAgain() {
        shop.defineSale(1, START, END, 2, PHONE, CASE);
        shop.place(DURING, 1, 7, lines(CASE, 2, 500));
        assertEquals(2, shop.logic.limitUsage(7, CASE));

        shop.defineSale(1, START, END, 2, PHONE);

        assertEquals(0, shop.logic.saleLimit(CASE));
        assertEquals(0, shop.logic.limitUsage(7, CASE));
        shop.assertReserved(shop.place(0, 2, 7, lines(CASE, 10, 500)), 2, TIMEOUT_MS);
        shop.assertReserved(shop.place(END + 5, 3, 7, lines(CASE, 10, 500)), 3, END + 5 + TIMEOUT_MS);
        // The reservation made under the sale still releases cleanly.
        assertEquals(Status.CANCELLED, shop.cancel(END + 5, 1).status());
        shop.assertStock(CASE, 80, 20, 0);
    }

    @Test
    void skuBelongsToTheSaleDefinedLastThatListsIt() {
        shop.defineSale(1, START, END, 2, PHONE, CASE);
        shop.defineSale(2, 30_000, 40_000, 1, PHONE);

        shop.assertRejected(shop.place(DURING, 1, 7, lines(PHONE, 1, 19_900)), RejectReason.SALE_NOT_ACTIVE, 0, PHONE);
        shop.assertReserved(shop.place(DURING, 2, 7, lines(CASE, 2, 500)), 2, DURING + TIMEOUT_MS);
        shop.assertReserved(shop.place(35_000, 3, 7, lines(PHONE, 1, 19_900)), 3, 35_000 + TIMEOUT_MS);
        assertEquals(1, shop.logic.saleLimit(PHONE));
        assertEquals(2, shop.logic.saleLimit(CASE));
        // Redefining the first sale without PHONE leaves PHONE in the second one.
        shop.defineSale(1, START, END, 2, CASE);
        assertEquals(1, shop.logic.saleLimit(PHONE));
    }
}
