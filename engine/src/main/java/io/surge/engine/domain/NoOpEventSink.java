package io.surge.engine.domain;

/** Discards every event: for callers that want only the decisions and the state (benchmarks, tests). Stateless. */
public final class NoOpEventSink implements EventSink {
    @Override
    public void orderReserved(long orderId, long customerId, long expiresAtMs, long totalCents) {
    }

    @Override
    public void orderRejected(long orderId, RejectReason reason, int lineIndex, long sku) {
    }

    @Override
    public void paymentConfirmed(long orderId, long totalCents) {
    }

    @Override
    public void fulfilmentRequested(
        long orderId, long merchantId, long customerId, int lineCount, long[] skus, int[] quantities,
        long[] unitPricesCents) {
    }

    @Override
    public void orderCancelled(long orderId, long totalCents) {
    }

    @Override
    public void reservationExpired(long orderId, long totalCents) {
    }

    @Override
    public void skuDefined(long sku, long merchantId, long priceCents, long available, long availableDelta) {
    }

    @Override
    public void stockAdjusted(long sku, long delta, long availableAfter) {
    }

    @Override
    public void saleDefined(long saleId, long startMs, long endMs, int limitPerCustomer, int skuCount) {
    }

    @Override
    public void skuSoldOut(long sku, long merchantId) {
    }

    @Override
    public void commandRejected(RejectReason reason, long subjectId) {
    }

    @Override
    public void engineConfigured(DecisionSettings settings) {
    }
}
