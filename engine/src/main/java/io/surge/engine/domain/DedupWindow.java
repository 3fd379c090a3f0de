package io.surge.engine.domain;

import io.surge.engine.collections.IdIndex;

import java.util.Arrays;

/**
 * Remembers the most recent {@code capacity} order ids with a fingerprint of their content, the
 * first outcome they got and the state they are in now. This is what makes placing an order
 * idempotent, and what lets payment and cancel tell "already paid" from "never seen".
 * <p>
 * It is also how a live order is found: while an order is reserved, the id map points straight
 * at its slot in the {@link OrderBook} (a live entry), so one lookup serves both idempotency and
 * the order; when it finishes, the map points at its ring record again. A reservation may outlive
 * its ring record (more live orders than the window holds): its id stays in the map as it is,
 * so forgetting the record costs no map update. That matters when reservations pile up unpaid:
 * every new order then pushes a live order's record out of the ring, and re-pointing each of
 * those ids was a cache miss per order.
 * <p>
 * A ring of 32-byte records in one {@code long[]} (one cache line per lookup), oldest overwritten
 * first, plus the id map. The ring grows on demand up to the capacity, so a small engine stays
 * small. Owned by the business-logic thread.
 */
final class DedupWindow {
    static final int NONE = -1;
    private static final int INITIAL_LENGTH = 1024;
    private static final int STRIDE = 4;
    private static final int ORDER_ID = 0;
    private static final int CONTENT_HASH = 1;
    /** Bits 0-7 first status, 8-15 reason, 16-23 line + 1, 24-31 current status, 32-63 live slot + 1. */
    private static final int OUTCOME = 2;
    /** Expiry time of a reservation, or the offending SKU of a rejection. */
    private static final int DETAIL = 3;
    private static final long RECORDED_BITS = 0xFFFF_FFFFL;
    /**
     * Marks an id-map value as a live order's order-book slot rather than a ring position. Both
     * stay below 2^28 (the configured limits of the window and of live orders).
     */
    private static final int LIVE_FLAG = 1 << 30;

    /** Order id to its ring position, or to {@code LIVE_FLAG | slot} while the order is reserved. */
    private final IdIndex entryByOrderId = new IdIndex(INITIAL_LENGTH);
    /** Live orders whose ring record was overwritten. */
    private int overflowCount;
    private long[] records;
    private int capacity;
    private int count;
    private int oldest; // once full, the position overwritten next

    DedupWindow(int capacity) {
        this.capacity = capacity;
        records = new long[Math.min(capacity, INITIAL_LENGTH) * STRIDE];
    }

    int capacity() {
        return capacity;
    }

    int count() {
        return count;
    }

    /** The position of a remembered order id, or {@link #NONE}. */
    int positionOf(long orderId) {
        return positionIn(entryByOrderId.get(orderId));
    }

    /**
     * What the id map holds for an order, for callers that need both answers of one lookup:
     * {@link #positionIn} and {@link #liveSlotIn} read it; {@link #NONE} when unknown.
     */
    int entryOf(long orderId) {
        return entryByOrderId.get(orderId);
    }

    /** The ring position an {@link #entryOf} names, or {@link #NONE} (unknown, or a live order). */
    static int positionIn(int entry) {
        return entry >= LIVE_FLAG ? NONE : entry;
    }

    /** The order-book slot an {@link #entryOf} names, or {@link #NONE} (unknown, or not live). */
    static int liveSlotIn(int entry) {
        return entry >= LIVE_FLAG ? entry - LIVE_FLAG : NONE;
    }

    /** Remembers an order that is not live (a rejection). */
    void remember(long orderId, long contentHash, Status status, RejectReason reason, int lineIndex, long detail) {
        remember(orderId, contentHash, status, reason, lineIndex, detail, NONE);
    }

