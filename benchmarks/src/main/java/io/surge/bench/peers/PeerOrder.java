package io.surge.bench.peers;

import io.surge.bench.workload.GeneratedOrder;

import java.util.Arrays;

/**
 * An order as the peer drivers send it: a reusable copy of a {@link GeneratedOrder} (or an order
 * built by hand, in tests). Confined to one thread.
 */
final class PeerOrder {
    static final int MAX_LINES = GeneratedOrder.MAX_LINES;

    private final long[] skus = new long[MAX_LINES];
    private final int[] quantities = new int[MAX_LINES];
    private final long[] prices = new long[MAX_LINES];
    private final long[] sortKeys = new long[MAX_LINES];
    private long orderId;
    private long customerId;
    private int lineCount;

    /** Makes this a copy of {@code order}. */
    PeerOrder copyFrom(GeneratedOrder order) {
        start(order.orderId(), order.customerId());
        for (int i = 0; i < order.lineCount(); i++) {
            addLine(order.sku(i), order.quantity(i), order.priceCents(i));
        }
        return this;
    }

    /** Starts a new order with no lines. */
    PeerOrder start(long orderId, long customerId) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.lineCount = 0;
        return this;
    }

    PeerOrder addLine(long sku, int quantity, long priceCents) {
        if (lineCount == MAX_LINES) {
            throw new IllegalStateException("an order has at most " + MAX_LINES + " lines");
        }
        skus[lineCount] = sku;
        quantities[lineCount] = quantity;
        prices[lineCount] = priceCents;
        lineCount++;
        return this;
    }

    long orderId() {
        return orderId;
    }

    long customerId() {
        return customerId;
    }

    int lineCount() {
        return lineCount;
    }

    long sku(int line) {
        return skus[line];
    }

    int quantity(int line) {
        return quantities[line];
    }

    long priceCents(int line) {
        return prices[line];
    }

    /**
     * The line indices in ascending SKU order, written into {@code into} (at least
     * {@link #lineCount()} long). Rows locked in this order by every transaction cannot deadlock.
     */
    void linesBySku(int[] into) {
        for (int i = 0; i < lineCount; i++) {
            // SKU in the high bits, line index in the low two: sorting the keys sorts by SKU.
            sortKeys[i] = skus[i] << 2 | i;
        }
        Arrays.sort(sortKeys, 0, lineCount);
        for (int k = 0; k < lineCount; k++) {
            into[k] = (int) (sortKeys[k] & 3);
        }
    }
}
