package io.surge.bench.workload;

import java.util.Arrays;

/**
 * A sale a workload needs: its SKUs, the per-customer limit, and how long it lasts. The window
 * is relative: the generator starts it at the run's start ({@code startMs = run start}, {@code
 * endMs = startMs + durationMs}) when it defines the sale through the admin API. Immutable.
 *
 * @param saleId           the sale's id (positive)
 * @param skus             the SKUs in the sale (a copy is kept; {@link #skus()} returns a copy)
 * @param limitPerCustomer units of each SKU one customer may hold reserved or paid (0: no limit)
 * @param durationMs       the window's length
 */
public record SaleSpec(long saleId, long[] skus, int limitPerCustomer, long durationMs) {
    public SaleSpec {
        if (saleId <= 0 || skus.length == 0 || limitPerCustomer < 0 || durationMs <= 0) {
            throw new IllegalArgumentException("bad sale " + saleId);
        }
        skus = skus.clone();
    }

    @Override
    public long[] skus() {
        return skus.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SaleSpec that && saleId == that.saleId && Arrays.equals(skus, that.skus)
            && limitPerCustomer == that.limitPerCustomer && durationMs == that.durationMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(saleId) * 31 + Arrays.hashCode(skus);
    }

    @Override
    public String toString() {
        return "sale " + saleId + " over " + skus.length + " SKUs, limit " + limitPerCustomer + ", " + durationMs + " ms";
    }
}
