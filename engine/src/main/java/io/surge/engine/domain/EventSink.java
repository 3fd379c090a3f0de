package io.surge.engine.domain;

/**
 * Receives the events the business logic decides, in order. The pipeline's implementation
 * encodes them straight into the journal entry; tests record them. Called only on the
 * business-logic thread; array arguments are only valid during the call.
 */
public interface EventSink {
    void orderReserved(long orderId, long customerId, long expiresAtMs, long totalCents);

    /** {@code lineIndex} is -1 when no single line is at fault; {@code sku} is then 0. */
    void orderRejected(long orderId, RejectReason reason, int lineIndex, long sku);

    void paymentConfirmed(long orderId, long totalCents);

    void fulfilmentRequested(
        long orderId, long merchantId, long customerId, int lineCount, long[] skus, int[] quantities,
        long[] unitPricesCents);

    void orderCancelled(long orderId, long totalCents);

    void reservationExpired(long orderId, long totalCents);

    void skuDefined(long sku, long merchantId, long priceCents, long available, long availableDelta);

    void stockAdjusted(long sku, long delta, long availableAfter);

    void saleDefined(long saleId, long startMs, long endMs, int limitPerCustomer, int skuCount);

    void skuSoldOut(long sku, long merchantId);

    /** A payment, cancel or admin command turned down; {@code subjectId} is its order, SKU or sale id. */
    void commandRejected(RejectReason reason, long subjectId);

    void engineConfigured(DecisionSettings settings);
}
