package io.surge.replay;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;

/**
 * Units and GMV, reserved and paid, per key (a SKU or a merchant) for {@code stats}: a primitive
 * map from key to a dense index, and one 64-byte record per key (array of structs, so a line of
 * an order touches one record, not six arrays). Memory grows with the catalogue, not with the
 * orders. A SKU's record also holds its merchant and the merchant's index in the merchants'
 * totals, so a reserved line costs one map lookup. One thread.
 */
final class StatsTotals {
    private static final int STRIDE = 8;
    private static final int KEY = 0;
    private static final int OWNER = 1;
    private static final int OWNER_INDEX = 2;
    private static final int UNITS_RESERVED = 3;
    private static final int GMV_RESERVED = 4;
    private static final int UNITS_PAID = 5;
    private static final int GMV_PAID = 6;
    private static final int INITIAL = 1 << 10;
    private static final int[] ORDER_BY_UNITS = {UNITS_PAID, GMV_PAID, UNITS_RESERVED, GMV_RESERVED};
    private static final int[] ORDER_BY_GMV = {GMV_PAID, UNITS_PAID, GMV_RESERVED, UNITS_RESERVED};

    private final Long2LongHashMap indexByKey = new Long2LongHashMap(-1);
    private int size;
    private long[] records = new long[INITIAL * STRIDE];

    /** Ranking orders: by units paid or by GMV paid, then the other paid figure, then reserved. */
    enum Rank { UNITS, GMV }

    /** The index of {@code key}, added (with no owner) if new. */
    int indexOf(long key) {
        final long index = indexByKey.get(key);
        if (index >= 0) {
            return (int) index;
        }
        if ((size + 1) * STRIDE > records.length) {
            records = Arrays.copyOf(records, records.length * 2);
        }
        final int at = size * STRIDE;
        records[at + KEY] = key;
        records[at + OWNER_INDEX] = -1;
        indexByKey.put(key, size);
        return size++;
    }

    /** The index of {@code key}, or -1. */
    int find(long key) {
        return (int) indexByKey.get(key);
    }

    /** Sets a SKU's merchant: its key and its index in the merchants' totals. */
    void owner(int index, long ownerKey, int ownerIndex) {
        records[index * STRIDE + OWNER] = ownerKey;
        records[index * STRIDE + OWNER_INDEX] = ownerIndex;
    }

    void reserved(int index, long units, long gmvCents) {
        final int at = index * STRIDE;
        records[at + UNITS_RESERVED] += units;
        records[at + GMV_RESERVED] += gmvCents;
    }

    void paid(int index, long units, long gmvCents) {
        final int at = index * STRIDE;
        records[at + UNITS_PAID] += units;
        records[at + GMV_PAID] += gmvCents;
    }

    int size() {
        return size;
    }

    long key(int index) {
        return records[index * STRIDE + KEY];
    }

    /** A SKU's merchant (0 when not known). */
    long owner(int index) {
        return records[index * STRIDE + OWNER];
    }

    /** A SKU's merchant's index in the merchants' totals, or -1 when not set. */
    int ownerIndex(int index) {
        return (int) records[index * STRIDE + OWNER_INDEX];
    }

    long unitsReserved(int index) {
        return records[index * STRIDE + UNITS_RESERVED];
    }

    long gmvReservedCents(int index) {
        return records[index * STRIDE + GMV_RESERVED];
    }

    long unitsPaid(int index) {
        return records[index * STRIDE + UNITS_PAID];
    }

    long gmvPaidCents(int index) {
        return records[index * STRIDE + GMV_PAID];
    }

    /** Whether anything was reserved or paid under the key. */
    boolean isActive(int index) {
        return unitsPaid(index) != 0 || unitsReserved(index) != 0;
    }

    /** How many keys had anything reserved or paid. */
    int active() {
        int active = 0;
        for (int i = 0; i < size; i++) {
            if (isActive(i)) {
                active++;
            }
        }
        return active;
    }

    /**
     * The indexes of the top {@code n} keys with anything reserved or paid, best first (ties go to
     * the smaller key). A bounded insertion, so ranking a large catalogue allocates only {@code n}.
     */
    int[] top(int n, Rank rank) {
        final int[] best = new int[Math.min(n, size)];
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (!isActive(i) || count == best.length && (best.length == 0 || !better(i, best[count - 1], rank))) {
                continue;
            }
            int at = count == best.length ? count - 1 : count++;
            while (at > 0 && better(i, best[at - 1], rank)) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        return Arrays.copyOf(best, count);
    }

    private boolean better(int a, int b, Rank rank) {
        for (int field : rank == Rank.UNITS ? ORDER_BY_UNITS : ORDER_BY_GMV) {
            final long x = records[a * STRIDE + field];
            final long y = records[b * STRIDE + field];
            if (x != y) {
                return x > y;
            }
        }
        return key(a) < key(b);
    }
}
