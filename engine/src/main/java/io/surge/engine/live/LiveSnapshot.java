package io.surge.engine.live;

import io.surge.engine.domain.RejectReason;

import java.util.List;
import java.util.Map;

/**
 * The live sales view at one moment: every figure of {@link LiveAggregates}, copied, plus the
 * same as JSON (the body of {@code GET /stats/live} and of each {@code /stats/stream} event,
 * rendered once per publication and shared by every reader). Immutable: any thread may read it.
 */
public final class LiveSnapshot {
    private final long journalSequence;
    private final long engineTimeMs;
    private final long generatedAtMs;
    private final boolean caughtUp;
    private final long gmvPaidCents;
    private final long gmvReservedCents;
    private final long ordersReserved;
    private final long ordersRejected;
    private final long ordersPaid;
    private final long ordersCancelled;
    private final long ordersExpired;
    private final long pendingReservations;
    private final long pendingCents;
    private final Map<RejectReason, Long> rejectedByReason;
    private final long[] ordersPerSecond;
    private final long windowEndMs;
    private final long peakOrdersPerSecond;
    private final List<Ranked> topSkusByUnits;
    private final List<Ranked> topSkusByGmv;
    private final List<Ranked> topMerchantsByUnits;
    private final List<Ranked> topMerchantsByGmv;
    private final long sellOuts;
    private final int skusSoldOut;
    private final SellOut firstSellOut;
    private final List<SellOut> recentSellOuts;
    private final byte[] json;

    private LiveSnapshot(Builder b) {
        journalSequence = b.journalSequence;
        engineTimeMs = b.engineTimeMs;
        generatedAtMs = b.generatedAtMs;
        caughtUp = b.caughtUp;
        gmvPaidCents = b.gmvPaidCents;
        gmvReservedCents = b.gmvReservedCents;
        ordersReserved = b.ordersReserved;
        ordersRejected = b.ordersRejected;
        ordersPaid = b.ordersPaid;
        ordersCancelled = b.ordersCancelled;
        ordersExpired = b.ordersExpired;
        pendingReservations = b.pendingReservations;
        pendingCents = b.pendingCents;
        rejectedByReason = b.rejectedByReason;
        ordersPerSecond = b.ordersPerSecond;
        windowEndMs = b.windowEndMs;
        peakOrdersPerSecond = b.peakOrdersPerSecond;
        topSkusByUnits = List.copyOf(b.topSkusByUnits);
        topSkusByGmv = List.copyOf(b.topSkusByGmv);
        topMerchantsByUnits = List.copyOf(b.topMerchantsByUnits);
        topMerchantsByGmv = List.copyOf(b.topMerchantsByGmv);
        sellOuts = b.sellOuts;
        skusSoldOut = b.skusSoldOut;
        firstSellOut = b.firstSellOut;
        recentSellOuts = List.copyOf(b.recentSellOuts);
        json = LiveJson.render(this);
    }

    /** Before the live reader has published anything: all zero, not caught up. */
    static LiveSnapshot empty(int windowSeconds, long nowMs) {
        return new Builder().journal(0, 0, nowMs, false).rejectedByReason(Map.of())
            .ordersPerSecond(new long[windowSeconds], (Math.floorDiv(nowMs, 1000L) + 1) * 1000L, 0)
            .topSkus(List.of(), List.of()).topMerchants(List.of(), List.of()).sellOuts(0, 0, null, List.of()).build();
    }

    /** The last journal entry these figures include (0: none yet). */
    public long journalSequence() {
        return journalSequence;
    }

    /** Engine time of that entry. */
    public long engineTimeMs() {
        return engineTimeMs;
    }

    /** Wall time this snapshot was taken. */
    public long generatedAtMs() {
        return generatedAtMs;
    }

    /** True once the reader has reached the end of the journal at least once since the engine started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public long gmvPaidCents() {
        return gmvPaidCents;
    }

    public long gmvReservedCents() {
        return gmvReservedCents;
    }

    public long ordersReserved() {
        return ordersReserved;
    }

    public long ordersRejected() {
        return ordersRejected;
    }

    public long ordersPaid() {
        return ordersPaid;
    }

    public long ordersCancelled() {
        return ordersCancelled;
    }

    public long ordersExpired() {
        return ordersExpired;
    }

    /** Reservations neither paid, cancelled nor expired yet. */
    public long pendingReservations() {
        return pendingReservations;
    }

    /** Their value. */
    public long pendingCents() {
        return pendingCents;
    }

    /** Order rejections by reason (reasons with none left out). */
    public Map<RejectReason, Long> rejectedByReason() {
        return rejectedByReason;
    }

