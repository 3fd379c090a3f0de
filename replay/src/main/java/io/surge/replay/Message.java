package io.surge.replay;

import java.util.List;

/**
 * One decoded journal message: a command or an event, as plain values for tools to filter, count
 * and print. Decoding allocates; tools that must be fast (state, verify) work on the raw entries.
 */
public sealed interface Message {
    /** The message's type name as printed (the SBE message name). */
    default String type() {
        return getClass().getSimpleName();
    }

    /** One order line. */
    record Line(long sku, int quantity, long unitPriceCents) {
    }

    // ---- commands ----
    record PlaceOrder(long orderId, long customerId, List<Line> lines) implements Message {
    }

    record ConfirmPayment(long orderId) implements Message {
    }

    record CancelOrder(long orderId) implements Message {
    }

    record DefineSku(long sku, long merchantId, long priceCents, long available) implements Message {
    }

    record AdjustStock(long sku, long delta) implements Message {
    }

    record DefineSale(long saleId, long startMs, long endMs, int limitPerCustomer, List<Long> skus) implements Message {
    }

    record Tick(int maxExpiries) implements Message {
    }

    record Configure(long reservationTimeoutMs, int dedupWindow, int maxSkus, int maxLiveOrders, int maxSales)
        implements Message {
    }

    // ---- events ----
    record OrderReserved(long orderId, long expiresAtMs, long totalCents) implements Message {
    }

    record OrderRejected(long orderId, String reason, int lineIndex, long sku) implements Message {
    }

    record PaymentConfirmed(long orderId, long totalCents) implements Message {
    }

    record FulfilmentRequested(long orderId, long merchantId, long customerId, List<Line> lines) implements Message {
    }

    record OrderCancelled(long orderId, long totalCents) implements Message {
    }

    record ReservationExpired(long orderId, long totalCents) implements Message {
    }

    record SkuDefined(long sku, long merchantId, long priceCents, long available, long availableDelta) implements Message {
    }

    record StockAdjusted(long sku, long delta, long availableAfter) implements Message {
    }

    record SaleDefined(long saleId, long startMs, long endMs, int limitPerCustomer, int skuCount) implements Message {
    }

    record SkuSoldOut(long sku, long merchantId) implements Message {
    }

    record CommandRejected(String reason, long subjectId) implements Message {
    }

    record EngineConfigured(long reservationTimeoutMs, int dedupWindow, int maxSkus, int maxLiveOrders, int maxSales)
        implements Message {
    }

    /** A message this version of the tools does not know (a newer schema). */
    record Unknown(int templateId, int version) implements Message {
    }
}
