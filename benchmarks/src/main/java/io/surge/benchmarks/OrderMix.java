package io.surge.benchmarks;

import io.surge.engine.domain.OrderLines;

import java.util.SplittableRandom;

/**
 * A seeded, pre-generated flash-sale order stream that keeps the engine's state bounded, issued
 * in batches of {@code batchOrders} orders.
 * <p>
 * Each batch places {@code batchOrders} new orders (fresh, increasing order ids; customer and
 * lines from a pre-generated script that cycles), then settles the orders of the previous batch:
 * exactly {@link #PAY_PER_MILLE}‰ are paid, {@link #CANCEL_PER_MILLE}‰ cancelled and the rest
 * left to expire (engine ticks expire them once the reservation timeout passes). So live
 * reservations stay bounded by one batch plus what awaits expiry, and every batch issues exactly
 * {@link #commandsPerBatch} commands (plus whatever {@link Commands#endOfBatch} adds).
 * <p>
 * Orders have 1 line (60%), 2 (30%) or 3 (10%) of distinct SKUs of one merchant, 1–2 units each,
 * at the catalogue price. In the {@code hot} workload 90% of orders have one of the ten hot SKUs
 * as their first line. Nothing is allocated per batch. Not thread-safe: one issuing thread.
 */
final class OrderMix {
    static final int PAY_PER_MILLE = 900;
    static final int CANCEL_PER_MILLE = 50;
    static final int MAX_LINES = 3;
    static final int HOT_PER_MILLE = 900;
    static final int CUSTOMERS = 10_000_000;
    static final long FIRST_ORDER_ID = 1_000_000_001L;

    private static final byte PAY = 0;
    private static final byte CANCEL = 1;
    private static final byte EXPIRE = 2;

    /** Where a batch's commands go: the business logic, the codecs or a running engine. */
    interface Commands {
        void placeOrder(long orderId, long customerId, OrderLines lines);

        void confirmPayment(long orderId);

        void cancelOrder(long orderId);

        /** After each batch (the direct drivers tick here; the engine ticks by itself). */
        void endOfBatch();
    }

    private final int batchOrders;
    private final int scriptOrders;
    private final long[] customers;
    private final byte[] lineCounts;
    private final long[] lineSkus;
    private final int[] lineQuantities;
    private final long[] linePrices;
    private final byte[] fates;
    private final OrderLines lines = new OrderLines();

    private long[] batchIds;
    private long[] previousIds;
    private int previousStart = -1;
    private int cursor;
    private long nextOrderId = FIRST_ORDER_ID;

    /**
     * @param batches how many distinct batches the script holds before it cycles
     */
    OrderMix(Catalogue catalogue, boolean hot, int batchOrders, int batches, long seed) {
        if (batchOrders % 20 != 0 || batchOrders <= 0) {
            throw new IllegalArgumentException("batchOrders must be a positive multiple of 20: " + batchOrders);
        }
        this.batchOrders = batchOrders;
        this.scriptOrders = batchOrders * batches;
        this.customers = new long[scriptOrders];
        this.lineCounts = new byte[scriptOrders];
        this.lineSkus = new long[scriptOrders * MAX_LINES];
        this.lineQuantities = new int[scriptOrders * MAX_LINES];
        this.linePrices = new long[scriptOrders * MAX_LINES];
        this.fates = new byte[scriptOrders];
        this.batchIds = new long[batchOrders];
        this.previousIds = new long[batchOrders];
        final SplittableRandom random = new SplittableRandom(seed);
        for (int order = 0; order < scriptOrders; order++) {
            customers[order] = 1 + random.nextInt(CUSTOMERS);
            generateLines(catalogue, hot, random, order);
        }
        for (int batch = 0; batch < batches; batch++) {
            generateFates(random, batch * batchOrders);
        }
    }

    /** Commands each batch issues after the first: its orders plus the previous batch's payments and cancels. */
    static int commandsPerBatch(int batchOrders) {
        return batchOrders + batchOrders * (PAY_PER_MILLE + CANCEL_PER_MILLE) / 1000;
    }

