package io.surge.engine.domain;

/**
 * The settings that change what the business logic decides. They are journaled (a CONFIGURE
 * command) whenever they change, so a replay decides exactly as the live engine did even if the
 * configuration file has since been edited.
 *
 * @param reservationTimeoutMs how long a reservation waits for payment before it expires
 * @param dedupWindow          how many recent order ids idempotency remembers at least
 * @param maxSkus              capacity of the SKU table
 * @param maxLiveOrders        capacity of live (reserved, unpaid) orders
 * @param maxSales             capacity of the sale table
 */
public record DecisionSettings(
    long reservationTimeoutMs, int dedupWindow, int maxSkus, int maxLiveOrders, int maxSales) {

    public static final long DEFAULT_RESERVATION_TIMEOUT_MS = 15 * 60 * 1000L;
    public static final int DEFAULT_DEDUP_WINDOW = 1 << 20;
    public static final int DEFAULT_MAX_SKUS = 2_000_000;
    public static final int DEFAULT_MAX_LIVE_ORDERS = 4_000_000;
    public static final int DEFAULT_MAX_SALES = 10_000;

    public static final DecisionSettings DEFAULTS = new DecisionSettings(
        DEFAULT_RESERVATION_TIMEOUT_MS, DEFAULT_DEDUP_WINDOW, DEFAULT_MAX_SKUS, DEFAULT_MAX_LIVE_ORDERS,
        DEFAULT_MAX_SALES);

    public DecisionSettings {
        if (reservationTimeoutMs < 1) {
            throw new IllegalArgumentException("reservationTimeoutMs must be at least 1, was " + reservationTimeoutMs);
        }
        if (dedupWindow < 1) {
            throw new IllegalArgumentException("dedupWindow must be at least 1, was " + dedupWindow);
        }
        if (maxSkus < 1 || maxLiveOrders < 1 || maxSales < 1) {
            throw new IllegalArgumentException("capacities must be at least 1");
        }
    }
}
