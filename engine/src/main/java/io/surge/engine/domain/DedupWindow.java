package io.surge.engine.domain;

import io.surge.engine.collections.ScrambledLong2LongMap;

import java.util.Arrays;

/**
 * Remembers the most recent {@code capacity} order ids with a fingerprint of their content, the
 * first outcome they got and the state they are in now. This is what makes placing an order
 * idempotent after it has left the live order book (paid, cancelled, expired or rejected), and
 * what lets payment and cancel tell "already paid" from "never seen".
 * <p>
 * A ring of primitive arrays (oldest entry overwritten first) plus an id-to-position map. The
 * arrays grow on demand up to the capacity, so a small engine stays small. Owned by the
 * business-logic thread.
 */
final class DedupWindow {
    static final int NONE = -1;
    private static final int INITIAL_LENGTH = 1024;

    private final ScrambledLong2LongMap positionByOrderId = new ScrambledLong2LongMap(INITIAL_LENGTH, NONE);
    private long[] orderIds;
    private long[] contentHashes;
    private long[] outcomes; // packed: first status, reason, line + 1, current status
    private long[] details;  // expiry time of a reservation, or the offending SKU of a rejection
    private int capacity;
    private int count;
    private int oldest; // once full, the position overwritten next

    DedupWindow(int capacity) {
        this.capacity = capacity;
        allocate(Math.min(capacity, INITIAL_LENGTH));
    }

    int capacity() {
        return capacity;
    }

    int count() {
        return count;
    }

    /** The position of a remembered order id, or {@link #NONE}. */
    int positionOf(long orderId) {
        return (int) positionByOrderId.get(orderId);
    }

    void remember(long orderId, long contentHash, Status status, RejectReason reason, int lineIndex, long detail) {
        assert positionOf(orderId) == NONE : "order " + orderId + " is already remembered";
        final int position;
        if (count < capacity) {
            if (count == orderIds.length) {
                grow((int) Math.min(capacity, (long) count * 2));
            }
            position = count++;
        } else {
            position = oldest;
            oldest = (oldest + 1) % capacity;
            positionByOrderId.remove(orderIds[position]);
        }
        orderIds[position] = orderId;
        contentHashes[position] = contentHash;
        outcomes[position] = pack(status, reason, lineIndex, status);
        details[position] = detail;
        positionByOrderId.put(orderId, position);
    }

    long contentHash(int position) {
        return contentHashes[position];
    }

    Status firstStatus(int position) {
        return Status.fromCode((int) (outcomes[position] & 0xFF));
    }

    RejectReason reason(int position) {
        return RejectReason.fromCode((int) ((outcomes[position] >>> 8) & 0xFF));
    }

    int lineIndex(int position) {
        return (int) ((outcomes[position] >>> 16) & 0xFF) - 1;
    }

    Status currentStatus(int position) {
        return Status.fromCode((int) ((outcomes[position] >>> 24) & 0xFF));
    }

    long detail(int position) {
        return details[position];
    }

    void currentStatus(int position, Status status) {
        outcomes[position] = (outcomes[position] & ~(0xFFL << 24)) | ((long) status.code() << 24);
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
        final long[] ids = new long[keep];
        final long[] hashes = new long[keep];
        final long[] packed = new long[keep];
        final long[] extra = new long[keep];
        for (int i = 0; i < keep; i++) {
            final int position = positionAt(count - keep + i);
            ids[i] = orderIds[position];
            hashes[i] = contentHashes[position];
            packed[i] = outcomes[position];
            extra[i] = details[position];
        }
        capacity = newCapacity;
        positionByOrderId.clear();
        allocate(Math.max(Math.min(newCapacity, INITIAL_LENGTH), keep));
        count = 0;
        oldest = 0;
        for (int i = 0; i < keep; i++) {
            append(ids[i], hashes[i], packed[i], extra[i]);
        }
    }

    void hashInto(StateHasher hasher) {
        hasher.add(capacity).add(count);
        for (int i = 0; i < count; i++) {
            final int position = positionAt(i);
            hasher.add(orderIds[position]).add(contentHashes[position]).add(outcomes[position]).add(details[position]);
        }
    }

    void writeTo(StateOutput out) {
        out.putInt(count);
        for (int i = 0; i < count; i++) {
            final int position = positionAt(i);
            out.putLong(orderIds[position]);
            out.putLong(contentHashes[position]);
            out.putLong(outcomes[position]);
            out.putLong(details[position]);
        }
    }

    void readFrom(StateInput in) {
        final int entries = in.getCount(capacity, "dedup entry");
        for (int i = 0; i < entries; i++) {
            append(in.getLong(), in.getLong(), in.getLong(), in.getLong());
        }
    }

    /** The position of the i-th oldest entry. */
    private int positionAt(int i) {
        return count < capacity ? i : (oldest + i) % capacity;
    }

    private void append(long orderId, long contentHash, long packed, long detail) {
        if (count == orderIds.length) {
            grow((int) Math.min(capacity, (long) count * 2));
        }
        final int position = count++;
        orderIds[position] = orderId;
        contentHashes[position] = contentHash;
        outcomes[position] = packed;
        details[position] = detail;
        positionByOrderId.put(orderId, position);
    }

    private static long pack(Status first, RejectReason reason, int lineIndex, Status current) {
        return first.code()
            | (long) (reason == null ? 0 : reason.code()) << 8
            | (long) (lineIndex + 1) << 16
            | (long) current.code() << 24;
    }

    private void allocate(int length) {
        orderIds = new long[length];
        contentHashes = new long[length];
        outcomes = new long[length];
        details = new long[length];
    }

    private void grow(int length) {
        orderIds = Arrays.copyOf(orderIds, length);
        contentHashes = Arrays.copyOf(contentHashes, length);
        outcomes = Arrays.copyOf(outcomes, length);
        details = Arrays.copyOf(details, length);
    }
}
