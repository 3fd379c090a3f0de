package io.surge.engine.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderBookTest {
    private final OrderBook book = new OrderBook();
    private final int[] skuIndexes = new int[OrderLines.MAX_LINES];
    private final int[] quantities = new int[OrderLines.MAX_LINES];
    private final long[] prices = new long[OrderLines.MAX_LINES];
    private final int[] saleSlots = new int[OrderLines.MAX_LINES];
    private final java.util.Map<Long, Integer> slots = new java.util.HashMap<>();

    /** Adds an order whose lines are derived from its id, so they can be checked later. */
    private int add(long orderId, long expiresAtMs) {
        final int lines = (int) (orderId % OrderLines.MAX_LINES) + 1;
        for (int line = 0; line < lines; line++) {
            skuIndexes[line] = (int) orderId + line;
            quantities[line] = line + 1;
            prices[line] = orderId * 100 + line;
            saleSlots[line] = line % 2 == 0 ? Inventory.NO_SALE : line;
        }
        final int slot = book.add(orderId, orderId + 1_000, orderId * 7, expiresAtMs, orderId * 10, lines,
            skuIndexes, quantities, prices, saleSlots);
        slots.put(orderId, slot);
        return slot;
    }

    /** The book finds orders by slot (the dedup window holds it); the test keeps its own index. */
    private int slotOf(long orderId) {
        return slots.getOrDefault(orderId, OrderBook.NONE);
    }

    private void removeOrder(long orderId) {
        book.remove(slots.remove(orderId));
    }

    private void assertLinesOf(long orderId) {
        final int slot = slotOf(orderId);
        assertNotEquals(OrderBook.NONE, slot, "order " + orderId + " should be live");
        final int[] skus = new int[OrderLines.MAX_LINES];
        final int[] qty = new int[OrderLines.MAX_LINES];
        final long[] price = new long[OrderLines.MAX_LINES];
        final int[] sales = new int[OrderLines.MAX_LINES];
        final int lines = book.copyLines(slot, skus, qty, price, sales);
        assertEquals((int) (orderId % OrderLines.MAX_LINES) + 1, lines, "line count of order " + orderId);
        for (int line = 0; line < lines; line++) {
            assertEquals((int) orderId + line, skus[line]);
            assertEquals(line + 1, qty[line]);
            assertEquals(orderId * 100 + line, price[line]);
            assertEquals(line % 2 == 0 ? Inventory.NO_SALE : line, sales[line]);
        }
        assertEquals(orderId + 1_000, book.customerId(slot));
        assertEquals(orderId * 7, book.contentHash(slot));
        assertEquals(orderId * 10, book.totalCents(slot));
    }

    /** Removes due orders one at a time and returns their ids in the order the book gave them. */
    private List<Long> drainDue(long nowMs) {
        final List<Long> drained = new ArrayList<>();
        for (int slot = book.firstDue(nowMs); slot != OrderBook.NONE; slot = book.firstDue(nowMs)) {
            drained.add(book.orderId(slot));
            slots.remove(book.orderId(slot));
            book.remove(slot);
        }
        return drained;
    }

    @Test
    void firstDueIsTheEarliestExpiryAtOrBeforeNow() {
        add(1, 100);
        add(2, 200);
        add(3, 300);

        assertEquals(OrderBook.NONE, book.firstDue(99));
        assertEquals(1, book.orderId(book.firstDue(100)));
        assertEquals(List.of(1L, 2L), drainDue(250));
        assertEquals(1, book.liveCount());
        assertEquals(List.of(3L), drainDue(1_000));
        assertEquals(OrderBook.NONE, book.firstDue(Long.MAX_VALUE));
    }

    @Test
    void removingAnOrderFromTheMiddleKeepsTheExpiryOrder() {
        add(1, 100);
        add(2, 200);
        add(3, 300);
        add(4, 400);

        removeOrder(2);
        removeOrder(4);

        assertEquals(OrderBook.NONE, slotOf(2));
        assertEquals(List.of(1L, 3L), drainDue(1_000));
    }

    @Test
    void shorterExpiryOpensASecondListInsteadOfWaitingBehindLongerOnes() {
        add(1, 60_000);
        add(2, 60_010);
        add(3, 10_020); // the timeout shrank
        add(4, 10_030);

        final Map<Long, Integer> listOf = new HashMap<>();
        book.forEachInExpiryOrder((list, slot) -> listOf.put(book.orderId(slot), list));
        assertEquals(Map.of(1L, 0, 2L, 0, 3L, 1, 4L, 1), listOf);
        assertEquals(3, book.orderId(book.firstDue(10_020)));
        assertEquals(List.of(3L, 4L), drainDue(10_030));
        assertEquals(List.of(1L, 2L), drainDue(60_010));
    }

    @Test
    void laterExpiryJoinsTheFirstListWhoseTailIsNotLater() {
        add(1, 60_000);
        add(2, 10_000);
        add(3, 60_500);  // fits after order 1
        add(4, 20_000);  // fits after order 2

        final Map<Long, Integer> listOf = new HashMap<>();
        book.forEachInExpiryOrder((list, slot) -> listOf.put(book.orderId(slot), list));
        assertEquals(Map.of(1L, 0, 2L, 1, 3L, 0, 4L, 1), listOf);
        assertEquals(List.of(2L, 4L, 1L, 3L), drainDue(100_000));
    }

    @Test
    void emptiedListIsReusedForTheNextShorterTimeout() {
        add(1, 60_000);
        add(2, 10_000);
        drainDue(10_000);
        add(3, 5_000);

        final Map<Long, Integer> listOf = new HashMap<>();
        book.forEachInExpiryOrder((list, slot) -> listOf.put(book.orderId(slot), list));
        assertEquals(Map.of(1L, 0, 3L, 1), listOf);
    }

    @Test
    void moreDecreasingExpiriesThanListsStillComeOutSorted() {
        final int orders = OrderBook.MAX_EXPIRY_LISTS * 3;
        for (int i = 0; i < orders; i++) {
            add(i + 1, 1_000_000 - i * 1_000L);
        }

        final List<Long> drained = drainDue(Long.MAX_VALUE);

        final List<Long> expected = new ArrayList<>();
        for (long id = orders; id >= 1; id--) {
            expected.add(id);
        }
        assertEquals(expected, drained);
    }

    @Test
    void keepsEveryLineOfEveryOrderAcrossSlotReuse() {
        for (long id = 1; id <= 40; id++) {
            add(id, id);
        }
        for (long id = 1; id <= 40; id += 3) {
            removeOrder(id);
        }
        for (long id = 101; id <= 130; id++) {
            add(id, 1_000 + id);
        }

        for (long id = 1; id <= 40; id++) {
            if (id % 3 != 1) {
                assertLinesOf(id);
            }
        }
        for (long id = 101; id <= 130; id++) {
            assertLinesOf(id);
        }
        assertEquals(40 - 14 + 30, book.liveCount());
    }

    @Test
    void growsPastItsInitialCapacity() {
        for (long id = 1; id <= 3_000; id++) {
            add(id, id);
        }

        assertEquals(3_000, book.liveCount());
        assertLinesOf(1);
        assertLinesOf(1_777);
        assertLinesOf(3_000);
    }

    @Test
    void roomMadeAheadHoldsThatManyOrdersOfUpToFourLinesWithoutGrowing() {
        final int orders = 2 * io.surge.engine.collections.PagedRecords.PAGE_RECORDS + 10;
        book.makeRoomFor(orders);
        final long bytes = book.offHeapBytes();
        assertTrue(bytes >= orders * (128L + 64), bytes + " bytes");

        // The helper gives order id n (n % 16) + 1 lines: ids 16k+1 and 16k+3 have two and four.
        for (int i = 0; i < orders; i++) {
            add(16L * i + 1 + 2 * (i % 2), i);
        }

        assertEquals(bytes, book.offHeapBytes(), "nothing allocated while adding");
        assertEquals(orders, book.liveCount());
        assertLinesOf(1);
        assertLinesOf(16L * (orders - 1) + 1 + 2 * ((orders - 1) % 2));
    }

    @Test
    void ordersAndTheirLinesSurviveGrowthOverSeveralPages() {
        final int orders = 3 * io.surge.engine.collections.PagedRecords.PAGE_RECORDS + 100;
        for (long id = 1; id <= orders; id++) {
            add(id, id);
        }
        for (long id = 2; id <= orders; id += 2) {
            removeOrder(id);
        }

        assertEquals(orders / 2, book.liveCount());
        for (long id = 1; id <= orders; id += 2) {
            assertLinesOf(id);
        }
        long expected = 1;
        for (int due = book.firstDue(Long.MAX_VALUE); due != OrderBook.NONE; due = book.firstDue(Long.MAX_VALUE)) {
            assertEquals(expected, book.orderId(due), "expiry order");
            removeOrder(expected);
            expected += 2;
        }
        assertEquals(orders + 1, expected);
    }

    @Test
    void writeAndReadRebuildTheSameExpiryLists() {
        add(1, 60_000);
        add(2, 60_010);
        add(3, 10_020);
        add(4, 5_000);
        add(5, 70_000);
        final StateOutput out = new StateOutput(256);
        book.writeTo(out);

        final OrderBook copy = new OrderBook();
        final StateInput in = out.toInput();
        copy.readFrom(in, 10_000, (orderId, slot) -> { });

        assertEquals(hash(book), hash(copy));
        assertEquals(5, copy.liveCount());
        final List<Long> fromCopy = new ArrayList<>();
        for (int slot = copy.firstDue(Long.MAX_VALUE); slot != OrderBook.NONE; slot = copy.firstDue(Long.MAX_VALUE)) {
            fromCopy.add(copy.orderId(slot));
            copy.remove(slot);
        }
        assertEquals(List.of(4L, 3L, 1L, 2L, 5L), fromCopy);
    }

    @Test
    void randomAddsAndRemovesAlwaysExpireEarliestFirst() {
        final long seed = 20_241_111L;
        final Random random = new Random(seed);
        final Map<Long, Long> expiryById = new HashMap<>();
        long now = 0;
        long timeout = 10_000;
        long nextId = 1;
        for (int step = 0; step < 20_000; step++) {
            now += random.nextInt(20);
            final int action = random.nextInt(100);
            if (action < 2) {
                timeout = 1_000 + random.nextInt(30_000); // a configuration change
            } else if (action < 60) {
                final long id = nextId++;
                expiryById.put(id, now + timeout);
                add(id, now + timeout);
            } else if (action < 75 && !expiryById.isEmpty()) {
                final long id = expiryById.keySet().iterator().next(); // paid or cancelled
                expiryById.remove(id);
                removeOrder(id);
            } else {
                final int slot = book.firstDue(now);
                final long earliest = expiryById.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
                if (earliest > now) {
                    assertEquals(OrderBook.NONE, slot, "seed " + seed + " step " + step + ": nothing is due");
                } else {
                    assertNotEquals(OrderBook.NONE, slot, "seed " + seed + " step " + step + ": an order is due");
                    assertEquals(earliest, book.expiresAtMs(slot), "seed " + seed + " step " + step);
                    assertEquals(earliest, (long) expiryById.remove(book.orderId(slot)), "seed " + seed);
                    slots.remove(book.orderId(slot));
                    book.remove(slot);
                }
            }
            assertEquals(expiryById.size(), book.liveCount(), "seed " + seed + " step " + step);
        }
        final long[] drained = drainDue(Long.MAX_VALUE).stream().mapToLong(id -> expiryById.get(id)).toArray();
        final long[] sorted = drained.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, drained, "seed " + seed + ": the rest must drain in expiry order");
        assertEquals(expiryById.size(), drained.length);
    }

    private static long hash(OrderBook book) {
        final StateHasher hasher = new StateHasher();
        book.hashInto(hasher);
        return hasher.value();
    }
}