    /** Orders decided per wall-clock second, oldest first; the last second is still filling. */
    public long[] ordersPerSecond() {
        return ordersPerSecond.clone();
    }

    long ordersPerSecond(int index) {
        return ordersPerSecond[index];
    }

    int windowSeconds() {
        return ordersPerSecond.length;
    }

    /** Wall time at which the last second of {@link #ordersPerSecond()} ends. */
    public long windowEndMs() {
        return windowEndMs;
    }

    /** The last complete second's count. */
    public long ordersPerSecondNow() {
        return ordersPerSecond[ordersPerSecond.length - 2];
    }

    /** The most orders decided in one second since the engine started. */
    public long peakOrdersPerSecond() {
        return peakOrdersPerSecond;
    }

    public List<Ranked> topSkusByUnits() {
        return topSkusByUnits;
    }

    public List<Ranked> topSkusByGmv() {
        return topSkusByGmv;
    }

    public List<Ranked> topMerchantsByUnits() {
        return topMerchantsByUnits;
    }

    public List<Ranked> topMerchantsByGmv() {
        return topMerchantsByGmv;
    }

    /** Sell-outs so far, a SKU that sold out again after a restock counted each time. */
    public long sellOuts() {
        return sellOuts;
    }

    /** SKUs that sold out at least once. */
    public int skusSoldOut() {
        return skusSoldOut;
    }

    /** The first sell-out in the journal, or null. */
    public SellOut firstSellOut() {
        return firstSellOut;
    }

    /** The latest sell-outs, newest first. */
    public List<SellOut> recentSellOuts() {
        return recentSellOuts;
    }

    /** The JSON form (one line, ASCII). Do not modify the array. */
    public byte[] json() {
        return json;
    }

    /** Collects the figures; {@link LiveAggregates#snapshot} fills every part. */
    static final class Builder {
        private long journalSequence;
        private long engineTimeMs;
        private long generatedAtMs;
        private boolean caughtUp;
        private long gmvPaidCents;
        private long gmvReservedCents;
        private long ordersReserved;
        private long ordersRejected;
        private long ordersPaid;
        private long ordersCancelled;
        private long ordersExpired;
        private long pendingReservations;
        private long pendingCents;
        private Map<RejectReason, Long> rejectedByReason;
        private long[] ordersPerSecond;
        private long windowEndMs;
        private long peakOrdersPerSecond;
        private List<Ranked> topSkusByUnits;
        private List<Ranked> topSkusByGmv;
        private List<Ranked> topMerchantsByUnits;
        private List<Ranked> topMerchantsByGmv;
        private long sellOuts;
        private int skusSoldOut;
        private SellOut firstSellOut;
        private List<SellOut> recentSellOuts;

        Builder journal(long sequence, long engineTime, long generatedAt, boolean caught) {
            journalSequence = sequence;
            engineTimeMs = engineTime;
            generatedAtMs = generatedAt;
            caughtUp = caught;
            return this;
        }

        Builder gmv(long paidCents, long reservedCents) {
            gmvPaidCents = paidCents;
            gmvReservedCents = reservedCents;
            return this;
        }

        Builder orders(long reserved, long rejected, long paid, long cancelled, long expired) {
            ordersReserved = reserved;
            ordersRejected = rejected;
            ordersPaid = paid;
            ordersCancelled = cancelled;
            ordersExpired = expired;
            return this;
        }

        Builder pending(long reservations, long cents) {
            pendingReservations = reservations;
            pendingCents = cents;
            return this;
        }

        Builder rejectedByReason(Map<RejectReason, Long> byReason) {
            rejectedByReason = byReason;
            return this;
        }

        Builder ordersPerSecond(long[] counts, long endMs, long peak) {
            ordersPerSecond = counts;
            windowEndMs = endMs;
            peakOrdersPerSecond = peak;
            return this;
        }

        Builder topSkus(List<Ranked> byUnits, List<Ranked> byGmv) {
            topSkusByUnits = byUnits;
            topSkusByGmv = byGmv;
            return this;
        }

        Builder topMerchants(List<Ranked> byUnits, List<Ranked> byGmv) {
            topMerchantsByUnits = byUnits;
            topMerchantsByGmv = byGmv;
            return this;
        }

        Builder sellOuts(long total, int distinct, SellOut first, List<SellOut> recent) {
            sellOuts = total;
            skusSoldOut = distinct;
            firstSellOut = first;
            recentSellOuts = recent;
            return this;
        }

        LiveSnapshot build() {
            return new LiveSnapshot(this);
        }
    }
}
