package io.surge.engine.domain;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.surge.engine.domain.DomainDriver.lines;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnapshotRoundTripTest {
    private static final long PHONE = 42;
    private static final long CASE = 43;
    private static final long LAMP = 77;

    static BusinessLogic roundTripOf(BusinessLogic logic) {
        return roundTrip(logic);
    }

    private static BusinessLogic roundTrip(BusinessLogic logic) {
        final StateOutput out = new StateOutput(256);
        logic.writeTo(out);
        return BusinessLogic.readFrom(out.toInput());
    }

    /**
     * Live orders on three expiry lists (the timeout shrank twice), limit usage for two customers,
     * a dedup window that has wrapped, paid, cancelled, expired and rejected orders.
     */
    private static DomainDriver busyShop() {
        final DomainDriver shop = new DomainDriver(DomainDriver.settings(60_000, 8, 100, 100, 10));
        shop.defineSku(PHONE, 1, 19_900, 50);
        shop.defineSku(CASE, 1, 500, 50);
        shop.defineSku(LAMP, 2, 1_000, 50);
        shop.defineSale(1, 0, 1_000_000, 4, PHONE);
        shop.defineSale(2, 0, 1_000_000, 0, LAMP);
        shop.place(0, 1, 7, lines(PHONE, 2, 19_900, CASE, 1, 500));     // expires 60_000, list 0
        shop.place(10, 2, 8, lines(PHONE, 3, 19_900));                 // expires 60_010, list 0
        shop.configure(DomainDriver.settings(20_000, 8, 100, 100, 10));
        shop.place(20, 3, 7, lines(LAMP, 1, 1_000));                   // expires 20_020, list 1
        shop.place(30, 4, 9, lines(CASE, 2, 500, LAMP, 1, 1_000));     // expires 20_030, list 1
        shop.configure(DomainDriver.settings(5_000, 8, 100, 100, 10));
        shop.place(40, 5, 9, lines(PHONE, 1, 19_900));                 // expires 5_040, list 2
        shop.place(50, 6, 7, lines(PHONE, 9, 19_900));                 // LIMIT_EXCEEDED
        shop.place(60, 7, 10, lines(CASE, 1, 500));
        shop.pay(70, 7);
        shop.place(80, 8, 10, lines(CASE, 1, 500));
        shop.cancel(90, 8);
        shop.place(100, 9, 11, lines(CASE, 1, 500));
        shop.place(110, 10, 11, lines(CASE, 1, 500));                  // dedup (8 ids) has wrapped
        shop.logic.appliedSequence(123);
        shop.events.clear();
        return shop;
    }

    @Test
    void loadsAStateHoldingMoreThanTheCapacitiesWereLoweredTo() {
        final DomainDriver shop = new DomainDriver();
        shop.defineSku(PHONE, 1, 19_900, 100);
        shop.defineSku(CASE, 1, 500, 100);
        for (long orderId = 1; orderId <= 5; orderId++) {
            shop.place(1_000, orderId, orderId, lines(PHONE, 1, 19_900));
        }
        shop.logic.configure(DomainDriver.settings(DomainDriver.TIMEOUT_MS, 1_000, 1, 2, 1), shop.events,
            new CommandResult().reset());
        final BusinessLogic copy = roundTrip(shop.logic);
        assertEquals(shop.logic.stateHash(), copy.stateHash());
        assertEquals(5, copy.liveOrderCount());
    }

    @Test
    void roundTripKeepsTheStateHash() {
        final DomainDriver shop = busyShop();
        assertEquals(7, shop.logic.liveOrderCount());

        final BusinessLogic restored = roundTrip(shop.logic);

        assertEquals(shop.logic.stateHash(), restored.stateHash());
        assertEquals(123, restored.appliedSequence());
        assertEquals(shop.logic.settings(), restored.settings());
        assertEquals(shop.logic.liveOrderCount(), restored.liveOrderCount());
        assertEquals(2, restored.limitUsage(7, PHONE));
        assertEquals(3, restored.limitUsage(8, PHONE));
        assertEquals(1, restored.limitUsage(9, PHONE));
        for (long sku : new long[] {PHONE, CASE, LAMP}) {
            assertArrayEquals(shop.logic.skuCounters(sku), restored.skuCounters(sku), "SKU " + sku);
        }
    }

    @Test
    void restoredStateDecidesExactlyLikeTheOriginal() {
        final DomainDriver original = busyShop();
        final DomainDriver restored = new DomainDriver(roundTrip(original.logic));

        final List<Consumer<DomainDriver>> commands = new ArrayList<>();
        commands.add(s -> s.place(200, 1, 7, lines(PHONE, 2, 19_900, CASE, 1, 500)));  // retry of a live order
        commands.add(s -> s.place(200, 7, 10, lines(CASE, 1, 500)));                   // retry of a paid order
        commands.add(s -> s.place(200, 6, 7, lines(PHONE, 9, 19_900)));                // retry of a rejection
        commands.add(s -> s.place(200, 11, 7, lines(PHONE, 3, 19_900)));               // over the limit
        commands.add(s -> s.place(200, 12, 7, lines(PHONE, 2, 19_900)));               // up to the limit
        commands.add(s -> s.pay(210, 8));                                              // cancelled: INVALID_STATE
        commands.add(s -> s.cancel(210, 8));                                           // cancelled again
        commands.add(s -> s.tick(5_100, 10));                                          // shortest list first
        commands.add(s -> s.tick(20_025, 10));
        commands.add(s -> s.pay(20_030, 2));
        commands.add(s -> s.tick(70_000, 1));
        commands.add(s -> s.tick(70_000, 100));
        for (long id = 20; id < 30; id++) {
            final long orderId = id;
            commands.add(s -> s.place(70_000, orderId, 12, lines(LAMP, 1, 1_000)));    // wraps dedup again
        }
        commands.add(s -> s.place(70_000, 1, 7, lines(PHONE, 2, 19_900, CASE, 1, 500))); // forgotten now

        for (Consumer<DomainDriver> command : commands) {
            command.accept(original);
            command.accept(restored);
            assertEquals(original.events.take(), restored.events.take());
            assertEquals(original.logic.stateHash(), restored.logic.stateHash());
        }
        assertEquals(11, restored.logic.liveOrderCount(), "ten LAMP orders and the re-placed order 1 are live");
    }

    @Test
    void restoredStateExpiresTheShorterTimeoutFirst() {
        final DomainDriver restored = new DomainDriver(roundTrip(busyShop().logic));

        restored.tick(5_040, 10);
        assertEquals(List.of("ReservationExpired order=5 totalCents=19900"), restored.events.take());
        restored.tick(20_030, 10);
        assertEquals(List.of(
            "ReservationExpired order=9 totalCents=500",
            "ReservationExpired order=10 totalCents=500",
            "ReservationExpired order=3 totalCents=1000",
            "ReservationExpired order=4 totalCents=2000"), restored.events.take());
        restored.tick(60_000, 10);
        assertEquals(List.of("ReservationExpired order=1 totalCents=40300"), restored.events.take());
        assertEquals(1, restored.logic.liveOrderCount());
    }

    @Test
    void emptyStateRoundTrips() {
        final BusinessLogic empty = new BusinessLogic(DomainDriver.SETTINGS);

        final BusinessLogic restored = roundTrip(empty);

        assertEquals(empty.stateHash(), restored.stateHash());
        assertEquals(0, restored.skuCount());
    }

    @Test
    void readingRejectsAnUnknownFormat() {
        final StateOutput out = new StateOutput(256);
        new BusinessLogic(DomainDriver.SETTINGS).writeTo(out);
        final UnsafeBuffer bytes = out.toBuffer();
        bytes.putInt(0, 99, ByteOrder.LITTLE_ENDIAN);

        final IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> BusinessLogic.readFrom(new StateInput(bytes, 0, bytes.capacity())));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
    }

    @Test
    void readingRejectsATruncatedState() {
        final StateOutput out = new StateOutput(256);
        busyShop().logic.writeTo(out);

        final UnsafeBuffer bytes = out.toBuffer();
        assertThrows(IllegalStateException.class,
            () -> BusinessLogic.readFrom(new StateInput(bytes, 0, bytes.capacity() - 4)));
    }

    @Test
    void readingRejectsBytesLeftOver() {
        final StateOutput out = new StateOutput(256);
        busyShop().logic.writeTo(out);
        out.putInt(0);

        assertThrows(IllegalStateException.class, () -> BusinessLogic.readFrom(out.toInput()));
    }

    @Test
    void stateCanBeReadFromAnOffset() {
        final DomainDriver shop = busyShop();
        final StateOutput out = new StateOutput(256);
        shop.logic.writeTo(out);
        final UnsafeBuffer bytes = out.toBuffer();
        final UnsafeBuffer shifted = new UnsafeBuffer(new byte[bytes.capacity() + 16]);
        shifted.putBytes(16, bytes, 0, bytes.capacity());

        assertEquals(shop.logic.stateHash(), BusinessLogic.readFrom(new StateInput(shifted, 16, bytes.capacity())).stateHash());
    }
}