    /**
     * Remembers an order; {@code liveSlot} is its order-book slot while it is reserved, else NONE.
     * Returns the entry's position (the caller keeps it to {@link #finishLive finish} a live order).
     */
    int remember(
        long orderId, long contentHash, Status status, RejectReason reason, int lineIndex, long detail, int liveSlot) {
        assert liveSlotIn(entryByOrderId.get(orderId)) != NONE || entryByOrderId.get(orderId) == NONE
            : "order " + orderId + " is already remembered";
        final int position;
        if (count < capacity) {
            if (count * STRIDE == records.length) {
                records = Arrays.copyOf(records, (int) Math.min(capacity, (long) count * 2) * STRIDE);
            }
            position = count++;
        } else {
            position = oldest;
            oldest = (oldest + 1) % capacity;
            evict(position);
        }
        final int base = position * STRIDE;
        records[base + ORDER_ID] = orderId;
        records[base + CONTENT_HASH] = contentHash;
        records[base + OUTCOME] = pack(status, reason, lineIndex, status) | ((long) (liveSlot + 1) << 32);
        records[base + DETAIL] = detail;
        entryByOrderId.put(orderId, liveSlot == NONE ? position : LIVE_FLAG | liveSlot);
        return position;
    }

    /** Whether the entry at a position (any int) is the order's: a cheap check of a remembered position. */
    boolean holds(int position, long orderId) {
        return position >= 0 && position < count && records[position * STRIDE + ORDER_ID] == orderId;
    }

    long contentHash(int position) {
        return records[position * STRIDE + CONTENT_HASH];
    }

    Status firstStatus(int position) {
        return Status.fromCode((int) (outcome(position) & 0xFF));
    }

    RejectReason reason(int position) {
        return RejectReason.fromCode((int) ((outcome(position) >>> 8) & 0xFF));
    }

    int lineIndex(int position) {
        return (int) ((outcome(position) >>> 16) & 0xFF) - 1;
    }

    Status currentStatus(int position) {
        return Status.fromCode((int) ((outcome(position) >>> 24) & 0xFF));
    }

    long detail(int position) {
        return records[position * STRIDE + DETAIL];
    }

    void currentStatus(int position, Status status) {
        final int index = position * STRIDE + OUTCOME;
        records[index] = (records[index] & ~(0xFFL << 24)) | ((long) status.code() << 24);
    }

    /** The order-book slot of the entry's order while it is live, else NONE. */
    int liveSlot(int position) {
        return (int) (outcome(position) >>> 32) - 1;
    }

    /** The order-book slot of a live order; NONE when not live. */
    int liveSlotOf(long orderId) {
        return liveSlotIn(entryByOrderId.get(orderId));
    }

    /** The entry's order reached a final state: record it and forget its slot. */
    void finish(int position, Status finalStatus) {
        currentStatus(position, finalStatus);
        final int index = position * STRIDE + OUTCOME;
        records[index] &= RECORDED_BITS;
    }

    /**
     * A live order reached a final state. {@code position} is where {@link #remember} (or a
     * {@link Moved move}) put its record; if the ring has overwritten it since, the order is
     * remembered again, so a retry or a second payment right after it finished still gets the
     * right answer.
     */
    void finishLive(long orderId, int position, Status finalStatus, long contentHash, long expiresAtMs) {
        final int recordAt;
        if (holds(position, orderId)) {
            recordAt = position;
            entryByOrderId.put(orderId, position); // replaces the live entry
        } else {
            overflowCount--;
            recordAt = remember(orderId, contentHash, Status.RESERVED, null, -1, expiresAtMs, NONE);
        }
        finish(recordAt, finalStatus);
    }

    /** Live orders whose ring record was overwritten. */
    int overflowCount() {
        return overflowCount;
    }

    /**
     * After a snapshot load: points a live order's id at its order-book slot and returns the
     * position of its record, or NONE when the ring no longer holds one.
     */
    int link(long orderId, int slot) {
        final int position = positionOf(orderId);
        if (position == NONE) {
            overflowCount++;
        } else {
            final int index = position * STRIDE + OUTCOME;
            records[index] = (records[index] & RECORDED_BITS) | ((long) (slot + 1) << 32);
        }
        entryByOrderId.put(orderId, LIVE_FLAG | slot);
        return position;
    }

