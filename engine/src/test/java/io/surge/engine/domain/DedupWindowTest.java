package io.surge.engine.domain;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DedupWindowTest {
    /** For windows without live orders: nothing can move. */
    private static final DedupWindow.Moved NO_LIVE_ORDERS = (slot, position) -> {
        throw new AssertionError("no live order to move");
    };

    private static void rememberReserved(DedupWindow window, long firstId, long lastId) {
        for (long id = firstId; id <= lastId; id++) {
            window.remember(id, id * 31, Status.RESERVED, null, -1, id * 1_000);
        }
    }

    private static void assertRemembers(DedupWindow window, long firstId, long lastId) {
        for (long id = firstId; id <= lastId; id++) {
            final int position = window.positionOf(id);
            assertNotEquals(DedupWindow.NONE, position, "order " + id + " should be remembered");
            assertEquals(id * 31, window.contentHash(position), "content of order " + id);
            assertEquals(id * 1_000, window.detail(position), "detail of order " + id);
        }
    }

    private static void assertForgets(DedupWindow window, long firstId, long lastId) {
        for (long id = firstId; id <= lastId; id++) {
            assertEquals(DedupWindow.NONE, window.positionOf(id), "order " + id + " should be forgotten");
        }
    }

    @Test
    void remembersUpToItsCapacity() {
        final DedupWindow window = new DedupWindow(5);
        rememberReserved(window, 1, 5);

        assertRemembers(window, 1, 5);
        assertEquals(5, window.count());
        assertForgets(window, 6, 6);
    }

    @Test
    void forgetsTheOldestWhenFull() {
        final DedupWindow window = new DedupWindow(3);
        rememberReserved(window, 1, 4);

        assertForgets(window, 1, 1);
        assertRemembers(window, 2, 4);

        rememberReserved(window, 5, 7);
        assertForgets(window, 1, 4);
        assertRemembers(window, 5, 7);
        assertEquals(3, window.count());
    }

    @Test
    void aRememberedPositionHoldsItsOrderUntilTheEntryIsReused() {
        final DedupWindow window = new DedupWindow(2);
        final int position = window.remember(1, 31, Status.RESERVED, null, -1, 1_000, DedupWindow.NONE);

        assertEquals(position, window.positionOf(1));
        assertTrue(window.holds(position, 1));
        assertFalse(window.holds(position, 2), "another order");
        assertFalse(window.holds(DedupWindow.NONE, 1), "no position");
        assertFalse(window.holds(5, 1), "a position beyond the entries");

        rememberReserved(window, 2, 3); // the window holds 2: order 1's entry is reused by order 3
        assertFalse(window.holds(position, 1));
        assertTrue(window.holds(position, 3));
    }

    @Test
    void keepsFirstOutcomeAndCurrentStatusApart() {
        final DedupWindow window = new DedupWindow(4);
        window.remember(1, 11, Status.RESERVED, null, -1, 60_000);
        window.remember(2, 22, Status.REJECTED, RejectReason.LIMIT_EXCEEDED, 15, 42);

        final int reserved = window.positionOf(1);
        window.currentStatus(reserved, Status.PAID);
        assertEquals(Status.RESERVED, window.firstStatus(reserved));
        assertEquals(Status.PAID, window.currentStatus(reserved));
        assertNull(window.reason(reserved));
        assertEquals(-1, window.lineIndex(reserved));
        assertEquals(60_000, window.detail(reserved));

        final int rejected = window.positionOf(2);
        assertEquals(Status.REJECTED, window.firstStatus(rejected));
        assertEquals(Status.REJECTED, window.currentStatus(rejected));
        assertEquals(RejectReason.LIMIT_EXCEEDED, window.reason(rejected));
        assertEquals(15, window.lineIndex(rejected));
        assertEquals(42, window.detail(rejected));
        assertEquals(22, window.contentHash(rejected));
    }

    @Test
    void growsPastItsInitialLength() {
        final DedupWindow window = new DedupWindow(5_000);
        rememberReserved(window, 1, 5_000);

        assertRemembers(window, 1, 5_000);
        rememberReserved(window, 5_001, 5_001);
        assertForgets(window, 1, 1);
        assertRemembers(window, 2, 5_001);
    }

    @Test
    void shrinkingKeepsTheNewestEntries() {
        final DedupWindow window = new DedupWindow(5);
        rememberReserved(window, 1, 7); // wrapped: holds 3..7

        window.resize(3, NO_LIVE_ORDERS);

        assertEquals(3, window.capacity());
        assertEquals(3, window.count());
        assertForgets(window, 1, 4);
        assertRemembers(window, 5, 7);
        rememberReserved(window, 8, 8);
        assertForgets(window, 5, 5);
        assertRemembers(window, 6, 8);
    }

    @Test
    void shrinkingAWindowThatIsNotFullKeepsWhatFits() {
        final DedupWindow window = new DedupWindow(10);
        rememberReserved(window, 1, 4);

        window.resize(6, NO_LIVE_ORDERS);

        assertRemembers(window, 1, 4);
        rememberReserved(window, 5, 7);
        assertForgets(window, 1, 1);
        assertRemembers(window, 2, 7);
    }

    @Test
    void growingKeepsEveryEntryAndForgetsOldestOnlyWhenFullAgain() {
        final DedupWindow window = new DedupWindow(3);
        rememberReserved(window, 1, 5); // wrapped: holds 3..5

        window.resize(6, NO_LIVE_ORDERS);

        assertRemembers(window, 3, 5);
        rememberReserved(window, 6, 8);
        assertRemembers(window, 3, 8);
        rememberReserved(window, 9, 9);
        assertForgets(window, 3, 3);
        assertRemembers(window, 4, 9);
    }

    @Test
    void resizeKeepsCurrentStatus() {
        final DedupWindow window = new DedupWindow(4);
        rememberReserved(window, 1, 6);
        window.currentStatus(window.positionOf(6), Status.CANCELLED);

        window.resize(2, NO_LIVE_ORDERS);

        assertEquals(Status.CANCELLED, window.currentStatus(window.positionOf(6)));
        assertEquals(Status.RESERVED, window.firstStatus(window.positionOf(6)));
    }

    @Test
    void writeAndReadKeepEntriesAndTheirAge() {
        final DedupWindow window = new DedupWindow(4);
        rememberReserved(window, 1, 6); // wrapped: holds 3..6, oldest first 3
        final StateOutput out = new StateOutput(64);
        window.writeTo(out);

        final DedupWindow copy = new DedupWindow(4);
        final StateInput in = out.toInput();
        copy.readFrom(in);

        assertTrue(in.exhausted());
        assertRemembers(copy, 3, 6);
        assertEquals(hash(window), hash(copy));
        rememberReserved(window, 7, 7);
        rememberReserved(copy, 7, 7);
        assertForgets(copy, 3, 3);
        assertEquals(hash(window), hash(copy));
    }

    @Test
    void hashFollowsContent() {
        final DedupWindow first = new DedupWindow(4);
        final DedupWindow second = new DedupWindow(4);
        rememberReserved(first, 1, 3);
        rememberReserved(second, 1, 3);
        assertEquals(hash(first), hash(second));

        second.currentStatus(second.positionOf(2), Status.PAID);
        assertNotEquals(hash(first), hash(second));
    }

    private static long hash(DedupWindow window) {
        final StateHasher hasher = new StateHasher();
        window.hashInto(hasher);
        return hasher.value();
    }

    @Test
    void aLiveOrderThatLeavesTheWindowIsStillFoundByItsSlotAndRememberedAgainWhenItFinishes() {
        final DedupWindow window = new DedupWindow(2);
        final int position = window.remember(1, 11, Status.RESERVED, null, -1, 60_000, 7);
        window.remember(2, 22, Status.REJECTED, RejectReason.OUT_OF_STOCK, 0, 42);
        assertEquals(7, window.liveSlotOf(1), "a live order is found by its slot");
        assertEquals(DedupWindow.NONE, window.positionOf(1));
        rememberReserved(window, 3, 4); // overwrites the records of 1 (live) and 2 (not live)

        assertForgets(window, 2, 2);
        assertFalse(window.holds(position, 1));
        assertEquals(7, window.liveSlotOf(1));
        assertEquals(1, window.overflowCount());

        window.finishLive(1, position, Status.PAID, 11, 60_000); // its record is gone: remembered anew
        assertEquals(DedupWindow.NONE, window.liveSlotOf(1));
        assertEquals(0, window.overflowCount());
        final int again = window.positionOf(1);
        assertEquals(Status.PAID, window.currentStatus(again));
        assertEquals(Status.RESERVED, window.firstStatus(again));
        assertEquals(11, window.contentHash(again));
        assertEquals(60_000, window.detail(again));
        assertForgets(window, 3, 3);
        assertRemembers(window, 4, 4);
    }

    @Test
    void aLiveOrderWhoseRecordIsStillThereFinishesInPlace() {
        final DedupWindow window = new DedupWindow(4);
        final int position = window.remember(5, 55, Status.RESERVED, null, -1, 9_000, 3);
        window.finishLive(5, position, Status.CANCELLED, 55, 9_000);

        assertEquals(position, window.positionOf(5));
        assertEquals(Status.CANCELLED, window.currentStatus(position));
        assertEquals(DedupWindow.NONE, window.liveSlotOf(5));
        assertEquals(1, window.count(), "no second record");
    }

    @Test
    void liveOrdersSurviveAResizeAndLinking() {
        final DedupWindow window = new DedupWindow(4);
        for (long id = 1; id <= 4; id++) {
            window.remember(id, id * 31, Status.RESERVED, null, -1, id * 1_000, (int) id + 100);
        }
        final Map<Integer, Integer> moved = new HashMap<>();
        window.resize(2, moved::put); // the records of 1 and 2 are dropped while their orders are live

        assertEquals(2, window.overflowCount());
        for (long id = 1; id <= 4; id++) {
            assertEquals(id + 100, window.liveSlotOf(id));
        }
        assertEquals(Map.of(103, 0, 104, 1), moved, "the kept live records' new positions");
        assertTrue(window.holds(0, 3) && window.holds(1, 4));

        assertEquals(DedupWindow.NONE, window.link(9, 109)); // a snapshot's live order with no record
        assertEquals(3, window.overflowCount());
        assertEquals(109, window.liveSlotOf(9));
        assertEquals(DedupWindow.NONE, window.positionOf(9));
    }
}