    int batchOrders() {
        return batchOrders;
    }

    /** Order ids issued so far (the next batch starts here). */
    long nextOrderId() {
        return nextOrderId;
    }

    /** Forgets the previous batch (its orders belong to an engine that is gone): the next batch settles nothing. */
    void startOver() {
        previousStart = -1;
    }

    /** Issues one batch: place its orders, then pay or cancel those of the previous batch. */
    void runBatch(Commands commands) {
        final int start = cursor;
        final long[] ids = batchIds;
        for (int k = 0; k < batchOrders; k++) {
            final int order = start + k;
            final long orderId = nextOrderId++;
            ids[k] = orderId;
            commands.placeOrder(orderId, customers[order], linesOf(order));
        }
        if (previousStart >= 0) {
            final long[] previous = previousIds;
            final int previousFrom = previousStart;
            for (int k = 0; k < batchOrders; k++) {
                final byte fate = fates[previousFrom + k];
                if (fate == PAY) {
                    commands.confirmPayment(previous[k]);
                } else if (fate == CANCEL) {
                    commands.cancelOrder(previous[k]);
                }
            }
        }
        batchIds = previousIds;
        previousIds = ids;
        previousStart = start;
        cursor = start + batchOrders == scriptOrders ? 0 : start + batchOrders;
        commands.endOfBatch();
    }

    private OrderLines linesOf(int order) {
        final OrderLines lines = this.lines.clear();
        final int base = order * MAX_LINES;
        final int count = lineCounts[order];
        for (int j = 0; j < count; j++) {
            lines.add(lineSkus[base + j], lineQuantities[base + j], linePrices[base + j]);
        }
        return lines;
    }

    private void generateLines(Catalogue catalogue, boolean hot, SplittableRandom random, int order) {
        final int roll = random.nextInt(10);
        final int count = roll < 6 ? 1 : roll < 9 ? 2 : 3;
        final int first;
        if (hot && random.nextInt(1000) < HOT_PER_MILLE) {
            first = catalogue.hotIndexes[random.nextInt(Catalogue.HOT_SKUS)];
        } else {
            first = random.nextInt(catalogue.size);
        }
        final int merchantBase = first - first % Catalogue.SKUS_PER_MERCHANT;
        final int[] chosen = new int[MAX_LINES];
        chosen[0] = first;
        for (int j = 1; j < count; j++) {
            int candidate;
            boolean distinct;
            do {
                // other lines: cold SKUs of the same merchant (never its hot first SKU)
                candidate = merchantBase + 1 + random.nextInt(Catalogue.SKUS_PER_MERCHANT - 1);
                distinct = true;
                for (int i = 0; i < j; i++) {
                    distinct &= chosen[i] != candidate;
                }
            } while (!distinct);
            chosen[j] = candidate;
        }
        lineCounts[order] = (byte) count;
        final int base = order * MAX_LINES;
        for (int j = 0; j < count; j++) {
            lineSkus[base + j] = catalogue.skuIds[chosen[j]];
            lineQuantities[base + j] = 1 + random.nextInt(2);
            linePrices[base + j] = catalogue.pricesCents[chosen[j]];
        }
    }

    /** Exactly PAY/CANCEL per mille of each batch, the rest expire, shuffled within the batch. */
    private void generateFates(SplittableRandom random, int from) {
        final int pay = batchOrders * PAY_PER_MILLE / 1000;
        final int cancel = batchOrders * CANCEL_PER_MILLE / 1000;
        for (int k = 0; k < batchOrders; k++) {
            fates[from + k] = k < pay ? PAY : k < pay + cancel ? CANCEL : EXPIRE;
        }
        for (int k = batchOrders - 1; k > 0; k--) {
            final int other = random.nextInt(k + 1);
            final byte swap = fates[from + k];
            fates[from + k] = fates[from + other];
            fates[from + other] = swap;
        }
    }
}
