package io.surge.replay;

import io.surge.engine.collections.Mix;

import java.util.Arrays;

/**
 * Units and GMV, reserved and paid, per key (a SKU or a merchant) for {@code stats}. An
 * open-addressing table whose slots are the records themselves (64 bytes, one cache line's worth),
 * so a line of an order costs one memory access where a map to separate arrays costs two: on a
 * 100k-SKU catalogue this is most of the time {@code stats} spends beyond reading the journal.
 * Memory grows with the catalogue, not with the orders. A SKU's record also holds its merchant.
 * <p>
 * A slot index stays valid until the next key is added to the same table (which may rehash).
 * One thread.
 */
final class StatsTotals {
    private static final int STRIDE = 8;
    private static final int KEY = 0;
    private static final int USED = 1;
    private static final int OWNER = 2;
    private static final int UNITS_RESERVED = 3;
    private static final int GMV_RESERVED = 4;
    private static final int UNITS_PAID = 5;
    private static final int GMV_PAID = 6;
    private static final int INITIAL_SLOTS = 1 << 10;
    private static final int[] ORDER_BY_UNITS = {UNITS_PAID, GMV_PAID, UNITS_RESERVED, GMV_RESERVED};
    private static final int[] ORDER_BY_GMV = {GMV_PAID, UNITS_PAID, GMV_RESERVED, UNITS_RESERVED};

    private long[] records = new long[INITIAL_SLOTS * STRIDE];
    private int mask = INITIAL_SLOTS - 1;
    private int size;

    /** Ranking orders: by units paid or by GMV paid, then the other paid figure, then reserved. */
    enum Rank { UNITS, GMV }

    /** The slot of {@code key}, added (with no owner) if new. */
    int indexOf(long key) {
        int slot = (int) Mix.mix(key) & mask;
        while (true) {
            final int at = slot * STRIDE;
            if (records[at + USED] == 0) {
                if (2 * (size + 1) > mask + 1) {
                    grow();
                    return indexOf(key);
                }
                records[at + KEY] = key;
                records[at + USED] = 1;
                size++;
                return slot;
            }
            if (records[at + KEY] == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The slot of {@code key}, or -1. */
    int find(long key) {
        int slot = (int) Mix.mix(key) & mask;
        while (records[slot * STRIDE + USED] != 0) {
            if (records[slot * STRIDE + KEY] == key) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Sets a SKU's merchant. */
    void owner(int slot, long ownerKey) {
        records[slot * STRIDE + OWNER] = ownerKey;
    }

    void reserved(int slot, long units, long gmvCents) {
        final int at = slot * STRIDE;
        records[at + UNITS_RESERVED] += units;
        records[at + GMV_RESERVED] += gmvCents;
    }

    void paid(int slot, long units, long gmvCents) {
        final int at = slot * STRIDE;
        records[at + UNITS_PAID] += units;
        records[at + GMV_PAID] += gmvCents;
    }

    /** Keys held. */
    int size() {
        return size;
    }

    long key(int slot) {
        return records[slot * STRIDE + KEY];
    }

    /** A SKU's merchant (0 when not known). */
    long owner(int slot) {
        return records[slot * STRIDE + OWNER];
    }

    long unitsReserved(int slot) {
        return records[slot * STRIDE + UNITS_RESERVED];
    }

    long gmvReservedCents(int slot) {
        return records[slot * STRIDE + GMV_RESERVED];
    }

    long unitsPaid(int slot) {
        return records[slot * STRIDE + UNITS_PAID];
    }

    long gmvPaidCents(int slot) {
        return records[slot * STRIDE + GMV_PAID];
    }

    /** How many keys had anything reserved or paid. */
    int active() {
        int active = 0;
        for (int slot = 0; slot <= mask; slot++) {
            if (isActive(slot)) {
                active++;
            }
        }
        return active;
    }

    /**
     * The slots of the top {@code n} keys with anything reserved or paid, best first (ties go to
     * the smaller key). A bounded insertion, so ranking a large catalogue allocates only {@code n}.
     */
    int[] top(int n, Rank rank) {
        final int[] best = new int[Math.min(n, size)];
        int count = 0;
        for (int slot = 0; slot <= mask; slot++) {
            if (!isActive(slot) || count == best.length && (best.length == 0 || !better(slot, best[count - 1], rank))) {
                continue;
            }
            int at = count == best.length ? count - 1 : count++;
            while (at > 0 && better(slot, best[at - 1], rank)) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = slot;
        }
        return Arrays.copyOf(best, count);
    }

    private boolean isActive(int slot) {
        final int at = slot * STRIDE;
        return records[at + USED] != 0 && (records[at + UNITS_PAID] != 0 || records[at + UNITS_RESERVED] != 0);
    }

    private boolean better(int a, int b, StatsTotals.Rank rank) {
        for (int field : rank == Rank.UNITS ? ORDER_BY_UNITS : ORDER_BY_GMV) {
            final long x = records[a * STRIDE + field];
            final long y = records[b * STRIDE + field];
            if (x != y) {
                return x > y;
            }
        }
        return key(a) < key(b);
    }

    private void grow() {
        final long[] old = records;
        records = new long[old.length * 2];
        mask = records.length / STRIDE - 1;
        for (int at = 0; at < old.length; at += STRIDE) {
            if (old[at + USED] != 0) {
                int slot = (int) Mix.mix(old[at + KEY]) & mask;
                while (records[slot * STRIDE + USED] != 0) {
                    slot = (slot + 1) & mask;
                }
                System.arraycopy(old, at, records, slot * STRIDE, STRIDE);
            }
        }
    }
}
