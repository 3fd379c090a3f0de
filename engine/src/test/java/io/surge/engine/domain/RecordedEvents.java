package io.surge.engine.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link EventSink} that records every event as one readable line, so a test can state the
 * exact events it expects, in order: {@code "OrderReserved order=1 customer=7 expiresAtMs=60000 totalCents=500"}.
 * Array arguments are copied during the call, as the sink contract requires.
 */
final class RecordedEvents implements EventSink {
    private final List<String> events = new ArrayList<>();

    /** Every event recorded since the last {@link #take()} or {@link #clear()}. */
    List<String> all() {
        return List.copyOf(events);
    }

    /** Returns the recorded events and forgets them. */
    List<String> take() {
        final List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    void clear() {
        events.clear();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** How many recorded events start with {@code name} (e.g. "FulfilmentRequested"). */
    long count(String name) {
        return events.stream().filter(event -> event.startsWith(name + " ")).count();
    }

    @Override
    public void orderReserved(long orderId, long customerId, long expiresAtMs, long totalCents) {
        events.add("OrderReserved order=" + orderId + " customer=" + customerId + " expiresAtMs=" + expiresAtMs
            + " totalCents=" + totalCents);
    }

    @Override
    public void orderRejected(long orderId, RejectReason reason, int lineIndex, long sku) {
        events.add("OrderRejected order=" + orderId + " reason=" + reason + " line=" + lineIndex + " sku=" + sku);
    }

    @Override
    public void paymentConfirmed(long orderId, long totalCents) {
        events.add("PaymentConfirmed order=" + orderId + " totalCents=" + totalCents);
    }

    @Override
    public void fulfilmentRequested(
        long orderId, long merchantId, long customerId, int lineCount, long[] skus, int[] quantities,
        long[] unitPricesCents) {
        final StringBuilder lines = new StringBuilder("[");
        for (int i = 0; i < lineCount; i++) {
            if (i > 0) {
                lines.append(", ");
            }
            lines.append(skus[i]).append('x').append(quantities[i]).append('@').append(unitPricesCents[i]);
        }
        events.add("FulfilmentRequested order=" + orderId + " merchant=" + merchantId + " customer=" + customerId
            + " lines=" + lines.append(']'));
    }

    @Override
    public void orderCancelled(long orderId, long totalCents) {
        events.add("OrderCancelled order=" + orderId + " totalCents=" + totalCents);
    }

    @Override
    public void reservationExpired(long orderId, long totalCents) {
        events.add("ReservationExpired order=" + orderId + " totalCents=" + totalCents);
    }

    @Override
    public void skuDefined(long sku, long merchantId, long priceCents, long available, long availableDelta) {
        events.add("SkuDefined sku=" + sku + " merchant=" + merchantId + " priceCents=" + priceCents
            + " available=" + available + " availableDelta=" + availableDelta);
    }

    @Override
    public void stockAdjusted(long sku, long delta, long availableAfter) {
        events.add("StockAdjusted sku=" + sku + " delta=" + delta + " availableAfter=" + availableAfter);
    }

    @Override
    public void saleDefined(long saleId, long startMs, long endMs, int limitPerCustomer, int skuCount) {
        events.add("SaleDefined sale=" + saleId + " startMs=" + startMs + " endMs=" + endMs
            + " limit=" + limitPerCustomer + " skus=" + skuCount);
    }

    @Override
    public void skuSoldOut(long sku, long merchantId) {
        events.add("SkuSoldOut sku=" + sku + " merchant=" + merchantId);
    }

    @Override
    public void commandRejected(RejectReason reason, long subjectId) {
        events.add("CommandRejected reason=" + reason + " subject=" + subjectId);
    }

    @Override
    public void engineConfigured(DecisionSettings settings) {
        events.add("EngineConfigured " + settings);
    }
}
