package io.surge.engine.config;

import java.util.Arrays;

/** One sale from the sales file. {@code limitPerCustomer} 0 means no limit. */
public record SaleDefinition(long saleId, String name, long startMs, long endMs, int limitPerCustomer, long[] skus) {
    @Override
    public boolean equals(Object o) {
        return o instanceof SaleDefinition other && saleId == other.saleId && name.equals(other.name)
            && startMs == other.startMs && endMs == other.endMs && limitPerCustomer == other.limitPerCustomer
            && Arrays.equals(skus, other.skus);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(saleId) * 31 + Arrays.hashCode(skus);
    }

    @Override
    public String toString() {
        return "SaleDefinition[" + saleId + " " + name + " " + startMs + ".." + endMs + " limit "
            + limitPerCustomer + ", " + skus.length + " SKUs]";
    }
}
