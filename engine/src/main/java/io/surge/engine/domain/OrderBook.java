package io.surge.engine.domain;

import io.surge.engine.collections.PagePrefetcher;
import io.surge.engine.collections.PagedRecords;

import java.util.Arrays;

/**
 * Live orders: those reserved and not yet paid, cancelled or expired. An order leaves the book
 * the moment it reaches a final state, so memory follows the number of open reservations.
 * Orders are found by slot: while an order is live, its id in the {@link DedupWindow} maps to its slot.
 * <p>
 * Each order is a 128-byte record (array of structs: paying an order touches two cache lines, not
 * one per field), with its first two lines inline; longer orders continue in 64-byte chunks of
 * two lines. Both are {@link PagedRecords}, off the heap, so a book of millions of open
 * reservations grows a page at a time instead of copying itself, and the garbage collector never
 * copies it either. Orders are also threaded on
 * doubly-linked expiry lists whose expiry times never decrease from head to tail, so finding what
 * is due is O(1) and removing a paid order is O(1). With a fixed reservation timeout there is one
 * list; a changed timeout opens another (at most {@link #MAX_EXPIRY_LISTS}), so a shorter timeout
 * never waits behind older, longer ones.
 * <p>
 * Owned by the business-logic thread.
 */
final class OrderBook {
    static final int NONE = -1;
    static final int MAX_EXPIRY_LISTS = 8;
    private static final int INITIAL_CAPACITY = 1024;

    private static final int STRIDE = 16;
    private static final int ORDER_ID = 0;
    private static final int CUSTOMER_ID = 1;
    private static final int CONTENT_HASH = 2;
    private static final int EXPIRES_AT = 3;
    private static final int TOTAL = 4;
    /** Line count (high int), first overflow chunk (low int). */
    private static final int LINES = 5;
    /** Previous (high int) and next (low int) in the expiry list; next also links free records. */
    private static final int LINKS = 6;
    private static final int LIST = 7;
    private static final int INLINE_LINES = 8;
    private static final int LINES_INLINE = 2;
    /**
     * Where the order's {@link DedupWindow} record is (set when it is reserved, kept up to date
     * when the window is resized or loaded): how finishing the order finds its record. Derived,
     * not state: never hashed or written to a snapshot.
     */
    private static final int DEDUP_POSITION = 14;
    /** A line is (unit price, SKU index << 32 | quantity, limited sale slot). */
    private static final int LINE_LONGS = 3;

    private static final int CHUNK_STRIDE = 8;
    private static final int LINES_PER_CHUNK = 2;
    /** Lines per order that {@link #makeRoomFor} makes room for: the inline ones and one chunk's. */
    static final int LINES_WITH_ROOM_MADE = LINES_INLINE + LINES_PER_CHUNK;
    private static final int CHUNK_NEXT = 6;

    private final PagedRecords records = new PagedRecords(STRIDE, INITIAL_CAPACITY);
    private int slotsUsed;
    private int freeSlot = NONE;
    private final PagedRecords chunks = new PagedRecords(CHUNK_STRIDE, 64);
    private int chunksUsed;
    private int freeChunk = NONE;

    private final int[] listHeads = new int[MAX_EXPIRY_LISTS];
    private final int[] listTails = new int[MAX_EXPIRY_LISTS];
    private int liveCount;

    OrderBook() {
        Arrays.fill(listHeads, NONE);
        Arrays.fill(listTails, NONE);
    }

    int liveCount() {
        return liveCount;
    }

    /**
     * Allocates (and so touches) the records for {@code orders} open orders of up to
     * {@link #LINES_WITH_ROOM_MADE} lines now, so that reserving them later never waits for the
     * OS to supply fresh pages.
     */
    void makeRoomFor(int orders) {
        records.ensureCapacity(orders);
        chunks.ensureCapacity(orders);
    }

    /** New pages of order records come from {@code prefetcher} when it has them ready (null: none). */
    void prefetchPagesFrom(PagePrefetcher prefetcher) {
        records.prefetchPagesFrom(prefetcher);
        chunks.prefetchPagesFrom(prefetcher);
    }

    /** Bytes the order records take off the heap. */
    long offHeapBytes() {
        return records.offHeapBytes() + chunks.offHeapBytes();
    }

    /** At most this many lines belong to live orders: two inline per live order, two per chunk ever used. */
    long linesBound() {
        return (long) LINES_INLINE * liveCount + (long) LINES_PER_CHUNK * chunksUsed;
    }

