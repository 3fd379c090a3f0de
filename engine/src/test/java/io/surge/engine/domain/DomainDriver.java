package io.surge.engine.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Drives a real {@link BusinessLogic} the way the pipeline does, one command at a time, with a
 * fresh {@link CommandResult} per command (so a test can compare a first answer with a retry)
 * and every event recorded in {@link #events}.
 */
final class DomainDriver {
    static final long TIMEOUT_MS = 60_000;
    /** Small capacities so the limits are easy to reach; a roomy dedup window. */
    static final DecisionSettings SETTINGS = new DecisionSettings(TIMEOUT_MS, 1_000, 100, 100, 10);

    final BusinessLogic logic;
    final RecordedEvents events = new RecordedEvents();

    DomainDriver() {
        this(SETTINGS);
    }

    DomainDriver(DecisionSettings settings) {
        this(new BusinessLogic(settings));
    }

    DomainDriver(BusinessLogic logic) {
        this.logic = logic;
    }

    static DecisionSettings settings(long reservationTimeoutMs, int dedupWindow, int maxSkus, int maxLiveOrders, int maxSales) {
        return new DecisionSettings(reservationTimeoutMs, dedupWindow, maxSkus, maxLiveOrders, maxSales);
    }

    /** Order lines from (sku, quantity, unit price) triples. */
    static OrderLines lines(long... skuQuantityPrice) {
        if (skuQuantityPrice.length % 3 != 0) {
            throw new IllegalArgumentException("lines are (sku, quantity, price) triples");
        }
        final OrderLines lines = new OrderLines();
        for (int i = 0; i < skuQuantityPrice.length; i += 3) {
            lines.add(skuQuantityPrice[i], (int) skuQuantityPrice[i + 1], skuQuantityPrice[i + 2]);
        }
        return lines;
    }

    CommandResult defineSku(long sku, long merchantId, long priceCents, long available) {
        final CommandResult result = new CommandResult().reset();
        logic.defineSku(0, sku, merchantId, priceCents, available, events, result);
        return result;
    }

    CommandResult adjustStock(long sku, long delta) {
        final CommandResult result = new CommandResult().reset();
        logic.adjustStock(0, sku, delta, events, result);
        return result;
    }

    CommandResult defineSale(long saleId, long startMs, long endMs, int limitPerCustomer, long... skus) {
        final CommandResult result = new CommandResult().reset();
        logic.defineSale(0, saleId, startMs, endMs, limitPerCustomer, skus, skus.length, events, result);
        return result;
    }

    CommandResult place(long nowMs, long orderId, long customerId, OrderLines lines) {
        final CommandResult result = new CommandResult().reset();
        logic.placeOrder(nowMs, orderId, customerId, lines, events, result);
        return result;
    }

    CommandResult pay(long nowMs, long orderId) {
        final CommandResult result = new CommandResult().reset();
        logic.confirmPayment(nowMs, orderId, events, result);
        return result;
    }

    CommandResult cancel(long nowMs, long orderId) {
        final CommandResult result = new CommandResult().reset();
        logic.cancelOrder(nowMs, orderId, events, result);
        return result;
    }

    CommandResult tick(long nowMs, int maxExpiries) {
        final CommandResult result = new CommandResult().reset();
        logic.tick(nowMs, maxExpiries, events, result);
        return result;
    }

    CommandResult configure(DecisionSettings settings) {
        final CommandResult result = new CommandResult().reset();
        logic.configure(settings, events, result);
        return result;
    }

    CommandResult queryOrder(long orderId) {
        final CommandResult result = new CommandResult().reset();
        logic.queryOrder(orderId, result);
        return result;
    }

    CommandResult querySku(long sku) {
        final CommandResult result = new CommandResult().reset();
        logic.querySku(sku, result);
        return result;
    }

    EngineCounters counters() {
        return logic.counters();
    }

    void assertStock(long sku, long available, long reserved, long sold) {
        assertArrayEquals(new long[] {available, reserved, sold}, logic.skuCounters(sku),
            "SKU " + sku + " {available, reserved, sold}");
    }

    void assertReserved(CommandResult result, long orderId, long expiresAtMs) {
        assertEquals(Status.RESERVED, result.status(), result.toString());
        assertEquals(orderId, result.orderId());
        assertEquals(expiresAtMs, result.expiresAtMs());
    }

    void assertRejected(CommandResult result, RejectReason reason, int lineIndex, long sku) {
        assertEquals(Status.REJECTED, result.status(), result.toString());
        assertEquals(reason, result.reason(), result.toString());
        assertEquals(lineIndex, result.lineIndex(), "offending line of " + result);
        assertEquals(sku, result.sku(), "offending SKU of " + result);
    }
}
