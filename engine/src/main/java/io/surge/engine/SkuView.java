package io.surge.engine;

/** A SKU's counters as the business logic held them when the query was decided. */
public record SkuView(long sku, long merchantId, long priceCents, long available, long reserved, long sold) {
}
