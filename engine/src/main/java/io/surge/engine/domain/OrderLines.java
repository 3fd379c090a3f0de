package io.surge.engine.domain;

import java.util.Arrays;

/**
 * The lines of one order: up to {@link #MAX_LINES} of (SKU, quantity, unit price in cents).
 * A reusable holder: the pipeline decodes each order into the same instance, so nothing is
 * allocated per order. Not thread-safe.
 */
public final class OrderLines {
    public static final int MAX_LINES = 16;
    public static final int MAX_QUANTITY = 10_000;

    private final long[] skus = new long[MAX_LINES];
    private final int[] quantities = new int[MAX_LINES];
    private final long[] unitPricesCents = new long[MAX_LINES];
    private int count;

    public OrderLines clear() {
        count = 0;
        return this;
    }

    /** Appends a line; throws when the order already has {@link #MAX_LINES} lines. */
    public OrderLines add(long sku, int quantity, long unitPriceCents) {
        if (count == MAX_LINES) {
            throw new IllegalArgumentException("an order has at most " + MAX_LINES + " lines");
        }
        skus[count] = sku;
        quantities[count] = quantity;
        unitPricesCents[count] = unitPriceCents;
        count++;
        return this;
    }

    public int count() {
        return count;
    }

    public long sku(int line) {
        return skus[line];
    }

    public int quantity(int line) {
        return quantities[line];
    }

    public long unitPriceCents(int line) {
        return unitPricesCents[line];
    }

    public long totalCents() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += quantities[i] * unitPricesCents[i];
        }
        return total;
    }

    public void copyFrom(OrderLines other) {
        count = other.count;
        System.arraycopy(other.skus, 0, skus, 0, count);
        System.arraycopy(other.quantities, 0, quantities, 0, count);
        System.arraycopy(other.unitPricesCents, 0, unitPricesCents, 0, count);
    }

    /**
     * A 64-bit fingerprint of (customer, lines) used to tell a retry of an order from a different
     * order under the same id. Collisions are possible in principle (2^-64 per pair compared).
     */
    public long contentHash(long customerId) {
        long h = StateHasher.mix(customerId ^ 0x5EED_0F_0DE5L);
        for (int i = 0; i < count; i++) {
            h = StateHasher.combine(h, skus[i]);
            h = StateHasher.combine(h, quantities[i]);
            h = StateHasher.combine(h, unitPricesCents[i]);
        }
        return StateHasher.combine(h, count);
    }

    /**
     * Why these lines cannot form an order, or null when their shape is valid: 1..16 lines,
     * positive SKU ids, each SKU at most once, quantity 1..10,000, price not negative.
     */
    public String shapeProblem() {
        if (count == 0) {
            return "lines: an order needs at least one line";
        }
        for (int i = 0; i < count; i++) {
            if (skus[i] <= 0) {
                return "lines[" + i + "].sku: must be a positive id";
            }
            if (quantities[i] < 1 || quantities[i] > MAX_QUANTITY) {
                return "lines[" + i + "].qty: must be 1.." + MAX_QUANTITY;
            }
            if (unitPricesCents[i] < 0) {
                return "lines[" + i + "].priceCents: must not be negative";
            }
            for (int j = 0; j < i; j++) {
                if (skus[j] == skus[i]) {
                    return "lines[" + i + "].sku: SKU " + skus[i] + " appears more than once";
                }
            }
        }
        return null;
    }

    /** Index of the first line that breaks the shape rules, or -1; allocation-free for the hot path. */
    public int firstInvalidLine() {
        for (int i = 0; i < count; i++) {
            if (skus[i] <= 0 || quantities[i] < 1 || quantities[i] > MAX_QUANTITY || unitPricesCents[i] < 0) {
                return i;
            }
            for (int j = 0; j < i; j++) {
                if (skus[j] == skus[i]) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OrderLines)) {
            return false;
        }
        final OrderLines other = (OrderLines) o;
        return count == other.count
            && Arrays.equals(skus, 0, count, other.skus, 0, count)
            && Arrays.equals(quantities, 0, count, other.quantities, 0, count)
            && Arrays.equals(unitPricesCents, 0, count, other.unitPricesCents, 0, count);
    }

    @Override
    public int hashCode() {
        return (int) contentHash(0);
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(skus[i]).append('x').append(quantities[i]).append('@').append(unitPricesCents[i]);
        }
        return sb.append(']').toString();
    }
}
