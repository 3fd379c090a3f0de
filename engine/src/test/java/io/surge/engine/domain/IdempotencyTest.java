package io.surge.engine.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.surge.engine.domain.DomainDriver.TIMEOUT_MS;
import static io.surge.engine.domain.DomainDriver.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdempotencyTest {
    private static final long PHONE = 42;
    private static final long CASE = 43;
    private static final long T0 = 1_000;

    private final DomainDriver shop = new DomainDriver();

    @BeforeEach
    void catalogue() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.defineSku(CASE, 1, 500, 5);
        shop.events.clear();
    }

    @Test
    void retryOfLiveReservationAnswersTheSameExpiryWithoutEventOrExtraStock() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.events.clear();
        final long hash = shop.logic.stateHash();

        final CommandResult retry = shop.place(T0 + 5_000, 1, 7, lines(PHONE, 2, 19_900));

        shop.assertReserved(retry, 1, T0 + TIMEOUT_MS);
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
        shop.assertStock(PHONE, 8, 2, 0);
        assertEquals(1, shop.counters().ordersReserved());
        assertEquals(hash, shop.logic.stateHash());
    }

    @Test
    void retryOfRejectedOrderAnswersTheSameRejectionEvenAfterStockArrives() {
        shop.assertRejected(shop.place(T0, 1, 7, lines(CASE, 1, 500, PHONE, 11, 19_900)),
            RejectReason.OUT_OF_STOCK, 1, PHONE);
        shop.adjustStock(PHONE, 100);
        shop.events.clear();

        final CommandResult retry = shop.place(T0 + 1, 1, 7, lines(CASE, 1, 500, PHONE, 11, 19_900));

        shop.assertRejected(retry, RejectReason.OUT_OF_STOCK, 1, PHONE);
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
        shop.assertStock(PHONE, 110, 0, 0);
        shop.assertStock(CASE, 5, 0, 0);
        assertEquals(1, shop.counters().ordersRejected());
    }

    @Test
    void retryOfOrderRejectedForItsPriceAnswersTheSameRejection() {
        shop.place(T0, 1, 7, lines(PHONE, 1, 19_000));
        shop.events.clear();

        shop.assertRejected(shop.place(T0, 1, 7, lines(PHONE, 1, 19_000)), RejectReason.INVALID_ORDER, 0, PHONE);
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
    }

    @Test
    void retryOfOrderWithInvalidLineAnswersTheSameRejectionWithoutEvent() {
        shop.assertRejected(shop.place(T0, 1, 7, lines(PHONE, 1, 19_900, CASE, 0, 500)), RejectReason.INVALID_ORDER, 1, CASE);
        shop.events.clear();

        shop.assertRejected(shop.place(T0, 1, 7, lines(PHONE, 1, 19_900, CASE, 0, 500)), RejectReason.INVALID_ORDER, 1, CASE);
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
        assertEquals(1, shop.counters().ordersRejected());
    }

    @Test
    void retryOfOrderWithoutLinesAnswersTheSameRejectionWithoutEvent() {
        shop.place(T0, 1, 7, new OrderLines());
        shop.events.clear();

        shop.assertRejected(shop.place(T0, 1, 7, new OrderLines()), RejectReason.INVALID_ORDER, -1, 0);
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
    }

    @Test
    void retryOfOrderRejectedAtCapacityAnswersTheSameRejectionEvenAfterCapacityFrees() {
        final DomainDriver small = new DomainDriver(DomainDriver.settings(TIMEOUT_MS, 100, 10, 1, 10));
        small.defineSku(PHONE, 1, 19_900, 10);
        small.place(T0, 1, 7, lines(PHONE, 1, 19_900));
        small.assertRejected(small.place(T0, 2, 8, lines(PHONE, 1, 19_900)), RejectReason.CAPACITY_EXCEEDED, -1, 0);
        small.cancel(T0, 1);
        small.events.clear();

        small.assertRejected(small.place(T0, 2, 8, lines(PHONE, 1, 19_900)), RejectReason.CAPACITY_EXCEEDED, -1, 0);
        assertTrue(small.events.isEmpty(), small.events.all().toString());
        small.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void aReservationThatOutlivedTheDedupWindowIsStillIdempotentOnceFinished() {
        final DomainDriver small = new DomainDriver(DomainDriver.settings(TIMEOUT_MS, 2, 10, 10, 10));
        small.defineSku(PHONE, 1, 19_900, 10);
        small.place(T0, 1, 7, lines(PHONE, 1, 19_900));
        small.place(T0, 2, 7, lines(PHONE, 1, 19_900));
        small.place(T0, 3, 7, lines(PHONE, 1, 19_900)); // order 1 drops out of the two-id window
        assertEquals(Status.PAID, small.pay(T0 + 10, 1).status());
        small.events.clear();

        assertEquals(Status.PAID, small.pay(T0 + 20, 1).status(), "paying twice still answers PAID");
        small.assertReserved(small.place(T0 + 30, 1, 7, lines(PHONE, 1, 19_900)), 1, T0 + TIMEOUT_MS);
        assertTrue(small.events.isEmpty(), small.events.all().toString());
        small.assertStock(PHONE, 7, 2, 1);
    }

    @Test
    void aLiveReservationOlderThanTheWindowIsStillFoundIdempotentAndPayable() {
        final DomainDriver small = new DomainDriver(DomainDriver.settings(TIMEOUT_MS, 2, 10, 10, 10));
        small.defineSku(PHONE, 1, 19_900, 10);
        for (long orderId = 1; orderId <= 4; orderId++) {
            small.place(T0, orderId, 7, lines(PHONE, 1, 19_900)); // orders 1 and 2 leave the two-id window
        }
        small.events.clear();
        small.assertReserved(small.place(T0 + 1, 1, 7, lines(PHONE, 1, 19_900)), 1, T0 + TIMEOUT_MS);
        assertTrue(small.events.isEmpty(), "a retry of a live order is answered from memory");
        assertEquals(RejectReason.DUPLICATE_ORDER, small.place(T0 + 1, 2, 7, lines(PHONE, 2, 19_900)).reason());
        final CommandResult query = new CommandResult().reset();
        small.logic.queryOrder(1, query);
        assertEquals(Status.FOUND, query.status());

        final BusinessLogic restored = SnapshotRoundTripTest.roundTripOf(small.logic);
        assertEquals(small.logic.stateHash(), restored.stateHash());
        final DomainDriver after = new DomainDriver(restored);
        assertEquals(Status.PAID, after.pay(T0 + 2, 1).status());
        assertEquals(Status.CANCELLED, after.cancel(T0 + 2, 2).status());
        after.assertStock(PHONE, 7, 2, 1);
        assertEquals(Status.PAID, after.pay(T0 + 3, 1).status(), "paying again answers PAID");
    }

    @Test
    void retryAfterPaymentAnswersTheFirstReservation() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.pay(T0 + 10, 1);
        shop.events.clear();

        shop.assertReserved(shop.place(T0 + 20, 1, 7, lines(PHONE, 2, 19_900)), 1, T0 + TIMEOUT_MS);
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
        shop.assertStock(PHONE, 8, 0, 2);
        assertEquals(0, shop.logic.liveOrderCount());
    }

    @Test
    void retryAfterCancelAnswersTheFirstReservationAndReservesNothing() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.cancel(T0 + 10, 1);
        shop.events.clear();

        shop.assertReserved(shop.place(T0 + 20, 1, 7, lines(PHONE, 2, 19_900)), 1, T0 + TIMEOUT_MS);
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
        shop.assertStock(PHONE, 10, 0, 0);
        assertEquals(0, shop.logic.liveOrderCount());
    }

    @Test
    void retryAfterExpiryAnswersTheFirstReservationAndReservesNothing() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.tick(T0 + TIMEOUT_MS, 10);
        shop.events.clear();

        shop.assertReserved(shop.place(T0 + TIMEOUT_MS + 1, 1, 7, lines(PHONE, 2, 19_900)), 1, T0 + TIMEOUT_MS);
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
        shop.assertStock(PHONE, 10, 0, 0);
        assertEquals(0, shop.logic.liveOrderCount());
    }

    @Test
    void sameIdWithOtherLinesIsDuplicateOrder() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.events.clear();

        shop.assertRejected(shop.place(T0, 1, 7, lines(PHONE, 3, 19_900)), RejectReason.DUPLICATE_ORDER, -1, 0);
        assertEquals(List.of("OrderRejected order=1 reason=DUPLICATE_ORDER line=-1 sku=0"), shop.events.take());
        shop.assertStock(PHONE, 8, 2, 0);
        assertEquals(1, shop.counters().rejected(RejectReason.DUPLICATE_ORDER));
        // The original reservation stands and is still answered to a true retry.
        shop.assertReserved(shop.place(T0, 1, 7, lines(PHONE, 2, 19_900)), 1, T0 + TIMEOUT_MS);
    }

    @Test
    void sameIdWithMalformedLinesIsDuplicateOrderNotAFreshRejection() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.events.clear();

        shop.assertRejected(shop.place(T0, 1, 7, lines(PHONE, 0, 19_900)), RejectReason.DUPLICATE_ORDER, -1, 0);
        shop.assertStock(PHONE, 8, 2, 0);
    }

    @Test
    void sameIdFromAnotherCustomerIsDuplicateOrder() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));

        shop.assertRejected(shop.place(T0, 1, 8, lines(PHONE, 2, 19_900)), RejectReason.DUPLICATE_ORDER, -1, 0);
        shop.assertStock(PHONE, 8, 2, 0);
    }

    @Test
    void sameIdWithLinesInAnotherOrderIsDuplicateOrder() {
        shop.place(T0, 1, 7, lines(PHONE, 1, 19_900, CASE, 1, 500));

        shop.assertRejected(shop.place(T0, 1, 7, lines(CASE, 1, 500, PHONE, 1, 19_900)), RejectReason.DUPLICATE_ORDER, -1, 0);
    }

    @Test
    void sameIdWithOtherContentAfterPaymentIsDuplicateOrder() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.pay(T0, 1);
        shop.events.clear();

        shop.assertRejected(shop.place(T0, 1, 7, lines(CASE, 1, 500)), RejectReason.DUPLICATE_ORDER, -1, 0);
        assertEquals(List.of("OrderRejected order=1 reason=DUPLICATE_ORDER line=-1 sku=0"), shop.events.take());
        shop.assertStock(CASE, 5, 0, 0);
    }

    @Test
    void sameIdWithOtherContentAfterRejectionIsDuplicateOrder() {
        shop.place(T0, 1, 7, lines(PHONE, 11, 19_900));

        shop.assertRejected(shop.place(T0, 1, 7, lines(PHONE, 1, 19_900)), RejectReason.DUPLICATE_ORDER, -1, 0);
        shop.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void forgetsTheOldestOrderIdAfterDedupWindowNewerIds() {
        final DomainDriver small = new DomainDriver(DomainDriver.settings(TIMEOUT_MS, 4, 10, 100, 10));
        small.defineSku(PHONE, 1, 19_900, 100);
        small.place(T0, 1, 7, lines(PHONE, 1, 19_900));
        small.cancel(T0, 1);
        for (long id = 2; id <= 4; id++) {
            small.place(T0, id, 7, lines(PHONE, 1, 19_900));
        }
        small.events.clear();
        // Three newer ids: order 1 is still remembered.
        small.assertReserved(small.place(T0 + 1, 1, 7, lines(PHONE, 1, 19_900)), 1, T0 + TIMEOUT_MS);
        assertTrue(small.events.isEmpty());

        small.place(T0, 5, 7, lines(PHONE, 1, 19_900));
        small.events.clear();

        // A fourth newer id pushed order 1 out: the same content is now a new order.
        small.assertReserved(small.place(T0 + 2, 1, 7, lines(PHONE, 1, 19_900)), 1, T0 + 2 + TIMEOUT_MS);
        assertEquals(1, small.events.count("OrderReserved"));
        small.assertStock(PHONE, 95, 5, 0);
    }

    @Test
    void liveOrderStaysIdempotentAfterTheDedupWindowForgotIt() {
        final DomainDriver small = new DomainDriver(DomainDriver.settings(TIMEOUT_MS, 1, 10, 100, 10));
        small.defineSku(PHONE, 1, 19_900, 100);
        small.place(T0, 1, 7, lines(PHONE, 1, 19_900));
        small.place(T0, 2, 7, lines(PHONE, 1, 19_900));
        small.events.clear();

        small.assertReserved(small.place(T0 + 1, 1, 7, lines(PHONE, 1, 19_900)), 1, T0 + TIMEOUT_MS);
        small.assertRejected(small.place(T0 + 1, 1, 7, lines(PHONE, 2, 19_900)), RejectReason.DUPLICATE_ORDER, -1, 0);
        small.assertStock(PHONE, 98, 2, 0);
    }
}
