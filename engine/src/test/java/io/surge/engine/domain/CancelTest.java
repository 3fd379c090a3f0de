package io.surge.engine.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.surge.engine.domain.DomainDriver.TIMEOUT_MS;
import static io.surge.engine.domain.DomainDriver.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CancelTest {
    private static final long PHONE = 42;
    private static final long CASE = 43;
    private static final long T0 = 1_000;
    private static final long EXPIRES = T0 + TIMEOUT_MS;

    private final DomainDriver shop = new DomainDriver();

    @BeforeEach
    void catalogue() {
        shop.defineSku(PHONE, 1, 19_900, 10);
        shop.defineSku(CASE, 1, 500, 5);
        shop.defineSale(1, 0, Long.MAX_VALUE, 3, PHONE);
        shop.events.clear();
    }

    @Test
    void cancelReturnsStockAndLimitUsage() {
        shop.place(T0, 1, 7, lines(PHONE, 3, 19_900, CASE, 2, 500));
        assertEquals(3, shop.logic.limitUsage(7, PHONE));
        shop.events.clear();

        final CommandResult cancelled = shop.cancel(T0 + 10, 1);

        assertEquals(Status.CANCELLED, cancelled.status());
        assertEquals(1, cancelled.orderId());
        assertEquals(List.of("OrderCancelled order=1 totalCents=60700"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
        shop.assertStock(CASE, 5, 0, 0);
        assertEquals(0, shop.logic.limitUsage(7, PHONE));
        assertEquals(0, shop.logic.liveOrderCount());
        assertEquals(1, shop.counters().ordersCancelled());
    }

    @Test
    void cancelledUnitsCanBeReservedAgain() {
        shop.place(T0, 1, 7, lines(PHONE, 3, 19_900));
        shop.cancel(T0, 1);

        shop.assertReserved(shop.place(T0, 2, 7, lines(PHONE, 3, 19_900)), 2, EXPIRES);
        shop.assertStock(PHONE, 7, 3, 0);
    }

    @Test
    void cancellingTwiceAnswersCancelledWithoutEvent() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.cancel(T0, 1);
        shop.events.clear();

        final CommandResult again = shop.cancel(T0 + 1, 1);

        assertEquals(Status.CANCELLED, again.status());
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
        shop.assertStock(PHONE, 10, 0, 0);
        assertEquals(1, shop.counters().ordersCancelled());
        assertEquals(0, shop.counters().commandsRejected());
    }

    @Test
    void cancellingPaidOrderIsInvalidState() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.pay(T0, 1);
        shop.events.clear();

        shop.assertRejected(shop.cancel(T0, 1), RejectReason.INVALID_STATE, -1, 0);

        assertEquals(List.of("CommandRejected reason=INVALID_STATE subject=1"), shop.events.take());
        shop.assertStock(PHONE, 8, 0, 2);
        assertEquals(2, shop.logic.limitUsage(7, PHONE));
    }

    @Test
    void cancellingUnknownOrderIsUnknownOrder() {
        shop.assertRejected(shop.cancel(T0, 5), RejectReason.UNKNOWN_ORDER, -1, 0);
        assertEquals(List.of("CommandRejected reason=UNKNOWN_ORDER subject=5"), shop.events.take());
    }

    @Test
    void cancellingExpiredOrderIsInvalidState() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.tick(EXPIRES, 10);
        shop.events.clear();

        shop.assertRejected(shop.cancel(EXPIRES, 1), RejectReason.INVALID_STATE, -1, 0);
        assertEquals(List.of("CommandRejected reason=INVALID_STATE subject=1"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
    }

    @Test
    void cancellingAtTheExpiryTimeExpiresTheReservation() {
        shop.place(T0, 1, 7, lines(PHONE, 2, 19_900));
        shop.events.clear();

        shop.assertRejected(shop.cancel(EXPIRES, 1), RejectReason.INVALID_STATE, -1, 0);

        assertEquals(List.of(
            "ReservationExpired order=1 totalCents=39800",
            "CommandRejected reason=INVALID_STATE subject=1"), shop.events.take());
        shop.assertStock(PHONE, 10, 0, 0);
        assertEquals(0, shop.logic.limitUsage(7, PHONE));
        assertEquals(0, shop.counters().ordersCancelled());
        assertEquals(1, shop.counters().ordersExpired());
    }

    @Test
    void cancellingRejectedOrderIsNotACancel() {
        shop.place(T0, 1, 7, lines(PHONE, 11, 19_900));
        shop.events.clear();

        assertEquals(Status.REJECTED, shop.cancel(T0, 1).status());
        assertEquals(0, shop.counters().ordersCancelled());
        shop.assertStock(PHONE, 10, 0, 0);
    }
}