    /** Hears that a live order's record moved to another position. */
    @FunctionalInterface
    interface Moved {
        void moved(int liveSlot, int position);
    }

    /**
     * Changes the capacity, keeping the newest entries. Rare (a configuration change), so it
     * simply rebuilds; {@code moved} hears the new position of every live order's record.
     */
    void resize(int newCapacity, Moved moved) {
        if (newCapacity == capacity) {
            return;
        }
        final int keep = Math.min(count, newCapacity);
        final long[] kept = new long[keep * STRIDE];
        for (int i = 0; i < count - keep; i++) {
            evict(positionAt(i));
        }
        for (int i = 0; i < keep; i++) {
            System.arraycopy(records, positionAt(count - keep + i) * STRIDE, kept, i * STRIDE, STRIDE);
        }
        capacity = newCapacity;
        records = new long[Math.max(Math.min(newCapacity, INITIAL_LENGTH), keep) * STRIDE];
        count = 0;
        oldest = 0;
        for (int i = 0; i < keep; i++) {
            final int position = append(kept, i * STRIDE);
            final int liveSlot = liveSlot(position);
            if (liveSlot != NONE) {
                moved.moved(liveSlot, position);
            }
        }
    }

    /** Hashes what the entries record; live slots are derived from the order book and left out. */
    void hashInto(StateHasher hasher) {
        hasher.add(capacity).add(count);
        for (int i = 0; i < count; i++) {
            final int base = positionAt(i) * STRIDE;
            hasher.add(records[base + ORDER_ID]).add(records[base + CONTENT_HASH])
                .add(records[base + OUTCOME] & RECORDED_BITS).add(records[base + DETAIL]);
        }
    }

    void writeTo(StateOutput out) {
        out.putInt(count);
        for (int i = 0; i < count; i++) {
            final int base = positionAt(i) * STRIDE;
            out.putLong(records[base + ORDER_ID]);
            out.putLong(records[base + CONTENT_HASH]);
            out.putLong(records[base + OUTCOME] & RECORDED_BITS);
            out.putLong(records[base + DETAIL]);
        }
    }

    /** Reads the entries; live orders are {@link #link linked} afterwards by the order book's owner. */
    void readFrom(StateInput in) {
        final int entries = in.getCount(Math.min(capacity, in.maxItems(4 * Long.BYTES)), "dedup entry");
        final long[] entry = new long[STRIDE];
        for (int i = 0; i < entries; i++) {
            entry[ORDER_ID] = in.getLong();
            entry[CONTENT_HASH] = in.getLong();
            entry[OUTCOME] = in.getLong() & RECORDED_BITS;
            entry[DETAIL] = in.getLong();
            append(entry, 0);
        }
    }

    /** Forgets the record at a position; a live order's id keeps pointing at its slot. */
    private void evict(int position) {
        if (liveSlot(position) == NONE) {
            entryByOrderId.remove(records[position * STRIDE + ORDER_ID]);
        } else {
            overflowCount++;
        }
    }

    private long outcome(int position) {
        return records[position * STRIDE + OUTCOME];
    }

    /** The position of the i-th oldest entry. */
    private int positionAt(int i) {
        return count < capacity ? i : (oldest + i) % capacity;
    }

    /** Appends a record (snapshot load, resize); a live order's id keeps pointing at its slot. */
    private int append(long[] source, int from) {
        if (count * STRIDE == records.length) {
            records = Arrays.copyOf(records, (int) Math.min(capacity, (long) count * 2) * STRIDE);
        }
        final int position = count++;
        System.arraycopy(source, from, records, position * STRIDE, STRIDE);
        if (liveSlot(position) == NONE) {
            entryByOrderId.put(source[from + ORDER_ID], position);
        }
        return position;
    }

    private static long pack(Status first, RejectReason reason, int lineIndex, Status current) {
        return first.code()
            | (long) (reason == null ? 0 : reason.code()) << 8
            | (long) (lineIndex + 1) << 16
            | (long) current.code() << 24;
    }
}
