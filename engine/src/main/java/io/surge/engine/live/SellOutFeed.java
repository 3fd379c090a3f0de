package io.surge.engine.live;

import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The moments SKUs sold out (a reservation took the last available unit), as the journal's
 * SkuSoldOut events say: the most recent ones for the feed, and per SKU how often it has sold
 * out (a restock followed by another sell-out counts again).
 * <p>
 * Owned by one thread (the live reader); a sell-out allocates nothing once its SKU is known.
 */
final class SellOutFeed {
    private final int capacity;
    private final long[] skus;
    private final long[] merchants;
    private final long[] atMs;
    private final long[] times;
    private final Long2LongHashMap timesBySku = new Long2LongHashMap(0);
    private long total;
    private long firstSku;
    private long firstMerchant;
    private long firstAtMs;

    SellOutFeed(int capacity) {
        this.capacity = capacity;
        this.skus = new long[capacity];
        this.merchants = new long[capacity];
        this.atMs = new long[capacity];
        this.times = new long[capacity];
    }

    void soldOut(long sku, long merchantId, long whenMs) {
        final long soFar = timesBySku.get(sku) + 1;
        timesBySku.put(sku, soFar);
        if (total == 0) {
            firstSku = sku;
            firstMerchant = merchantId;
            firstAtMs = whenMs;
        }
        final int slot = (int) (total % capacity);
        skus[slot] = sku;
        merchants[slot] = merchantId;
        atMs[slot] = whenMs;
        times[slot] = soFar;
        total++;
    }

    /** Sell-outs so far, every repeat included. */
    long total() {
        return total;
    }

    /** SKUs that have sold out at least once. */
    int distinctSkus() {
        return timesBySku.size();
    }

    /** How often {@code sku} has sold out. */
    long times(long sku) {
        return timesBySku.get(sku);
    }

    /** The very first sell-out, or null before any. */
    SellOut first() {
        return total == 0 ? null : new SellOut(firstSku, firstMerchant, firstAtMs, 1);
    }

    /** The latest sell-outs (at most the feed's capacity), newest first. */
    List<SellOut> recent() {
        final int size = (int) Math.min(total, capacity);
        final List<SellOut> recent = new ArrayList<>(size);
        for (int k = 1; k <= size; k++) {
            final int slot = (int) ((total - k) % capacity);
            recent.add(new SellOut(skus[slot], merchants[slot], atMs[slot], times[slot]));
        }
        return recent;
    }
}
