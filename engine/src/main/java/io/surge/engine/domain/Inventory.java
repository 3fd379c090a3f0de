package io.surge.engine.domain;

import io.surge.engine.collections.ScrambledLong2LongMap;

import java.util.Arrays;

/**
 * All SKUs and their stock counters, in parallel primitive arrays indexed by a dense SKU index
 * (the order of definition). Owned by the business-logic thread.
 * <p>
 * Invariant per SKU: {@code available + reserved + sold} equals the stock ever added minus the
 * stock ever removed, and no counter is negative.
 */
final class Inventory {
    static final int NO_SALE = -1;
    private static final int INITIAL_CAPACITY = 1024;

    private final ScrambledLong2LongMap indexBySku = new ScrambledLong2LongMap(INITIAL_CAPACITY, -1L);
    private long[] skuIds = new long[INITIAL_CAPACITY];
    private long[] merchantIds = new long[INITIAL_CAPACITY];
    private long[] priceCents = new long[INITIAL_CAPACITY];
    private long[] available = new long[INITIAL_CAPACITY];
    private long[] reserved = new long[INITIAL_CAPACITY];
    private long[] sold = new long[INITIAL_CAPACITY];
    private int[] saleSlots = new int[INITIAL_CAPACITY];
    private int count;

    int count() {
        return count;
    }

    /** The dense index of a SKU id, or -1 when the SKU is unknown. */
    int indexOf(long sku) {
        return (int) indexBySku.get(sku);
    }

    int add(long sku, long merchantId, long price) {
        if (count == skuIds.length) {
            grow(count * 2);
        }
        final int index = count++;
        skuIds[index] = sku;
        merchantIds[index] = merchantId;
        priceCents[index] = price;
        saleSlots[index] = NO_SALE;
        indexBySku.put(sku, index);
        return index;
    }

    long skuId(int index) {
        return skuIds[index];
    }

    long merchantId(int index) {
        return merchantIds[index];
    }

    long priceCents(int index) {
        return priceCents[index];
    }

    long available(int index) {
        return available[index];
    }

    long reserved(int index) {
        return reserved[index];
    }

    long sold(int index) {
        return sold[index];
    }

    int saleSlot(int index) {
        return saleSlots[index];
    }

    void describe(int index, long merchantId, long price) {
        merchantIds[index] = merchantId;
        priceCents[index] = price;
    }

    void saleSlot(int index, int saleSlot) {
        saleSlots[index] = saleSlot;
    }

    void addAvailable(int index, long delta) {
        available[index] += delta;
    }

    void reserve(int index, long quantity) {
        available[index] -= quantity;
        reserved[index] += quantity;
    }

    void release(int index, long quantity) {
        reserved[index] -= quantity;
        available[index] += quantity;
    }

    void sell(int index, long quantity) {
        reserved[index] -= quantity;
        sold[index] += quantity;
    }

    /** Detaches every SKU of a sale (before the sale is redefined). */
    void detachSale(int saleSlot) {
        for (int i = 0; i < count; i++) {
            if (saleSlots[i] == saleSlot) {
                saleSlots[i] = NO_SALE;
            }
        }
    }

    void hashInto(StateHasher hasher) {
        hasher.add(count);
        for (int i = 0; i < count; i++) {
            hasher.add(skuIds[i]).add(merchantIds[i]).add(priceCents[i])
                .add(available[i]).add(reserved[i]).add(sold[i]).add(saleSlots[i]);
        }
    }

    void writeTo(StateOutput out) {
        out.putInt(count);
        for (int i = 0; i < count; i++) {
            out.putLong(skuIds[i]);
            out.putLong(merchantIds[i]);
            out.putLong(priceCents[i]);
            out.putLong(available[i]);
            out.putLong(reserved[i]);
            out.putLong(sold[i]);
            out.putInt(saleSlots[i]);
        }
    }

    void readFrom(StateInput in) {
        final int skus = in.getCount(in.maxItems(6 * Long.BYTES + Integer.BYTES), "SKU");
        grow(Math.max(INITIAL_CAPACITY, skus));
        for (int i = 0; i < skus; i++) {
            final int index = add(in.getLong(), 0, 0);
            merchantIds[index] = in.getLong();
            priceCents[index] = in.getLong();
            available[index] = in.getLong();
            reserved[index] = in.getLong();
            sold[index] = in.getLong();
            saleSlots[index] = in.getInt();
        }
    }

    private void grow(int capacity) {
        skuIds = Arrays.copyOf(skuIds, capacity);
        merchantIds = Arrays.copyOf(merchantIds, capacity);
        priceCents = Arrays.copyOf(priceCents, capacity);
        available = Arrays.copyOf(available, capacity);
        reserved = Arrays.copyOf(reserved, capacity);
        sold = Arrays.copyOf(sold, capacity);
        saleSlots = Arrays.copyOf(saleSlots, capacity);
    }
}
