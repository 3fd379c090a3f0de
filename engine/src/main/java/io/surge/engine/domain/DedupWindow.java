package io.surge.engine.domain;

import io.surge.engine.collections.IdIndex;

import java.util.Arrays;

/**
 * Remembers the most recent {@code capacity} order ids with a fingerprint of their content, the
 * first outcome they got and the state they are in now. This is what makes placing an order
 * idempotent, and what lets payment and cancel tell "already paid" from "never seen".
 * <p>
 * It is also how a live order is found: an entry whose order is still reserved holds the order's
 * slot in the {@link OrderBook}, so one hash lookup serves both idempotency and the order. A
 * reservation that outlives its entry (more live orders than the window holds) stays in the same
 * id map, now pointing straight at its order-book slot (an overflow entry), until it finishes.
 * One map rather than a second one for the overflow matters when reservations pile up unpaid:
 * every new order would otherwise miss in both maps, and the second map would grow by rehashing.
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
     * Marks an id-map value as an overflow entry's order-book slot rather than a ring position.
     * Both stay below 2^28 (the configured limits of the window and of live orders).
     */
    private static final int OVERFLOW_FLAG = 1 << 30;

    /** Order id to its ring position, or to {@code OVERFLOW_FLAG | slot} for an overflow entry. */
    private final IdIndex entryByOrderId = new IdIndex(INITIAL_LENGTH);
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
     * {@link #positionIn} and {@link #overflowSlotIn} read it; {@link #NONE} when unknown.
     */
    int entryOf(long orderId) {
        return entryByOrderId.get(orderId);
    }

    /** The ring position an {@link #entryOf} names, or {@link #NONE} (unknown, or an overflow entry). */
    static int positionIn(int entry) {
        return entry >= OVERFLOW_FLAG ? NONE : entry;
    }

    /** The order-book slot of an overflow entry, or {@link #NONE} (unknown, or still in the window). */
    static int overflowSlotIn(int entry) {
        return entry >= OVERFLOW_FLAG ? entry - OVERFLOW_FLAG : NONE;
    }

    /** Remembers an order that is not live (a rejection). */
    void remember(long orderId, long contentHash, Status status, RejectReason reason, int lineIndex, long detail) {
        remember(orderId, contentHash, status, reason, lineIndex, detail, NONE);
    }

    /**
     * Remembers an order; {@code liveSlot} is its order-book slot while it is reserved, else NONE.
     * Returns the entry's position.
     */
    int remember(
        long orderId, long contentHash, Status status, RejectReason reason, int lineIndex, long detail, int liveSlot) {
        assert entryByOrderId.get(orderId) == NONE : "order " + orderId + " is already remembered";
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
        entryByOrderId.put(orderId, position);
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

    /** The order-book slot of a live order, wherever it is remembered; NONE when not live. */
    int liveSlotOf(long orderId) {
        final int entry = entryByOrderId.get(orderId);
        final int position = positionIn(entry);
        return position != NONE ? liveSlot(position) : overflowSlotIn(entry);
    }

    /** The entry's order reached a final state: record it and forget its slot. */
    void finish(int position, Status finalStatus) {
        currentStatus(position, finalStatus);
        final int index = position * STRIDE + OUTCOME;
        records[index] &= RECORDED_BITS;
    }

    /** Forgets a live order kept in the overflow; false when it was not there. */
    boolean removeOverflow(long orderId) {
        if (overflowCount == 0 || overflowSlotIn(entryByOrderId.get(orderId)) == NONE) {
            return false;
        }
        entryByOrderId.remove(orderId);
        overflowCount--;
        return true;
    }

    /** Live orders that outlived their entry. */
    int overflowCount() {
        return overflowCount;
    }

    /** After a snapshot load: tells a live order's entry (or the overflow) where the order lives. */
    void link(long orderId, int slot) {
        final int position = positionOf(orderId);
        if (position == NONE) {
            addOverflow(orderId, slot);
        } else {
            final int index = position * STRIDE + OUTCOME;
            records[index] = (records[index] & RECORDED_BITS) | ((long) (slot + 1) << 32);
        }
    }

    /**
     * Changes the capacity, keeping the newest entries. Rare (a configuration change), so it
     * simply rebuilds.
     */
    void resize(int newCapacity) {
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
        for (int i = 0; i < keep; i++) {
            entryByOrderId.remove(kept[i * STRIDE + ORDER_ID]); // overflow entries stay
        }
        records = new long[Math.max(Math.min(newCapacity, INITIAL_LENGTH), keep) * STRIDE];
        count = 0;
        oldest = 0;
        for (int i = 0; i < keep; i++) {
            append(kept, i * STRIDE);
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

    /** Drops the entry at a position from the map; a live order stays as an overflow entry. */
    private void evict(int position) {
        final long orderId = records[position * STRIDE + ORDER_ID];
        final int liveSlot = liveSlot(position);
        if (liveSlot == NONE) {
            entryByOrderId.remove(orderId);
        } else {
            entryByOrderId.put(orderId, OVERFLOW_FLAG | liveSlot); // replaces the position in place
            overflowCount++;
        }
    }

    private void addOverflow(long orderId, int slot) {
        entryByOrderId.put(orderId, OVERFLOW_FLAG | slot);
        overflowCount++;
    }

    private long outcome(int position) {
        return records[position * STRIDE + OUTCOME];
    }

    /** The position of the i-th oldest entry. */
    private int positionAt(int i) {
        return count < capacity ? i : (oldest + i) % capacity;
    }

    private void append(long[] source, int from) {
        if (count * STRIDE == records.length) {
            records = Arrays.copyOf(records, (int) Math.min(capacity, (long) count * 2) * STRIDE);
        }
        final int position = count++;
        System.arraycopy(source, from, records, position * STRIDE, STRIDE);
        entryByOrderId.put(source[from + ORDER_ID], position);
    }

    private static long pack(Status first, RejectReason reason, int lineIndex, Status current) {
        return first.code()
            | (long) (reason == null ? 0 : reason.code()) << 8
            | (long) (lineIndex + 1) << 16
            | (long) current.code() << 24;
    }
}