    long orderId(int slot) {
        return records.get(slot, ORDER_ID);
    }

    long customerId(int slot) {
        return records.get(slot, CUSTOMER_ID);
    }

    long contentHash(int slot) {
        return records.get(slot, CONTENT_HASH);
    }

    long expiresAtMs(int slot) {
        return records.get(slot, EXPIRES_AT);
    }

    long totalCents(int slot) {
        return records.get(slot, TOTAL);
    }

    /** The position {@link #dedupPosition(int, int)} set, or NONE; the ring may have reused it since. */
    int dedupPosition(int slot) {
        return (int) records.get(slot, DEDUP_POSITION);
    }

    void dedupPosition(int slot, int position) {
        records.set(slot, DEDUP_POSITION, position);
    }

    /**
     * Copies an order's lines into the given arrays (each at least {@link OrderLines#MAX_LINES}
     * long) and returns the number of lines.
     */
    int copyLines(int slot, int[] skuIndexes, int[] quantities, long[] prices, int[] saleSlots) {
        final long record = records.address(slot);
        final int lineCount = high(records.read(record, LINES));
        final int inline = Math.min(lineCount, LINES_INLINE);
        for (int line = 0; line < inline; line++) {
            readLine(records, record, INLINE_LINES + line * LINE_LONGS, line, skuIndexes, quantities, prices, saleSlots);
        }
        int chunk = low(records.read(record, LINES));
        for (int line = LINES_INLINE; line < lineCount; line += LINES_PER_CHUNK) {
            final long chunkAt = chunks.address(chunk);
            final int inChunk = Math.min(LINES_PER_CHUNK, lineCount - line);
            for (int i = 0; i < inChunk; i++) {
                readLine(chunks, chunkAt, i * LINE_LONGS, line + i, skuIndexes, quantities, prices, saleSlots);
            }
            chunk = (int) chunks.read(chunkAt, CHUNK_NEXT);
        }
        return lineCount;
    }

    /** Adds a reserved order and returns its slot; the caller has checked capacity and that it is new. */
    int add(
        long orderId, long customerId, long contentHash, long expiresAt, long total, int lineCount,
        int[] skuIndexes, int[] quantities, long[] prices, int[] saleSlots) {
        return addToList(orderId, customerId, contentHash, expiresAt, total, lineCount,
            skuIndexes, quantities, prices, saleSlots, chooseExpiryList(expiresAt));
    }

    /** Takes an order out of the book (paid, cancelled or expired) and frees its memory. */
    void remove(int slot) {
        unlink(slot);
        final long lines = records.get(slot, LINES);
        final int lineCount = high(lines);
        int chunk = low(lines);
        for (int line = LINES_INLINE; line < lineCount; line += LINES_PER_CHUNK) {
            final int following = (int) chunks.get(chunk, CHUNK_NEXT);
            chunks.set(chunk, CHUNK_NEXT, freeChunk);
            freeChunk = chunk;
            chunk = following;
        }
        records.set(slot, LINKS, pair(NONE, freeSlot));
        freeSlot = slot;
        liveCount--;
    }

    /** The live order that expires first, if its expiry is at or before {@code nowMs}; else {@link #NONE}. */
    int firstDue(long nowMs) {
        int due = NONE;
        for (int list = 0; list < MAX_EXPIRY_LISTS; list++) {
            final int head = listHeads[list];
            if (head != NONE && expiresAtMs(head) <= nowMs && (due == NONE || expiresAtMs(head) < expiresAtMs(due))) {
                due = head;
            }
        }
        return due;
    }

    /** Visits live orders in a canonical order (expiry lists in turn, head to tail). */
    void forEachInExpiryOrder(SlotVisitor visitor) {
        for (int list = 0; list < MAX_EXPIRY_LISTS; list++) {
            for (int slot = listHeads[list]; slot != NONE; slot = next(slot)) {
                visitor.visit(list, slot);
            }
        }
    }

    /** Receives one live order's expiry list and slot. */
    @FunctionalInterface
    interface SlotVisitor {
        void visit(int list, int slot);
    }

    void hashInto(StateHasher hasher) {
        hasher.add(liveCount);
        final int[] skuIndexes = new int[OrderLines.MAX_LINES];
        final int[] quantities = new int[OrderLines.MAX_LINES];
        final long[] prices = new long[OrderLines.MAX_LINES];
        final int[] saleSlots = new int[OrderLines.MAX_LINES];
        forEachInExpiryOrder((list, slot) -> {
            hasher.add(list).add(orderId(slot)).add(customerId(slot)).add(contentHash(slot))
                .add(expiresAtMs(slot)).add(totalCents(slot));
            final int lines = copyLines(slot, skuIndexes, quantities, prices, saleSlots);
            hasher.add(lines);
            for (int i = 0; i < lines; i++) {
                hasher.add(skuIndexes[i]).add(quantities[i]).add(prices[i]).add(saleSlots[i]);
            }
        });
    }

