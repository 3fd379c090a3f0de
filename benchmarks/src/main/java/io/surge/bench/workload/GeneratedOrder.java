package io.surge.bench.workload;

/**
 * One order as a workload generates it: a mutable holder that {@link Workload#next} refills, so
 * generating allocates nothing. Lines hold distinct SKUs, 1 to {@link #MAX_LINES} of them, each
 * at the catalogue's price. Confined to the thread that owns its workload; copy what you need
 * before handing the values to another thread.
 */
public final class GeneratedOrder {
    /** Lines per order at most. */
    public static final int MAX_LINES = 3;

    private final long[] skus = new long[MAX_LINES];
    private final int[] quantities = new int[MAX_LINES];
    private final long[] prices = new long[MAX_LINES];
    private long orderId;
    private long customerId;
    private int lineCount;
    private long intendedOffsetNanos;
    private FollowUp followUp = FollowUp.LEAVE;

    /** Positive, unique across the streams of one id base (see {@link Workloads}). */
    public long orderId() {
        return orderId;
    }

    /** Positive. */
    public long customerId() {
        return customerId;
    }

    /** 1 to {@link #MAX_LINES}. */
    public int lineCount() {
        return lineCount;
    }

    /** The SKU of line {@code i} (0-based); no SKU appears twice in one order. */
    public long sku(int i) {
        checkLine(i);
        return skus[i];
    }

    /** The quantity of line {@code i}: 1 to 3. */
    public int quantity(int i) {
        checkLine(i);
        return quantities[i];
    }

    /** The unit price of line {@code i} in cents: the catalogue's price for that SKU. */
    public long priceCents(int i) {
        checkLine(i);
        return prices[i];
    }

    /**
     * When this order should be sent, in nanoseconds after the start of the run, at the rate
     * given to {@link Workload#pace}; 0 for every order when the stream is not paced (closed loop).
     */
    public long intendedOffsetNanos() {
        return intendedOffsetNanos;
    }

    /** What to do with the order if it is reserved. */
    public FollowUp followUp() {
        return followUp;
    }

    /** Whether one of the lines holds {@code sku}. */
    public boolean contains(long sku) {
        for (int i = 0; i < lineCount; i++) {
            if (skus[i] == sku) {
                return true;
            }
        }
        return false;
    }

    void start(long orderId, long customerId, long intendedOffsetNanos, FollowUp followUp) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.intendedOffsetNanos = intendedOffsetNanos;
        this.followUp = followUp;
        this.lineCount = 0;
    }

    void addLine(long sku, int quantity, long priceCents) {
        skus[lineCount] = sku;
        quantities[lineCount] = quantity;
        prices[lineCount] = priceCents;
        lineCount++;
    }

    private void checkLine(int i) {
        if (i < 0 || i >= lineCount) {
            throw new IndexOutOfBoundsException("line " + i + " of an order with " + lineCount + " lines");
        }
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder("order ").append(orderId).append(" customer ").append(customerId);
        for (int i = 0; i < lineCount; i++) {
            text.append(i == 0 ? ": " : ", ").append(quantities[i]).append(" x SKU ").append(skus[i])
                .append(" @ ").append(prices[i]);
        }
        return text.toString();
    }
}
