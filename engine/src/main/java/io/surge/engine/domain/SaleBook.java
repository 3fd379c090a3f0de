package io.surge.engine.domain;

import io.surge.engine.collections.ScrambledLong2LongMap;

import java.util.Arrays;

/**
 * Sales: a time window, an optional per-customer limit per SKU. A sale occupies a dense slot;
 * SKUs point at the slot of the sale they belong to (see {@link Inventory#saleSlot(int)}).
 * Owned by the business-logic thread.
 */
final class SaleBook {
    static final int NO_LIMIT = 0;
    private static final int INITIAL_CAPACITY = 16;

    private final ScrambledLong2LongMap slotBySaleId = new ScrambledLong2LongMap(INITIAL_CAPACITY, -1L);
    private long[] saleIds = new long[INITIAL_CAPACITY];
    private long[] startMs = new long[INITIAL_CAPACITY];
    private long[] endMs = new long[INITIAL_CAPACITY];
    private int[] limitPerCustomer = new int[INITIAL_CAPACITY];
    private int count;

    int count() {
        return count;
    }

    /** The slot of a sale id, or -1. */
    int slotOf(long saleId) {
        return (int) slotBySaleId.get(saleId);
    }

    int add(long saleId) {
        if (count == saleIds.length) {
            final int capacity = count * 2;
            saleIds = Arrays.copyOf(saleIds, capacity);
            startMs = Arrays.copyOf(startMs, capacity);
            endMs = Arrays.copyOf(endMs, capacity);
            limitPerCustomer = Arrays.copyOf(limitPerCustomer, capacity);
        }
        final int slot = count++;
        saleIds[slot] = saleId;
        slotBySaleId.put(saleId, slot);
        return slot;
    }

    void define(int slot, long start, long end, int limit) {
        startMs[slot] = start;
        endMs[slot] = end;
        limitPerCustomer[slot] = limit;
    }

    /** A sale is active from its start (inclusive) to its end (exclusive). */
    boolean isActive(int slot, long nowMs) {
        return nowMs >= startMs[slot] && nowMs < endMs[slot];
    }

    /** The per-customer limit per SKU, or {@link #NO_LIMIT}. */
    int limit(int slot) {
        return limitPerCustomer[slot];
    }

    void hashInto(StateHasher hasher) {
        hasher.add(count);
        for (int i = 0; i < count; i++) {
            hasher.add(saleIds[i]).add(startMs[i]).add(endMs[i]).add(limitPerCustomer[i]);
        }
    }

    void writeTo(StateOutput out) {
        out.putInt(count);
        for (int i = 0; i < count; i++) {
            out.putLong(saleIds[i]);
            out.putLong(startMs[i]);
            out.putLong(endMs[i]);
            out.putInt(limitPerCustomer[i]);
        }
    }

    void readFrom(StateInput in) {
        final int sales = in.getCount(in.maxItems(3 * Long.BYTES + Integer.BYTES), "sale");
        for (int i = 0; i < sales; i++) {
            final int slot = add(in.getLong());
            define(slot, in.getLong(), in.getLong(), in.getInt());
        }
    }
}
