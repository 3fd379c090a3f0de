package io.surge.engine.codec;

import io.surge.engine.codec.sbe.CommandRejectedEncoder;
import io.surge.engine.codec.sbe.EngineConfiguredEncoder;
import io.surge.engine.codec.sbe.FulfilmentRequestedEncoder;
import io.surge.engine.codec.sbe.MessageHeaderEncoder;
import io.surge.engine.codec.sbe.OrderCancelledEncoder;
import io.surge.engine.codec.sbe.OrderRejectedEncoder;
import io.surge.engine.codec.sbe.OrderReservedEncoder;
import io.surge.engine.codec.sbe.PaymentConfirmedEncoder;
import io.surge.engine.codec.sbe.ReservationExpiredEncoder;
import io.surge.engine.codec.sbe.SaleDefinedEncoder;
import io.surge.engine.codec.sbe.SkuDefinedEncoder;
import io.surge.engine.codec.sbe.SkuSoldOutEncoder;
import io.surge.engine.codec.sbe.StockAdjustedEncoder;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.EventSink;
import io.surge.engine.domain.RejectReason;
import org.agrona.MutableDirectBuffer;

/**
 * Encodes the business logic's events as SBE messages, one after another, behind the command in
 * a journal entry. Reused for every entry: {@link #begin} points it at the next free byte.
 * Single-threaded (the business-logic thread, or a replay).
 */
public final class EventEncoder implements EventSink {
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final OrderReservedEncoder orderReserved = new OrderReservedEncoder();
    private final OrderRejectedEncoder orderRejected = new OrderRejectedEncoder();
    private final PaymentConfirmedEncoder paymentConfirmed = new PaymentConfirmedEncoder();
    private final FulfilmentRequestedEncoder fulfilmentRequested = new FulfilmentRequestedEncoder();
    private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
    private final ReservationExpiredEncoder reservationExpired = new ReservationExpiredEncoder();
    private final SkuDefinedEncoder skuDefined = new SkuDefinedEncoder();
    private final StockAdjustedEncoder stockAdjusted = new StockAdjustedEncoder();
    private final SaleDefinedEncoder saleDefined = new SaleDefinedEncoder();
    private final SkuSoldOutEncoder skuSoldOut = new SkuSoldOutEncoder();
    private final CommandRejectedEncoder commandRejected = new CommandRejectedEncoder();
    private final EngineConfiguredEncoder engineConfigured = new EngineConfiguredEncoder();

    private MutableDirectBuffer buffer;
    private int position;
    private int eventCount;

    /** Starts a new entry's events at {@code position} of {@code buffer}. */
    public void begin(MutableDirectBuffer buffer, int position) {
        this.buffer = buffer;
        this.position = position;
        this.eventCount = 0;
    }

    /** The offset just past the last event written. */
    public int position() {
        return position;
    }

    public int eventCount() {
        return eventCount;
    }

    @Override
    public void orderReserved(long orderId, long customerId, long expiresAtMs, long totalCents) {
        orderReserved.wrapAndApplyHeader(buffer, position, header)
            .orderId(orderId).expiresAtMs(expiresAtMs).totalCents(totalCents);
        advance(orderReserved.encodedLength());
    }

    @Override
    public void orderRejected(long orderId, RejectReason reason, int lineIndex, long sku) {
        orderRejected.wrapAndApplyHeader(buffer, position, header)
            .orderId(orderId).reason((short) reason.code()).lineIndex((byte) lineIndex).sku(sku);
        advance(orderRejected.encodedLength());
    }

    @Override
    public void paymentConfirmed(long orderId, long totalCents) {
        paymentConfirmed.wrapAndApplyHeader(buffer, position, header).orderId(orderId).totalCents(totalCents);
        advance(paymentConfirmed.encodedLength());
    }

    @Override
    public void fulfilmentRequested(
        long orderId, long merchantId, long customerId, int lineCount, long[] skus, int[] quantities,
        long[] unitPricesCents) {
        fulfilmentRequested.wrapAndApplyHeader(buffer, position, header)
            .orderId(orderId).merchantId(merchantId).customerId(customerId);
        final FulfilmentRequestedEncoder.LinesEncoder lines = fulfilmentRequested.linesCount(lineCount);
        for (int i = 0; i < lineCount; i++) {
            lines.next().sku(skus[i]).quantity(quantities[i]).unitPriceCents(unitPricesCents[i]);
        }
        advance(fulfilmentRequested.encodedLength());
    }

    @Override
    public void orderCancelled(long orderId, long totalCents) {
        orderCancelled.wrapAndApplyHeader(buffer, position, header).orderId(orderId).totalCents(totalCents);
        advance(orderCancelled.encodedLength());
    }

    @Override
    public void reservationExpired(long orderId, long totalCents) {
        reservationExpired.wrapAndApplyHeader(buffer, position, header).orderId(orderId).totalCents(totalCents);
        advance(reservationExpired.encodedLength());
    }

    @Override
    public void skuDefined(long sku, long merchantId, long priceCents, long available, long availableDelta) {
        skuDefined.wrapAndApplyHeader(buffer, position, header)
            .sku(sku).merchantId(merchantId).priceCents(priceCents).available(available).availableDelta(availableDelta);
        advance(skuDefined.encodedLength());
    }

    @Override
    public void stockAdjusted(long sku, long delta, long availableAfter) {
        stockAdjusted.wrapAndApplyHeader(buffer, position, header).sku(sku).delta(delta).availableAfter(availableAfter);
        advance(stockAdjusted.encodedLength());
    }

    @Override
    public void saleDefined(long saleId, long startMs, long endMs, int limitPerCustomer, int skuCount) {
        saleDefined.wrapAndApplyHeader(buffer, position, header)
            .saleId(saleId).startMs(startMs).endMs(endMs).limitPerCustomer(limitPerCustomer).skuCount(skuCount);
        advance(saleDefined.encodedLength());
    }

    @Override
    public void skuSoldOut(long sku, long merchantId) {
        skuSoldOut.wrapAndApplyHeader(buffer, position, header).sku(sku).merchantId(merchantId);
        advance(skuSoldOut.encodedLength());
    }

    @Override
    public void commandRejected(RejectReason reason, long subjectId) {
        commandRejected.wrapAndApplyHeader(buffer, position, header).reason((short) reason.code()).subjectId(subjectId);
        advance(commandRejected.encodedLength());
    }

    @Override
    public void engineConfigured(DecisionSettings settings) {
        engineConfigured.wrapAndApplyHeader(buffer, position, header)
            .reservationTimeoutMs(settings.reservationTimeoutMs())
            .dedupWindow(settings.dedupWindow())
            .maxSkus(settings.maxSkus())
            .maxLiveOrders(settings.maxLiveOrders())
            .maxSales(settings.maxSales());
        advance(engineConfigured.encodedLength());
    }

    private void advance(int bodyLength) {
        position += MessageHeaderEncoder.ENCODED_LENGTH + bodyLength;
        eventCount++;
    }
}
