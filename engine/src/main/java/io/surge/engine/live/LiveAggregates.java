package io.surge.engine.live;

import io.surge.engine.domain.RejectReason;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The figures of the live sales view, accumulated from journaled outcomes: GMV reserved and
 * paid, order counts, rejections by reason, reservations pending payment, orders per second
 * over the last minutes, SKUs and merchants ranked by paid units and paid GMV, and sell-outs.
 * <p>
 * Owned by one thread (the live reader: {@link LiveStats}), which feeds it entry by entry and
 * now and then takes an immutable {@link #snapshot} for everyone else. Counting allocates
 * nothing once every SKU and merchant has been seen.
 */
final class LiveAggregates {
    private static final int REASONS = 16;

    private final RateWindow ordersPerSecond;
    private final int topCount;
    private final Tally skus = new Tally();
    private final Tally merchants = new Tally();
    private final SellOutFeed sellOuts;
    private final long[] rejectedByReason = new long[REASONS];

    private long journalSequence;
    private long engineTimeMs;
    private long ordersReserved;
    private long ordersRejected;
    private long ordersPaid;
    private long ordersCancelled;
    private long ordersExpired;
    private long gmvReservedCents;
    private long gmvPaidCents;
    private long cancelledCents;
    private long expiredCents;

    /**
     * @param windowSeconds how many seconds of orders per second to keep
     * @param topCount      how many SKUs and merchants each ranking lists
     * @param feedSize      how many recent sell-outs the feed lists
     */
    LiveAggregates(int windowSeconds, int topCount, int feedSize) {
        this.ordersPerSecond = new RateWindow(windowSeconds);
        this.topCount = topCount;
        this.sellOuts = new SellOutFeed(feedSize);
    }

    /** The journal entry whose events follow: its sequence and engine time. */
    void entry(long sequence, long timeMs) {
        journalSequence = sequence;
        engineTimeMs = timeMs;
    }

    void orderReserved(long totalCents) {
        ordersReserved++;
        gmvReservedCents += totalCents;
    }

    void orderRejected(int reasonCode) {
        ordersRejected++;
        if (reasonCode >= 0 && reasonCode < REASONS) {
            rejectedByReason[reasonCode]++;
        }
    }

    void paymentConfirmed(long totalCents) {
        ordersPaid++;
        gmvPaidCents += totalCents;
    }

    /** One line of a paid order, as its merchant is asked to fulfil it. */
    void fulfilled(long merchantId, long sku, int quantity, long unitPriceCents) {
        final long cents = quantity * unitPriceCents;
        skus.add(sku, merchantId, quantity, cents);
        merchants.add(merchantId, 0, quantity, cents);
    }

    void cancelled(long totalCents) {
        ordersCancelled++;
        cancelledCents += totalCents;
    }

    void expired(long totalCents) {
        ordersExpired++;
        expiredCents += totalCents;
    }

    /** A reservation at engine time {@code atMs} took the last available unit of {@code sku}. */
    void soldOut(long sku, long merchantId, long atMs) {
        sellOuts.soldOut(sku, merchantId, atMs);
    }

    /** {@code count} orders were decided (reserved or rejected) around wall time {@code nowMs}. */
    void ordersDecided(long nowMs, long count) {
        ordersPerSecond.add(nowMs, count);
    }

    long journalSequence() {
        return journalSequence;
    }

    long gmvPaidCents() {
        return gmvPaidCents;
    }

    long pendingReservations() {
        return ordersReserved - ordersPaid - ordersCancelled - ordersExpired;
    }

    long pendingCents() {
        return gmvReservedCents - gmvPaidCents - cancelledCents - expiredCents;
    }

    long sellOutTimes(long sku) {
        return sellOuts.times(sku);
    }

    /** An immutable copy of every figure, for other threads; {@code nowMs} ends the rate window. */
    LiveSnapshot snapshot(long nowMs, boolean caughtUp) {
        final long[] perSecond = new long[ordersPerSecond.seconds()];
        ordersPerSecond.copyTo(nowMs, perSecond);
        final Map<RejectReason, Long> byReason = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            if (rejectedByReason[reason.code()] > 0) {
                byReason.put(reason, rejectedByReason[reason.code()]);
            }
        }
        return new LiveSnapshot.Builder()
            .journal(journalSequence, engineTimeMs, nowMs, caughtUp)
            .gmv(gmvPaidCents, gmvReservedCents)
            .orders(ordersReserved, ordersRejected, ordersPaid, ordersCancelled, ordersExpired)
            .pending(pendingReservations(), pendingCents())
            .rejectedByReason(Collections.unmodifiableMap(byReason))
            .ordersPerSecond(perSecond, (ordersPerSecond.endSecond(nowMs) + 1) * 1000L, ordersPerSecond.peakPerSecond())
            .topSkus(skus.top(topCount, Tally.Measure.UNITS), skus.top(topCount, Tally.Measure.CENTS))
            .topMerchants(merchants.top(topCount, Tally.Measure.UNITS), merchants.top(topCount, Tally.Measure.CENTS))
            .sellOuts(sellOuts.total(), sellOuts.distinctSkus(), sellOuts.first(), sellOuts.recent())
            .build();
    }
}
