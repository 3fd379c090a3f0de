package io.surge.engine.properties;

import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.EventSink;
import io.surge.engine.domain.RejectReason;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keeps the events of one command as values, for the oracle to check and apply. */
final class RecordingEventSink implements EventSink {
    sealed interface Event {
    }

    record OrderReserved(long orderId, long customerId, long expiresAtMs, long totalCents) implements Event {
    }

    record OrderRejected(long orderId, RejectReason reason, int lineIndex, long sku) implements Event {
    }

    record PaymentConfirmed(long orderId, long totalCents) implements Event {
    }

    record FulfilmentRequested(long orderId, long merchantId, long customerId, long[] skus, int[] quantities,
                               long[] unitPricesCents) implements Event {
        @Override
        public boolean equals(Object o) {
            return o instanceof FulfilmentRequested other && orderId == other.orderId && merchantId == other.merchantId
                && customerId == other.customerId && Arrays.equals(skus, other.skus)
                && Arrays.equals(quantities, other.quantities) && Arrays.equals(unitPricesCents, other.unitPricesCents);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(orderId) * 31 + Long.hashCode(merchantId);
        }

        @Override
        public String toString() {
            return "FulfilmentRequested[order=" + orderId + ", merchant=" + merchantId + ", customer=" + customerId
                + ", skus=" + Arrays.toString(skus) + ", qty=" + Arrays.toString(quantities)
                + ", prices=" + Arrays.toString(unitPricesCents) + "]";
        }
    }

    record OrderCancelled(long orderId, long totalCents) implements Event {
    }

    record ReservationExpired(long orderId, long totalCents) implements Event {
    }

    record SkuDefined(long sku, long merchantId, long priceCents, long available, long availableDelta) implements Event {
    }

    record StockAdjusted(long sku, long delta, long availableAfter) implements Event {
    }

    record SaleDefined(long saleId, long startMs, long endMs, int limitPerCustomer, int skuCount) implements Event {
    }

    record SkuSoldOut(long sku, long merchantId) implements Event {
    }

    record CommandRejected(RejectReason reason, long subjectId) implements Event {
    }

    record EngineConfigured(DecisionSettings settings) implements Event {
    }

    private final List<Event> events = new ArrayList<>();

    List<Event> events() {
        return events;
    }

    RecordingEventSink clear() {
        events.clear();
        return this;
    }

    @Override
    public void orderReserved(long orderId, long customerId, long expiresAtMs, long totalCents) {
        events.add(new OrderReserved(orderId, customerId, expiresAtMs, totalCents));
    }

    @Override
    public void orderRejected(long orderId, RejectReason reason, int lineIndex, long sku) {
        events.add(new OrderRejected(orderId, reason, lineIndex, sku));
    }

    @Override
    public void paymentConfirmed(long orderId, long totalCents) {
        events.add(new PaymentConfirmed(orderId, totalCents));
    }

    @Override
    public void fulfilmentRequested(
        long orderId, long merchantId, long customerId, int lineCount, long[] skus, int[] quantities,
        long[] unitPricesCents) {
        // The arrays are the business logic's scratch space: copy what belongs to this event.
        events.add(new FulfilmentRequested(orderId, merchantId, customerId, Arrays.copyOf(skus, lineCount),
            Arrays.copyOf(quantities, lineCount), Arrays.copyOf(unitPricesCents, lineCount)));
    }

    @Override
    public void orderCancelled(long orderId, long totalCents) {
        events.add(new OrderCancelled(orderId, totalCents));
    }

    @Override
    public void reservationExpired(long orderId, long totalCents) {
        events.add(new ReservationExpired(orderId, totalCents));
    }

    @Override
    public void skuDefined(long sku, long merchantId, long priceCents, long available, long availableDelta) {
        events.add(new SkuDefined(sku, merchantId, priceCents, available, availableDelta));
    }

    @Override
    public void stockAdjusted(long sku, long delta, long availableAfter) {
        events.add(new StockAdjusted(sku, delta, availableAfter));
    }

    @Override
    public void saleDefined(long saleId, long startMs, long endMs, int limitPerCustomer, int skuCount) {
        events.add(new SaleDefined(saleId, startMs, endMs, limitPerCustomer, skuCount));
    }

    @Override
    public void skuSoldOut(long sku, long merchantId) {
        events.add(new SkuSoldOut(sku, merchantId));
    }

    @Override
    public void commandRejected(RejectReason reason, long subjectId) {
        events.add(new CommandRejected(reason, subjectId));
    }

    @Override
    public void engineConfigured(DecisionSettings settings) {
        events.add(new EngineConfigured(settings));
    }
}
