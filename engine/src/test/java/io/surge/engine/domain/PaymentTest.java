package io.surge.engine.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.surge.engine.domain.DomainDriver.TIMEOUT_MS;
import static io.surge.engine.domain.DomainDriver.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaymentTest {
    private static final long PHONE = 42;
    private static final long CASE = 43;
    private static final long LAMP = 77;
    private static final long T0 = 1_000;
    private static final long EXPIRES = T0 + TIMEOUT_MS;

    private final DomainDriver shop = new DomainDriver();

    @BeforeEach
    void catalogue() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.defineSku(CASE, 1, 500, 5);
        shop.defineSku(LAMP, 2, 1_000, 3);
        shop.events.clear();
    }

    @Test
    void paymentTurnsReservedUnitsIntoSoldUnits() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.events.clear();

        final CommandResult paid = shop.pay(T0 + 10, 1);

        assertEquals(Status.PAID, paid.status());
        assertEquals(1, paid.orderId());
        assertEquals(List.of(
            "PaymentConfirmed order=1 totalCents=39800",
            "FulfilmentRequested order=1 merchant=1 customer=7 lines=[42x2@19900]"), shop.events.take());
        shop.assertStock(PHONE, 8, 0, 2);
        assertEquals(0, shop.logic.liveOrderCount());
        assertEquals(1, shop.counters().ordersPaid());
        assertEquals(39_800, shop.counters().gmvPaidCents());
    }

    @Test
    void paymentRequestsOneFulfilmentPerMerchantWithThatMerchantsLines() {
        shop.place(T0, 1, 7, lines(PHONE, 1, 19_900, LAMP, 2, 1_000, CASE, 3, 500));
        shop.events.clear();

        shop.pay(T0, 1);

        assertEquals(List.of(
            "PaymentConfirmed order=1 totalCents=23400",
            "FulfilmentRequested order=1 merchant=1 customer=7 lines=[42x1@19900, 43x3@500]",
            "FulfilmentRequested order=1 merchant=2 customer=7 lines=[77x2@1000]"), shop.events.take());
        shop.assertStock(PHONE, 9, 0, 1);
        shop.assertStock(LAMP, 1, 0, 2);
        shop.assertStock(CASE, 2, 0, 3);
    }

    @Test
    void payingTwiceAnswersPaidAgainWithoutEvent() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.pay(T0, 1);
        shop.events.clear();

        final CommandResult again = shop.pay(T0 + 5, 1);

        assertEquals(Status.PAID, again.status());
        assertEquals(1, again.orderId());
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
        shop.assertStock(PHONE, 8, 0, 2);
        assertEquals(1, shop.counters().ordersPaid());
        assertEquals(0, shop.counters().commandsRejected());
    }

    @Test
    void payingTwiceAfterTheExpiryTimeStillAnswersPaid() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.pay(T0, 1);
        shop.events.clear();

        assertEquals(Status.PAID, shop.pay(EXPIRES + 1_000, 1).status());
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
    }

    @Test
    void payingUnknownOrderIsUnknownOrder() {
        final CommandResult result = shop.pay(T0, 99);

        shop.assertRejected(result, RejectReason.UNKNOWN_ORDER, -1, 0);
        assertEquals(99, result.orderId());
        assertEquals(List.of("CommandRejected reason=UNKNOWN_ORDER subject=99"), shop.events.take());
        assertEquals(1, shop.counters().commandsRejected());
    }

    @Test
    void payingCancelledOrderIsInvalidState() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.cancel(T0, 1);
        shop.events.clear();

        shop.assertRejected(shop.pay(T0, 1), RejectReason.INVALID_STATE, -1, 0);
        assertEquals(List.of("CommandRejected reason=INVALID_STATE subject=1"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void payingExpiredOrderIsInvalidState() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.tick(EXPIRES, 10);
        shop.events.clear();

        shop.assertRejected(shop.pay(EXPIRES + 1, 1), RejectReason.INVALID_STATE, -1, 0);
        assertEquals(List.of("CommandRejected reason=INVALID_STATE subject=1"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
        assertEquals(0, shop.counters().ordersPaid());
    }

    @Test
    void payingAtTheExpiryTimeExpiresTheReservation() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.events.clear();

        shop.assertRejected(shop.pay(EXPIRES, 1), RejectReason.INVALID_STATE, -1, 0);

        assertEquals(List.of(
            "ReservationExpired order=1 totalCents=39800",
            "CommandRejected reason=INVALID_STATE subject=1"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
        assertEquals(0, shop.logic.liveOrderCount());
        assertEquals(1, shop.counters().ordersExpired());
        // It stays expired: another attempt is turned down without a second expiry.
        shop.assertRejected(shop.pay(EXPIRES + 1, 1), RejectReason.INVALID_STATE, -1, 0);
        assertEquals(List.of("CommandRejected reason=INVALID_STATE subject=1"), shop.events.take());
        assertEquals(1, shop.counters().ordersExpired());
    }

    @Test
    void payingAfterTheExpiryTimeBeforeAnyTickExpiresTheReservation() {
        shop.defineSale(1, 0, Long.MAX_VALUE, 3, PHONE);
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.events.clear();

        shop.assertRejected(shop.pay(EXPIRES + 30_000, 1), RejectReason.INVALID_STATE, -1, 0);

        assertEquals(1, shop.events.count("ReservationExpired"));
        shop.assertStock(PHONE, 10, 0, 0);
        assertEquals(0, shop.logic.limitUsage(7, PHONE));
        assertEquals(0, shop.tick(EXPIRES + 60_000, 10).orderId(), "the order must not expire a second time");
        assertEquals(1, shop.events.count("ReservationExpired"));
    }

    @Test
    void payingOneMillisecondBeforeExpirySucceeds() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));

        assertEquals(Status.PAID, shop.pay(EXPIRES - 1, 1).status());
        shop.assertStock(PHONE, 8, 0, 2);
    }

    @Test
    void paidOrderIsNoLongerLive() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.pay(T0, 1);

        assertEquals(Status.NOT_FOUND, shop.queryOrder(1).status());
        shop.events.clear();
        shop.tick(EXPIRES + 1, 100);
        assertTrue(shop.events.isEmpty(), "a paid order never expires: " + shop.events.all());
        shop.assertStock(PHONE, 8, 0, 2);
    }
}
