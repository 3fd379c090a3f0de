package io.surge.engine;

import io.surge.engine.domain.Status;

import java.util.List;

/** A live (reserved) order as the business logic held it. */
public record OrderView(long orderId, long customerId, Status status, long expiresAtMs, List<Line> lines) {
    /** One order line. */
    public record Line(long sku, int quantity, long unitPriceCents) {
    }
}
