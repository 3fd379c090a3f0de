package io.surge.engine.domain;

import io.surge.engine.collections.ScrambledLong2LongMap;

import java.util.Arrays;

/**
 * Live orders: those reserved and not yet paid, cancelled or expired. An order leaves the book
 * the moment it reaches a final state, so memory follows the number of open reservations.
 * <p>
 * Each order occupies a slot in parallel primitive arrays; its lines live in a pool of two-line
 * chunks. Orders are also threaded on doubly-linked expiry lists whose expiry times never
 * decrease from head to tail, so finding what is due is O(1) and removing a paid order is O(1).
 * With a fixed reservation timeout there is one list; a changed timeout opens another (at most
 * {@link #MAX_EXPIRY_LISTS}), so a shorter timeout never waits behind older, longer ones.
 * <p>
 * Owned by the business-logic thread.
 */
final class OrderBook {
    static final int NONE = -1;
    static final int MAX_EXPIRY_LISTS = 8;
    private static final int LINES_PER_CHUNK = 2;
    private static final int INITIAL_CAPACITY = 1024;

    private final ScrambledLong2LongMap slotByOrderId = new ScrambledLong2LongMap(INITIAL_CAPACITY, NONE);

    private long[] orderIds = new long[INITIAL_CAPACITY];
    private long[] customerIds = new long[INITIAL_CAPACITY];
    private long[] contentHashes = new long[INITIAL_CAPACITY];
    private long[] expiresAtMs = new long[INITIAL_CAPACITY];
    private long[] totalCents = new long[INITIAL_CAPACITY];
    private int[] lineCounts = new int[INITIAL_CAPACITY];
    private int[] firstChunks = new int[INITIAL_CAPACITY];
    private int[] previous = new int[INITIAL_CAPACITY];
    private int[] next = new int[INITIAL_CAPACITY]; // also links free slots
    private int[] expiryList = new int[INITIAL_CAPACITY];
    private int slotsUsed;
    private int freeSlot = NONE;

    private int[] chunkSkuIndexes = new int[INITIAL_CAPACITY * LINES_PER_CHUNK];
    private int[] chunkQuantities = new int[INITIAL_CAPACITY * LINES_PER_CHUNK];
    private long[] chunkPrices = new long[INITIAL_CAPACITY * LINES_PER_CHUNK];
    private int[] chunkSaleSlots = new int[INITIAL_CAPACITY * LINES_PER_CHUNK];
    private int[] chunkNext = new int[INITIAL_CAPACITY]; // also links free chunks
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

    /** The slot of a live order, or {@link #NONE}. */
    int slotOf(long orderId) {
        return (int) slotByOrderId.get(orderId);
    }

    long orderId(int slot) {
        return orderIds[slot];
    }

    long customerId(int slot) {
        return customerIds[slot];
    }

    long contentHash(int slot) {
        return contentHashes[slot];
    }

    long expiresAtMs(int slot) {
        return expiresAtMs[slot];
    }

    long totalCents(int slot) {
        return totalCents[slot];
    }

    /**
     * Copies an order's lines into the given arrays (each at least {@link OrderLines#MAX_LINES}
     * long) and returns the number of lines.
     */
    int copyLines(int slot, int[] skuIndexes, int[] quantities, long[] prices, int[] saleSlots) {
        final int lineCount = lineCounts[slot];
        int chunk = firstChunks[slot];
        for (int line = 0; line < lineCount; line += LINES_PER_CHUNK) {
            final int base = chunk * LINES_PER_CHUNK;
            final int inChunk = Math.min(LINES_PER_CHUNK, lineCount - line);
            for (int i = 0; i < inChunk; i++) {
                skuIndexes[line + i] = chunkSkuIndexes[base + i];
                quantities[line + i] = chunkQuantities[base + i];
                prices[line + i] = chunkPrices[base + i];
                saleSlots[line + i] = chunkSaleSlots[base + i];
            }
            chunk = chunkNext[chunk];
        }
        return lineCount;
    }

    /** Adds a reserved order; the caller has checked it is not live and that capacity allows. */
    int add(
        long orderId, long customerId, long contentHash, long expiresAt, long total, int lineCount,
        int[] skuIndexes, int[] quantities, long[] prices, int[] saleSlots) {
        return addToList(orderId, customerId, contentHash, expiresAt, total, lineCount,
            skuIndexes, quantities, prices, saleSlots, chooseExpiryList(expiresAt));
    }

    private int addToList(
        long orderId, long customerId, long contentHash, long expiresAt, long total, int lineCount,
        int[] skuIndexes, int[] quantities, long[] prices, int[] saleSlots, int list) {
        final int slot = allocateSlot();
        orderIds[slot] = orderId;
        customerIds[slot] = customerId;
        contentHashes[slot] = contentHash;
        expiresAtMs[slot] = expiresAt;
        totalCents[slot] = total;
        lineCounts[slot] = lineCount;
        int lastChunk = NONE;
        for (int line = 0; line < lineCount; line += LINES_PER_CHUNK) {
            final int chunk = allocateChunk();
            final int base = chunk * LINES_PER_CHUNK;
            final int inChunk = Math.min(LINES_PER_CHUNK, lineCount - line);
            for (int i = 0; i < inChunk; i++) {
                chunkSkuIndexes[base + i] = skuIndexes[line + i];
                chunkQuantities[base + i] = quantities[line + i];
                chunkPrices[base + i] = prices[line + i];
                chunkSaleSlots[base + i] = saleSlots[line + i];
            }
            chunkNext[chunk] = NONE;
            if (lastChunk == NONE) {
                firstChunks[slot] = chunk;
            } else {
                chunkNext[lastChunk] = chunk;
            }
            lastChunk = chunk;
        }
        linkForExpiry(slot, list);
        slotByOrderId.put(orderId, slot);
        liveCount++;
        return slot;
    }

