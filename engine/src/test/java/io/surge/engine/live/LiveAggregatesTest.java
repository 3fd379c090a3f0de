package io.surge.engine.live;

import io.surge.engine.domain.RejectReason;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveAggregatesTest {
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void reservationsArePendingUntilPaidCancelledOrExpired() {
        final LiveAggregates live = new LiveAggregates(60, 5, 10);
        live.orderReserved(1_000);
        live.orderReserved(2_000);
        live.orderReserved(4_000);
        live.orderReserved(8_000);
        assertEquals(4, live.pendingReservations());
        assertEquals(15_000, live.pendingCents());
        live.paymentConfirmed(1_000);
        live.cancelled(2_000);
        live.expired(4_000);
        assertEquals(1, live.pendingReservations());
        assertEquals(8_000, live.pendingCents());
        final LiveSnapshot snapshot = live.snapshot(NOW, true);
        assertEquals(1_000, snapshot.gmvPaidCents());
        assertEquals(15_000, snapshot.gmvReservedCents());
        assertEquals(1, snapshot.ordersPaid());
        assertEquals(1, snapshot.ordersCancelled());
        assertEquals(1, snapshot.ordersExpired());
        assertEquals(1, snapshot.pendingReservations());
    }

    @Test
    void countsRejectionsByReasonAndRanksPaidLinesBySkuAndMerchant() {
        final LiveAggregates live = new LiveAggregates(60, 2, 10);
        live.orderRejected(RejectReason.OUT_OF_STOCK.code());
        live.orderRejected(RejectReason.OUT_OF_STOCK.code());
        live.orderRejected(RejectReason.LIMIT_EXCEEDED.code());
        live.fulfilled(1, 100, 2, 500);
        live.fulfilled(2, 200, 1, 5_000);
        live.fulfilled(2, 201, 9, 10);
        final LiveSnapshot snapshot = live.snapshot(NOW, true);
        assertEquals(Map.of(RejectReason.OUT_OF_STOCK, 2L, RejectReason.LIMIT_EXCEEDED, 1L), snapshot.rejectedByReason());
        assertEquals(3, snapshot.ordersRejected());
        assertEquals(201, snapshot.topSkusByUnits().get(0).id());
        assertEquals(new Ranked(200, 2, 1, 5_000), snapshot.topSkusByGmv().get(0));
        assertEquals(2, snapshot.topSkusByGmv().size());
        assertEquals(new Ranked(2, 0, 10, 5_090), snapshot.topMerchantsByGmv().get(0));
        assertEquals(new Ranked(1, 0, 2, 1_000), snapshot.topMerchantsByUnits().get(1));
    }

    @Test
    void snapshotsAreImmutableCopiesWithTheirJson() {
        final LiveAggregates live = new LiveAggregates(10, 3, 4);
        live.entry(42, NOW - 5);
        live.orderReserved(700);
        live.ordersDecided(NOW - 1_000, 3);
        live.soldOut(5, 1, NOW - 5);
        final LiveSnapshot before = live.snapshot(NOW, false);
        live.orderReserved(300);
        live.soldOut(5, 1, NOW);
        assertEquals(700, before.gmvReservedCents());
        assertEquals(1, before.recentSellOuts().size());
        assertEquals(3, before.ordersPerSecondNow());
        final String json = new String(before.json(), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(json.startsWith("{\"journalSequence\":42,"), json);
        assertTrue(json.contains("\"caughtUp\":false"), json);
        assertTrue(json.contains("\"recentSellOuts\":[{\"sku\":5,\"merchantId\":1,\"atMs\":" + (NOW - 5) + ",\"times\":1}]"), json);
        assertTrue(json.contains("\"ordersPerSecond\":[0,0,0,0,0,0,0,0,3,0]"), json);
    }
}