    void writeTo(StateOutput out) {
        out.putInt(liveCount);
        final int[] skuIndexes = new int[OrderLines.MAX_LINES];
        final int[] quantities = new int[OrderLines.MAX_LINES];
        final long[] prices = new long[OrderLines.MAX_LINES];
        final int[] saleSlots = new int[OrderLines.MAX_LINES];
        forEachInExpiryOrder((list, slot) -> {
            out.putInt(list);
            out.putLong(orderId(slot));
            out.putLong(customerId(slot));
            out.putLong(contentHash(slot));
            out.putLong(expiresAtMs(slot));
            out.putLong(totalCents(slot));
            final int lines = copyLines(slot, skuIndexes, quantities, prices, saleSlots);
            out.putInt(lines);
            for (int i = 0; i < lines; i++) {
                out.putInt(skuIndexes[i]);
                out.putInt(quantities[i]);
                out.putLong(prices[i]);
                out.putInt(saleSlots[i]);
            }
        });
    }

    /** Reads the orders {@link #writeTo} wrote; {@code loaded} hears each order's id and new slot. */
    void readFrom(StateInput in, int skuCount, LoadedOrder loaded) {
        final int orders = in.getCount(in.maxItems(2 * Integer.BYTES + 5 * Long.BYTES), "live order");
        final int[] skuIndexes = new int[OrderLines.MAX_LINES];
        final int[] quantities = new int[OrderLines.MAX_LINES];
        final long[] prices = new long[OrderLines.MAX_LINES];
        final int[] saleSlots = new int[OrderLines.MAX_LINES];
        for (int i = 0; i < orders; i++) {
            final int list = in.getInt();
            if (list < 0 || list >= MAX_EXPIRY_LISTS) {
                throw new IllegalStateException("snapshot: expiry list " + list + " out of range");
            }
            final long orderId = in.getLong();
            final long customerId = in.getLong();
            final long contentHash = in.getLong();
            final long expiresAt = in.getLong();
            final long total = in.getLong();
            final int lines = in.getCount(OrderLines.MAX_LINES, "order line");
            for (int line = 0; line < lines; line++) {
                skuIndexes[line] = in.getInt();
                if (skuIndexes[line] < 0 || skuIndexes[line] >= skuCount) {
                    throw new IllegalStateException("snapshot: order " + orderId + " names SKU index " + skuIndexes[line]);
                }
                quantities[line] = in.getInt();
                prices[line] = in.getLong();
                saleSlots[line] = in.getInt();
            }
            // Appending in the written order rebuilds each expiry list exactly.
            final int slot = addToList(orderId, customerId, contentHash, expiresAt, total, lines,
                skuIndexes, quantities, prices, saleSlots, list);
            loaded.loaded(orderId, slot);
        }
    }

    /** Hears where a loaded order now lives. */
    @FunctionalInterface
    interface LoadedOrder {
        void loaded(long orderId, int slot);
    }

    // ---- records ----

    private int addToList(
        long orderId, long customerId, long contentHash, long expiresAt, long total, int lineCount,
        int[] skuIndexes, int[] quantities, long[] prices, int[] saleSlots, int list) {
        final int slot = allocateSlot();
        final long record = records.address(slot);
        records.write(record, ORDER_ID, orderId);
        records.write(record, CUSTOMER_ID, customerId);
        records.write(record, CONTENT_HASH, contentHash);
        records.write(record, EXPIRES_AT, expiresAt);
        records.write(record, TOTAL, total);
        records.write(record, DEDUP_POSITION, NONE);
        final int inline = Math.min(lineCount, LINES_INLINE);
        for (int line = 0; line < inline; line++) {
            writeLine(records, record, INLINE_LINES + line * LINE_LONGS, line, skuIndexes, quantities, prices, saleSlots);
        }
        int firstChunk = NONE;
        int lastChunk = NONE;
        for (int line = LINES_INLINE; line < lineCount; line += LINES_PER_CHUNK) {
            final int chunk = allocateChunk();
            final long chunkAt = chunks.address(chunk);
            final int inChunk = Math.min(LINES_PER_CHUNK, lineCount - line);
            for (int i = 0; i < inChunk; i++) {
                writeLine(chunks, chunkAt, i * LINE_LONGS, line + i, skuIndexes, quantities, prices, saleSlots);
            }
            chunks.write(chunkAt, CHUNK_NEXT, NONE);
            if (lastChunk == NONE) {
                firstChunk = chunk;
            } else {
                chunks.set(lastChunk, CHUNK_NEXT, chunk);
            }
            lastChunk = chunk;
        }
        records.write(record, LINES, pair(lineCount, firstChunk));
        linkForExpiry(slot, list);
        liveCount++;
        return slot;
    }

