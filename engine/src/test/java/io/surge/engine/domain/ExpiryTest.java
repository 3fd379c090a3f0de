package io.surge.engine.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.surge.engine.domain.DomainDriver.TIMEOUT_MS;
import static io.surge.engine.domain.DomainDriver.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpiryTest {
    private static final long PHONE = 42;
    private static final long CASE = 43;

    private final DomainDriver shop = new DomainDriver();

    @BeforeEach
    void catalogue() {
        shop.defineSku(PHONE, 1, 19_900, 100);
        shop.defineSku(CASE, 1, 500, 100);
        shop.events.clear();
    }

    @Test
    void tickExpiresDueReservationsEarliestFirst() {
        shop.place(0, 1, 7, lines(PHONE, 1, 19_900));
        shop.place(10, 2, 8, lines(CASE, 2, 500));
        shop.place(20, 3, 9, lines(PHONE, 3, 19_900));
        shop.events.clear();

        final CommandResult result = shop.tick(TIMEOUT_MS + 10, 100);

        assertEquals(Status.ACCEPTED, result.status());
        assertEquals(2, result.orderId(), "a tick answers how many reservations it expired");
        assertEquals(List.of(
            "ReservationExpired order=1 totalCents=19900",
            "ReservationExpired order=2 totalCents=1000"), shop.events.take());
        assertEquals(1, shop.logic.liveOrderCount());
        assertEquals(Status.FOUND, shop.queryOrder(3).status());
        assertEquals(2, shop.counters().ordersExpired());
    }

    @Test
    void reservationExpiresExactlyAtItsExpiryTime() {
        shop.place(0, 1, 7, lines(PHONE, 1, 19_900));
        shop.events.clear();

        shop.tick(TIMEOUT_MS - 1, 10);
        assertTrue(shop.events.isEmpty(), shop.events.all().toString());

        shop.tick(TIMEOUT_MS, 10);
        assertEquals(List.of("ReservationExpired order=1 totalCents=19900"), shop.events.take());
    }

    @Test
    void tickExpiresAtMostMaxReservations() {
        for (long id = 1; id <= 5; id++) {
            shop.place(id, id, 7, lines(PHONE, 1, 19_900));
        }
        shop.events.clear();

        assertEquals(2, shop.tick(TIMEOUT_MS + 100, 2).orderId());
        assertEquals(List.of(
            "ReservationExpired order=1 totalCents=19900",
            "ReservationExpired order=2 totalCents=19900"), shop.events.take());
        assertEquals(2, shop.tick(TIMEOUT_MS + 100, 2).orderId());
        assertEquals(List.of(
            "ReservationExpired order=3 totalCents=19900",
            "ReservationExpired order=4 totalCents=19900"), shop.events.take());
        assertEquals(1, shop.tick(TIMEOUT_MS + 100, 2).orderId());
        assertEquals(List.of("ReservationExpired order=5 totalCents=19900"), shop.events.take());
        shop.assertStock(PHONE, 100, 0, 0);
    }

    @Test
    void tickWithZeroMaximumExpiresNothing() {
        shop.place(0, 1, 7, lines(PHONE, 1, 19_900));
        shop.events.clear();

        assertEquals(0, shop.tick(TIMEOUT_MS * 2, 0).orderId());
        assertTrue(shop.events.isEmpty());
        assertEquals(1, shop.logic.liveOrderCount());
    }

    @Test
    void expiryReturnsStockAndLimitUsage() {
        shop.defineSale(1, 0, Long.MAX_VALUE, 5, PHONE);
        shop.place(0, 1, 7, lines(PHONE, 4, 19_900, CASE, 3, 500));
        assertEquals(4, shop.logic.limitUsage(7, PHONE));

        shop.tick(TIMEOUT_MS, 10);

        shop.assertStock(PHONE, 100, 0, 0);
        shop.assertStock(CASE, 100, 0, 0);
        assertEquals(0, shop.logic.limitUsage(7, PHONE));
        shop.assertReserved(shop.place(TIMEOUT_MS, 2, 7, lines(PHONE, 5, 19_900)), 2, 2 * TIMEOUT_MS);
    }

    @Test
    void tickWithNothingDueEmitsNothingAndChangesNothing() {
        assertEquals(0, shop.tick(5_000, 10).orderId());
        shop.place(0, 1, 7, lines(PHONE, 1, 19_900));
        shop.events.clear();
        final long hash = shop.logic.stateHash();

        assertEquals(0, shop.tick(TIMEOUT_MS - 1, 10).orderId());

        assertTrue(shop.events.isEmpty(), shop.events.all().toString());
        assertEquals(hash, shop.logic.stateHash());
    }

    @Test
    void expiredOrderLeavesTheLiveBook() {
        shop.place(0, 1, 7, lines(PHONE, 1, 19_900));

        shop.tick(TIMEOUT_MS, 10);

        assertEquals(Status.NOT_FOUND, shop.queryOrder(1).status());
        assertEquals(0, shop.logic.liveOrderCount());
        shop.events.clear();
        shop.tick(TIMEOUT_MS * 5, 10);
        assertTrue(shop.events.isEmpty(), "an expired order expires once");
    }

    @Test
    void cancelledOrdersAreSkippedByExpiry() {
        shop.place(0, 1, 7, lines(PHONE, 1, 19_900));
        shop.place(1, 2, 7, lines(PHONE, 1, 19_900));
        shop.place(2, 3, 7, lines(PHONE, 1, 19_900));
        shop.cancel(3, 2);
        shop.events.clear();

        shop.tick(TIMEOUT_MS + 5, 10);

        assertEquals(List.of(
            "ReservationExpired order=1 totalCents=19900",
            "ReservationExpired order=3 totalCents=19900"), shop.events.take());
    }

    @Test
    void shorterTimeoutIsNotStuckBehindLongerReservations() {
        shop.place(0, 1, 7, lines(PHONE, 1, 19_900));                    // expires 60_000
        shop.configure(DomainDriver.settings(10_000, 1_000, 100, 100, 10));
        shop.place(100, 2, 7, lines(PHONE, 1, 19_900));                  // expires 10_100
        shop.place(200, 3, 7, lines(PHONE, 1, 19_900));                  // expires 10_200
        shop.configure(DomainDriver.settings(TIMEOUT_MS, 1_000, 100, 100, 10));
        shop.place(300, 4, 7, lines(PHONE, 1, 19_900));                  // expires 60_300
        shop.events.clear();

        shop.tick(10_150, 10);
        assertEquals(List.of("ReservationExpired order=2 totalCents=19900"), shop.events.take());

        shop.tick(60_000, 10);
        assertEquals(List.of(
            "ReservationExpired order=3 totalCents=19900",
            "ReservationExpired order=1 totalCents=19900"), shop.events.take());

        shop.tick(60_300, 10);
        assertEquals(List.of("ReservationExpired order=4 totalCents=19900"), shop.events.take());
    }
}
