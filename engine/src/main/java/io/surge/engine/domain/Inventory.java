package io.surge.engine.domain;

import io.surge.engine.collections.IdIndex;

import java.util.Arrays;

/**
 * All SKUs and their stock counters, indexed by a dense SKU index (the order of definition).
 * Owned by the business-logic thread.
 * <p>
 * Each SKU's fields sit together in one 64-byte record of a {@code long[]} (array of structs):
 * an order touches SKUs at random, and one cache line per SKU instead of one per field is the
 * difference between one memory stall and six.
 * <p>
 * Invariant per SKU: {@code available + reserved + sold} equals the stock ever added minus the
 * stock ever removed, and no counter is negative.
 */
final class Inventory {
    static final int NO_SALE = -1;
    private static final int INITIAL_CAPACITY = 1024;
    private static final int STRIDE = 8;
    private static final int SKU_ID = 0;
    private static final int MERCHANT_ID = 1;
    private static final int PRICE = 2;
    private static final int AVAILABLE = 3;
    private static final int RESERVED = 4;
    private static final int SOLD = 5;
    private static final int SALE_SLOT = 6;

    private final IdIndex indexBySku = new IdIndex(INITIAL_CAPACITY);
    private long[] records = new long[INITIAL_CAPACITY * STRIDE];
    private int count;

    int count() {
        return count;
    }

    /** The dense index of a SKU id, or -1 when the SKU is unknown. */
    int indexOf(long sku) {
        return indexBySku.get(sku);
    }

    int add(long sku, long merchantId, long price) {
        if (count * STRIDE == records.length) {
            grow(count * 2);
        }
        final int index = count++;
        final int base = index * STRIDE;
        records[base + SKU_ID] = sku;
        records[base + MERCHANT_ID] = merchantId;
        records[base + PRICE] = price;
        records[base + SALE_SLOT] = NO_SALE;
        indexBySku.put(sku, index);
        return index;
    }

    long skuId(int index) {
        return records[index * STRIDE + SKU_ID];
    }

    long merchantId(int index) {
        return records[index * STRIDE + MERCHANT_ID];
    }

    long priceCents(int index) {
        return records[index * STRIDE + PRICE];
    }

    long available(int index) {
        return records[index * STRIDE + AVAILABLE];
    }

    long reserved(int index) {
        return records[index * STRIDE + RESERVED];
    }

    long sold(int index) {
        return records[index * STRIDE + SOLD];
    }

    int saleSlot(int index) {
        return (int) records[index * STRIDE + SALE_SLOT];
    }

    void describe(int index, long merchantId, long price) {
        records[index * STRIDE + MERCHANT_ID] = merchantId;
        records[index * STRIDE + PRICE] = price;
    }

    void saleSlot(int index, int saleSlot) {
        records[index * STRIDE + SALE_SLOT] = saleSlot;
    }

    void addAvailable(int index, long delta) {
        records[index * STRIDE + AVAILABLE] += delta;
    }

    void reserve(int index, long quantity) {
        final int base = index * STRIDE;
        records[base + AVAILABLE] -= quantity;
        records[base + RESERVED] += quantity;
    }

    void release(int index, long quantity) {
        final int base = index * STRIDE;
        records[base + RESERVED] -= quantity;
        records[base + AVAILABLE] += quantity;
    }

    void sell(int index, long quantity) {
        final int base = index * STRIDE;
        records[base + RESERVED] -= quantity;
        records[base + SOLD] += quantity;
    }

    /** Detaches every SKU of a sale (before the sale is redefined). */
    void detachSale(int saleSlot) {
        for (int i = 0; i < count; i++) {
            if (saleSlot(i) == saleSlot) {
                saleSlot(i, NO_SALE);
            }
        }
    }

    void hashInto(StateHasher hasher) {
        hasher.add(count);
        for (int i = 0; i < count; i++) {
            hasher.add(skuId(i)).add(merchantId(i)).add(priceCents(i))
                .add(available(i)).add(reserved(i)).add(sold(i)).add(saleSlot(i));
        }
    }

    void writeTo(StateOutput out) {
        out.putInt(count);
        for (int i = 0; i < count; i++) {
            out.putLong(skuId(i));
            out.putLong(merchantId(i));
            out.putLong(priceCents(i));
            out.putLong(available(i));
            out.putLong(reserved(i));
            out.putLong(sold(i));
            out.putInt(saleSlot(i));
        }
    }

    void readFrom(StateInput in) {
        final int skus = in.getCount(in.maxItems(6 * Long.BYTES + Integer.BYTES), "SKU");
        grow(Math.max(INITIAL_CAPACITY, skus));
        for (int i = 0; i < skus; i++) {
            final int index = add(in.getLong(), 0, 0);
            final int base = index * STRIDE;
            records[base + MERCHANT_ID] = in.getLong();
            records[base + PRICE] = in.getLong();
            records[base + AVAILABLE] = in.getLong();
            records[base + RESERVED] = in.getLong();
            records[base + SOLD] = in.getLong();
            records[base + SALE_SLOT] = in.getInt();
        }
    }

    private void grow(int capacity) {
        if ((long) capacity * STRIDE > records.length) {
            records = Arrays.copyOf(records, capacity * STRIDE);
        }
    }
}
