package io.surge.engine.config;

/** One row of the catalogue: a SKU and its initial stock. */
public record SkuDefinition(long sku, long merchantId, long priceCents, long stock) {
}