    private static void writeLine(
        PagedRecords target, long record, int field, int line, int[] skuIndexes, int[] quantities, long[] prices,
        int[] saleSlots) {
        target.write(record, field, prices[line]);
        target.write(record, field + 1, pair(skuIndexes[line], quantities[line]));
        target.write(record, field + 2, saleSlots[line]);
    }

    private static void readLine(
        PagedRecords source, long record, int field, int line, int[] skuIndexes, int[] quantities, long[] prices,
        int[] saleSlots) {
        prices[line] = source.read(record, field);
        final long skuAndQuantity = source.read(record, field + 1);
        skuIndexes[line] = high(skuAndQuantity);
        quantities[line] = low(skuAndQuantity);
        saleSlots[line] = (int) source.read(record, field + 2);
    }

    // ---- expiry lists ----

    private int chooseExpiryList(long expiresAt) {
        for (int list = 0; list < MAX_EXPIRY_LISTS; list++) {
            final int tail = listTails[list];
            if (tail == NONE || expiresAtMs(tail) <= expiresAt) {
                return list;
            }
        }
        return NONE; // every list ends later: the rare sorted insert below
    }

    private void linkForExpiry(int slot, int list) {
        if (list == NONE) {
            insertSorted(slot, 0);
            return;
        }
        records.set(slot, LIST, list);
        final int tail = listTails[list];
        setLinks(slot, tail, NONE);
        if (tail == NONE) {
            listHeads[list] = slot;
        } else {
            setNext(tail, slot);
        }
        listTails[list] = slot;
    }

    /** Walks back from the tail; only reached after the timeout shrank more than eight times. */
    private void insertSorted(int slot, int list) {
        int after = listTails[list];
        while (after != NONE && expiresAtMs(after) > expiresAtMs(slot)) {
            after = previous(after);
        }
        records.set(slot, LIST, list);
        final int before = after == NONE ? listHeads[list] : next(after);
        setLinks(slot, after, before);
        if (after == NONE) {
            listHeads[list] = slot;
        } else {
            setNext(after, slot);
        }
        if (before == NONE) {
            listTails[list] = slot;
        } else {
            setPrevious(before, slot);
        }
    }

    private void unlink(int slot) {
        final int list = (int) records.get(slot, LIST);
        final int before = previous(slot);
        final int after = next(slot);
        if (before == NONE) {
            listHeads[list] = after;
        } else {
            setNext(before, after);
        }
        if (after == NONE) {
            listTails[list] = before;
        } else {
            setPrevious(after, before);
        }
    }

    private int previous(int slot) {
        return high(records.get(slot, LINKS));
    }

    private int next(int slot) {
        return low(records.get(slot, LINKS));
    }

    private void setLinks(int slot, int previous, int next) {
        records.set(slot, LINKS, pair(previous, next));
    }

    private void setNext(int slot, int next) {
        setLinks(slot, previous(slot), next);
    }

    private void setPrevious(int slot, int previous) {
        setLinks(slot, previous, next(slot));
    }

    // ---- slot and chunk pools ----

    private int allocateSlot() {
        if (freeSlot != NONE) {
            final int slot = freeSlot;
            freeSlot = next(slot);
            return slot;
        }
        records.ensureCapacity(slotsUsed + 1);
        return slotsUsed++;
    }

    private int allocateChunk() {
        if (freeChunk != NONE) {
            final int chunk = freeChunk;
            freeChunk = (int) chunks.get(chunk, CHUNK_NEXT);
            return chunk;
        }
        chunks.ensureCapacity(chunksUsed + 1);
        return chunksUsed++;
    }

    private static long pair(int high, int low) {
        return ((long) high << 32) | (low & 0xFFFF_FFFFL);
    }

    private static int high(long pair) {
        return (int) (pair >> 32);
    }

    private static int low(long pair) {
        return (int) pair;
    }
}
