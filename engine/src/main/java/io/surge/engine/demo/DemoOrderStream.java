package io.surge.engine.demo;

import io.surge.engine.config.SaleDefinition;
import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.OrderLines;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A Singles' Day-shaped order stream, reproducible from its seed. In the first 30% of orders
 * (the midnight burst) more than half the shoppers go for a handful of scarce doorbuster SKUs
 * (the first sale), many of them the same shoppers again (so per-customer limits bite); later the
 * traffic spreads over the festival SKUs and the whole catalogue. Carts have one to three lines
 * from one merchant. A few orders carry a stale price, an unknown SKU, or are retries of an
 * earlier order (same id and content).
 */
final class DemoOrderStream {
    private static final double BURST_SHARE = 0.30;
    private static final int HOT_CUSTOMERS = 150_000;
    private static final int ALL_CUSTOMERS = 5_000_000;
    private static final int RECENT = 256;

    private final SplittableRandom random;
    private final int orders;
    private final long[] skuIds;
    private final long[] merchantIds;
    private final long[] prices;
    private final long maxSku;
    private final long[] doorbusters;
    private final long[] festival;

    private final long[] recentIds = new long[RECENT];
    private final long[] recentCustomers = new long[RECENT];
    private final OrderLines[] recentLines = new OrderLines[RECENT];
    private final OrderLines scratch = new OrderLines();
    private int produced;
    private long orderId;
    private long customerId;
    private boolean retry;

    DemoOrderStream(List<SkuDefinition> catalogue, List<SaleDefinition> sales, long seed, int orders) {
        this.random = new SplittableRandom(seed);
        this.orders = orders;
        final int n = catalogue.size();
        skuIds = new long[n];
        merchantIds = new long[n];
        prices = new long[n];
        long max = 0;
        for (int i = 0; i < n; i++) {
            final SkuDefinition sku = catalogue.get(i);
            skuIds[i] = sku.sku();
            merchantIds[i] = sku.merchantId();
            prices[i] = sku.priceCents();
            max = Math.max(max, sku.sku());
        }
        maxSku = max;
        doorbusters = sales.isEmpty() ? new long[0] : sales.get(0).skus();
        festival = sales.size() < 2 ? new long[0] : sales.get(1).skus();
        for (int i = 0; i < RECENT; i++) {
            recentLines[i] = new OrderLines();
        }
    }

    /** Fills {@code lines} with the next order; false when the stream is done. */
    boolean next(OrderLines lines) {
        if (produced == orders) {
            return false;
        }
        if (produced > RECENT && random.nextInt(200) == 0) {
            final int pick = random.nextInt(RECENT);
            orderId = recentIds[pick];
            customerId = recentCustomers[pick];
            lines.copyFrom(recentLines[pick]);
            retry = true;
            return true;
        }
        retry = false;
        orderId = ++produced;
        final boolean burst = produced < orders * BURST_SHARE;
        final boolean hot = doorbusters.length > 0 && random.nextDouble() < (burst ? 0.55 : 0.08);
        customerId = 1 + random.nextInt(hot ? HOT_CUSTOMERS : ALL_CUSTOMERS);
        lines.clear();
        final int first = indexOf(hot ? skewed(doorbusters)
            : festival.length > 0 && random.nextInt(5) < 2 ? festival[random.nextInt(festival.length)]
            : skuIds[random.nextInt(skuIds.length)]);
        addLine(lines, first, hot);
        if (!hot && random.nextInt(100) < 35) {
            final int extra = 1 + random.nextInt(2);
            for (int i = 0; i < extra; i++) {
                addSameMerchantLine(lines, first);
            }
        }
        spoilSome(lines);
        final int slot = (int) (orderId % RECENT);
        recentIds[slot] = orderId;
        recentCustomers[slot] = customerId;
        recentLines[slot].copyFrom(lines);
        return true;
    }

    long orderId() {
        return orderId;
    }

    long customerId() {
        return customerId;
    }

    /** The last order is a retry of an earlier one (not counted as a new order). */
    boolean isRetry() {
        return retry;
    }

    int produced() {
        return produced;
    }

    private void addLine(OrderLines lines, int index, boolean hot) {
        final int roll = random.nextInt(100);
        final int quantity = hot ? (roll < 70 ? 1 : roll < 95 ? 2 : 3) : (roll < 85 ? 1 : 2);
        lines.add(skuIds[index], quantity, prices[index]);
    }

    private void addSameMerchantLine(OrderLines lines, int first) {
        for (int attempt = 0; attempt < 4; attempt++) {
            final int index = first + random.nextInt(-50, 51);
            if (index < 0 || index >= skuIds.length || merchantIds[index] != merchantIds[first]) {
                continue;
            }
            boolean present = false;
            for (int i = 0; i < lines.count(); i++) {
                present |= lines.sku(i) == skuIds[index];
            }
            if (!present) {
                addLine(lines, index, false);
                return;
            }
        }
    }

    /** A few honest mistakes from upstream: a stale price, a SKU that does not exist. */
    private void spoilSome(OrderLines lines) {
        final int roll = random.nextInt(10_000);
        if (roll < 10) {
            scratch.copyFrom(lines);
            lines.clear();
            for (int i = 0; i < scratch.count(); i++) {
                lines.add(scratch.sku(i), scratch.quantity(i), scratch.unitPriceCents(i) + (i == 0 ? 100 : 0));
            }
        } else if (roll < 15) {
            lines.clear().add(maxSku + 1 + random.nextInt(1000), 1, 999);
        }
    }

    /** Popular doorbusters first: the first few take most of the demand. */
    private long skewed(long[] skus) {
        final double u = random.nextDouble();
        return skus[(int) (skus.length * u * u)];
    }

    private int indexOf(long sku) {
        // The built-in catalogue numbers SKUs 1..n in order; fall back to a search otherwise.
        if (sku >= 1 && sku <= skuIds.length && skuIds[(int) sku - 1] == sku) {
            return (int) sku - 1;
        }
        for (int i = 0; i < skuIds.length; i++) {
            if (skuIds[i] == sku) {
                return i;
            }
        }
        throw new IllegalArgumentException("SKU " + sku + " of a sale is not in the catalogue");
    }
}
