package io.surge.engine.domain;

import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static io.surge.engine.domain.DomainDriver.TIMEOUT_MS;
import static io.surge.engine.domain.DomainDriver.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CountersAndStateHashTest {
    private static final long PHONE = 42;
    private static final long CASE = 43;

    /** A short history touching every kind of outcome. */
    private static void history(DomainDriver shop) {
        shop.defineSku(PHONE, 1, 19_900, 3);
        shop.defineSku(CASE, 2, 500, 10);
        shop.defineSale(1, 0, 1_000_000, 2, PHONE);
        shop.place(0, 1, 7, lines(PHONE, 2, 19_900, CASE, 1, 500));    // reserved 40_300
        shop.place(0, 2, 8, lines(PHONE, 1, 19_900));                  // reserved 19_900, PHONE sold out
        shop.place(0, 3, 9, lines(PHONE, 1, 19_900));                  // OUT_OF_STOCK
        shop.place(0, 4, 7, lines(CASE, 1, 501));                      // INVALID_ORDER
        shop.place(10, 5, 9, lines(CASE, 4, 500));                     // reserved 2_000
        shop.place(10, 1, 7, lines(CASE, 4, 500));                     // DUPLICATE_ORDER
        shop.pay(20, 1);                                               // paid 40_300
        shop.cancel(20, 2);
        shop.tick(10 + TIMEOUT_MS, 10);                                // order 5 expires
        shop.pay(10 + TIMEOUT_MS, 99);                                 // UNKNOWN_ORDER
        shop.adjustStock(CASE, -1_000);                                // OUT_OF_STOCK command
    }

    @Test
    void countersReflectEveryOutcome() {
        final DomainDriver shop = new DomainDriver();
        history(shop);

        final EngineCounters counters = shop.counters();
        assertEquals(3, counters.ordersReserved());
        assertEquals(3, counters.ordersRejected());
        assertEquals(1, counters.rejected(RejectReason.OUT_OF_STOCK));
        assertEquals(1, counters.rejected(RejectReason.INVALID_ORDER));
        assertEquals(1, counters.rejected(RejectReason.DUPLICATE_ORDER));
        assertEquals(0, counters.rejected(RejectReason.LIMIT_EXCEEDED));
        assertEquals(1, counters.ordersPaid());
        assertEquals(1, counters.ordersCancelled());
        assertEquals(1, counters.ordersExpired());
        assertEquals(40_300 + 19_900 + 2_000, counters.gmvReservedCents());
        assertEquals(40_300, counters.gmvPaidCents());
        assertEquals(1, counters.skusSoldOut());
        assertEquals(2, counters.commandsRejected());
    }

    @Test
    void countersQueryCopiesTheTotals() {
        final DomainDriver shop = new DomainDriver();
        history(shop);
        shop.logic.appliedSequence(17);

        final CommandResult result = new CommandResult().reset();
        shop.logic.queryCounters(result);

        assertEquals(Status.FOUND, result.status());
        assertEquals(17, result.sequence());
        assertEquals(shop.counters().ordersReserved(), result.counters().ordersReserved());
        assertEquals(shop.counters().gmvPaidCents(), result.counters().gmvPaidCents());
        assertEquals(shop.counters().rejected(RejectReason.DUPLICATE_ORDER),
            result.counters().rejected(RejectReason.DUPLICATE_ORDER));
        assertEquals(shop.counters().commandsRejected(), result.counters().commandsRejected());
    }

    @Test
    void answersFromMemoryDoNotCount() {
        final DomainDriver shop = new DomainDriver();
        history(shop);
        final EngineCounters before = new EngineCounters();
        before.copyFrom(shop.counters());

        shop.place(100, 1, 7, lines(PHONE, 2, 19_900, CASE, 1, 500));
        shop.place(100, 3, 9, lines(PHONE, 1, 19_900));
        shop.pay(100, 1);
        shop.cancel(100, 2);

        assertEquals(before.ordersReserved(), shop.counters().ordersReserved());
        assertEquals(before.ordersRejected(), shop.counters().ordersRejected());
        assertEquals(before.ordersPaid(), shop.counters().ordersPaid());
        assertEquals(before.ordersCancelled(), shop.counters().ordersCancelled());
        assertEquals(before.commandsRejected(), shop.counters().commandsRejected());
    }

    @Test
    void equalHistoriesGiveEqualStateHashes() {
        final DomainDriver first = new DomainDriver();
        final DomainDriver second = new DomainDriver();
        history(first);
        history(second);

        assertEquals(first.logic.stateHash(), second.logic.stateHash());
        assertEquals(first.events.all(), second.events.all());
    }

    @Test
    void makingRoomForOrdersAheadChangesNoDecisionAndNoState() {
        final DomainDriver grown = new DomainDriver();
        final DomainDriver preallocated = new DomainDriver();
        preallocated.logic.makeRoomForOrders(10_000);
        assertEquals(grown.logic.stateHash(), preallocated.logic.stateHash());
        assertEquals(grown.logic.snapshotBytesEstimate(), preallocated.logic.snapshotBytesEstimate());

        history(grown);
        history(preallocated);

        assertEquals(grown.logic.stateHash(), preallocated.logic.stateHash());
        assertEquals(grown.events.all(), preallocated.events.all());
        assertTrue(preallocated.logic.offHeapBytes() >= 10_000L * (128 + 64), "order records and chunks for 10,000 orders");
        assertTrue(preallocated.logic.snapshotBytesEstimate(10_000) >= preallocated.logic.snapshotBytesEstimate() + 10_000L * 160,
            "the snapshot room asked for 10,000 more four-line orders");
    }

    @Test
    void stateHashChangesWithEveryStateChange() {
        final DomainDriver shop = new DomainDriver();
        final long empty = shop.logic.stateHash();
        assertEquals(empty, new DomainDriver().logic.stateHash());

        assertChanges(shop, s -> s.defineSku(PHONE, 1, 19_900, 10));
        assertChanges(shop, s -> s.defineSku(PHONE, 1, 19_900, 11));
        assertChanges(shop, s -> s.defineSku(PHONE, 1, 19_800, 11));
        assertChanges(shop, s -> s.defineSku(PHONE, 2, 19_800, 11));
        assertChanges(shop, s -> s.adjustStock(PHONE, 1));
        assertChanges(shop, s -> s.defineSale(1, 0, 1_000, 2, PHONE));
        assertChanges(shop, s -> s.defineSale(1, 0, 1_000, 3, PHONE));
        assertChanges(shop, s -> s.place(0, 1, 7, lines(PHONE, 1, 19_800)));
        assertChanges(shop, s -> s.place(0, 2, 7, lines(PHONE, 9, 19_800)));
        assertChanges(shop, s -> s.pay(0, 1));
        assertChanges(shop, s -> s.place(0, 3, 7, lines(PHONE, 1, 19_800)));
        assertChanges(shop, s -> s.cancel(0, 3));
        assertChanges(shop, s -> s.place(0, 4, 7, lines(PHONE, 1, 19_800)));
        assertChanges(shop, s -> s.tick(TIMEOUT_MS, 10));
        assertChanges(shop, s -> s.pay(TIMEOUT_MS, 99));
        assertChanges(shop, s -> s.configure(DomainDriver.settings(1_000, 500, 100, 100, 10)));
        assertChanges(shop, s -> s.logic.appliedSequence(5));
    }

    @Test
    void queriesAndRetriesLeaveTheStateHashAlone() {
        final DomainDriver shop = new DomainDriver();
        history(shop);
        shop.place(TIMEOUT_MS, 6, 7, lines(CASE, 1, 500));
        final long hash = shop.logic.stateHash();

        shop.place(TIMEOUT_MS, 6, 7, lines(CASE, 1, 500));
        shop.place(TIMEOUT_MS, 3, 9, lines(PHONE, 1, 19_900));
        shop.pay(TIMEOUT_MS, 1);
        shop.cancel(TIMEOUT_MS, 2);
        shop.tick(TIMEOUT_MS, 10);
        shop.querySku(PHONE);
        shop.queryOrder(6);
        shop.logic.queryCounters(new CommandResult());
        shop.logic.skuCounters(PHONE);

        assertEquals(hash, shop.logic.stateHash());
    }

    @Test
    void differentHistoriesGiveDifferentStateHashes() {
        final DomainDriver first = new DomainDriver();
        final DomainDriver second = new DomainDriver();
        history(first);
        history(second);

        first.place(TIMEOUT_MS, 6, 7, lines(CASE, 1, 500));
        second.place(TIMEOUT_MS, 6, 8, lines(CASE, 1, 500));

        assertNotEquals(first.logic.stateHash(), second.logic.stateHash());
    }

    private static void assertChanges(DomainDriver shop, Consumer<DomainDriver> command) {
        final long before = shop.logic.stateHash();
        command.accept(shop);
        assertNotEquals(before, shop.logic.stateHash(), "state hash did not change after " + shop.events.all());
        shop.events.clear();
    }
}