    /** Takes an order out of the book (paid, cancelled or expired) and frees its memory. */
    void remove(int slot) {
        unlink(slot);
        int chunk = firstChunks[slot];
        for (int line = 0; line < lineCounts[slot]; line += LINES_PER_CHUNK) {
            final int following = chunkNext[chunk];
            chunkNext[chunk] = freeChunk;
            freeChunk = chunk;
            chunk = following;
        }
        slotByOrderId.remove(orderIds[slot]);
        next[slot] = freeSlot;
        freeSlot = slot;
        liveCount--;
    }

    /** The live order that expires first, if its expiry is at or before {@code nowMs}; else {@link #NONE}. */
    int firstDue(long nowMs) {
        int due = NONE;
        for (int list = 0; list < MAX_EXPIRY_LISTS; list++) {
            final int head = listHeads[list];
            if (head != NONE && expiresAtMs[head] <= nowMs
                && (due == NONE || expiresAtMs[head] < expiresAtMs[due])) {
                due = head;
            }
        }
        return due;
    }

    /** Visits live orders in a canonical order (expiry lists in turn, head to tail). */
    void forEachInExpiryOrder(SlotVisitor visitor) {
        for (int list = 0; list < MAX_EXPIRY_LISTS; list++) {
            for (int slot = listHeads[list]; slot != NONE; slot = next[slot]) {
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
            hasher.add(list).add(orderIds[slot]).add(customerIds[slot]).add(contentHashes[slot])
                .add(expiresAtMs[slot]).add(totalCents[slot]);
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
            out.putLong(orderIds[slot]);
            out.putLong(customerIds[slot]);
            out.putLong(contentHashes[slot]);
            out.putLong(expiresAtMs[slot]);
            out.putLong(totalCents[slot]);
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

    void readFrom(StateInput in, int skuCount) {
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
            if (slotOf(orderId) != NONE) {
                throw new IllegalStateException("snapshot: order " + orderId + " appears twice");
            }
            // Appending in the written order rebuilds each expiry list exactly.
            addToList(orderId, customerId, contentHash, expiresAt, total, lines,
                skuIndexes, quantities, prices, saleSlots, list);
        }
    }

    // ---- expiry lists ----

    private int chooseExpiryList(long expiresAt) {
        for (int list = 0; list < MAX_EXPIRY_LISTS; list++) {
            final int tail = listTails[list];
            if (tail == NONE || expiresAtMs[tail] <= expiresAt) {
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
        expiryList[slot] = list;
        previous[slot] = listTails[list];
        next[slot] = NONE;
        if (listTails[list] == NONE) {
            listHeads[list] = slot;
        } else {
            next[listTails[list]] = slot;
        }
        listTails[list] = slot;
    }

    /** Walks back from the tail; only reached after the timeout shrank more than eight times. */
    private void insertSorted(int slot, int list) {
        int after = listTails[list];
        while (after != NONE && expiresAtMs[after] > expiresAtMs[slot]) {
            after = previous[after];
        }
        expiryList[slot] = list;
        previous[slot] = after;
        next[slot] = after == NONE ? listHeads[list] : next[after];
        if (after == NONE) {
            listHeads[list] = slot;
        } else {
            next[after] = slot;
        }
        if (next[slot] == NONE) {
            listTails[list] = slot;
        } else {
            previous[next[slot]] = slot;
        }
    }

    private void unlink(int slot) {
        final int list = expiryList[slot];
        final int before = previous[slot];
        final int after = next[slot];
        if (before == NONE) {
            listHeads[list] = after;
        } else {
            next[before] = after;
        }
        if (after == NONE) {
            listTails[list] = before;
        } else {
            previous[after] = before;
        }
    }

    // ---- slot and chunk pools ----

    private int allocateSlot() {
        if (freeSlot != NONE) {
            final int slot = freeSlot;
            freeSlot = next[slot];
            return slot;
        }
        if (slotsUsed == orderIds.length) {
            growSlots(slotsUsed * 2);
        }
        return slotsUsed++;
    }

    private int allocateChunk() {
        if (freeChunk != NONE) {
            final int chunk = freeChunk;
            freeChunk = chunkNext[chunk];
            return chunk;
        }
        if (chunksUsed == chunkNext.length) {
            growChunks(chunksUsed * 2);
        }
        return chunksUsed++;
    }

    private void growSlots(int capacity) {
        orderIds = Arrays.copyOf(orderIds, capacity);
        customerIds = Arrays.copyOf(customerIds, capacity);
        contentHashes = Arrays.copyOf(contentHashes, capacity);
        expiresAtMs = Arrays.copyOf(expiresAtMs, capacity);
        totalCents = Arrays.copyOf(totalCents, capacity);
        lineCounts = Arrays.copyOf(lineCounts, capacity);
        firstChunks = Arrays.copyOf(firstChunks, capacity);
        previous = Arrays.copyOf(previous, capacity);
        next = Arrays.copyOf(next, capacity);
        expiryList = Arrays.copyOf(expiryList, capacity);
    }

    private void growChunks(int capacity) {
        chunkSkuIndexes = Arrays.copyOf(chunkSkuIndexes, capacity * LINES_PER_CHUNK);
        chunkQuantities = Arrays.copyOf(chunkQuantities, capacity * LINES_PER_CHUNK);
        chunkPrices = Arrays.copyOf(chunkPrices, capacity * LINES_PER_CHUNK);
        chunkSaleSlots = Arrays.copyOf(chunkSaleSlots, capacity * LINES_PER_CHUNK);
        chunkNext = Arrays.copyOf(chunkNext, capacity);
    }
}
