package io.surge.bench.peers;

import io.surge.bench.workload.GeneratedOrder;
import io.surge.bench.workload.Workload;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One PostgreSQL connection driven by one thread: one transaction per order (see schema.sql):
 * insert the order (a reused id fails on the primary key), then one conditional UPDATE per line
 * sent as one batch, lines in SKU order so that concurrent orders lock shared rows in the same
 * order; commit only if every line found its stock, else roll back.
 */
final class PostgresSession implements PeerSession {
    static final String INSERT_ORDER =
        "INSERT INTO orders (order_id, customer_id, skus, quantities, prices_cents) VALUES (?, ?, ?, ?, ?)";
    static final String RESERVE_LINE = "UPDATE sku SET available = available - ? WHERE sku = ? AND available >= ?";
    /** SQLSTATE unique_violation: the order id is taken. */
    static final String UNIQUE_VIOLATION = "23505";

    private final Connection connection;
    private final PreparedStatement insertOrder;
    private final PreparedStatement reserveLine;
    private final PeerOrder order = new PeerOrder();
    private final int[] linesBySku = new int[PeerOrder.MAX_LINES];

    PostgresSession(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.insertOrder = connection.prepareStatement(INSERT_ORDER);
        this.reserveLine = connection.prepareStatement(RESERVE_LINE);
    }

    @Override
    public void run(Workload workload, long deadlineNanos, SessionTally tally) {
        final GeneratedOrder generated = new GeneratedOrder();
        while (System.nanoTime() < deadlineNanos) {
            workload.next(generated);
            order.copyFrom(generated);
            final long sentNanos = System.nanoTime();
            try {
                final boolean reserved = place(order);
                final long latencyNanos = System.nanoTime() - sentNanos;
                if (reserved) {
                    tally.reserved(latencyNanos);
                } else {
                    tally.rejected(latencyNanos);
                }
            } catch (SQLException e) {
                rollbackQuietly();
                tally.error("PostgreSQL " + e.getSQLState() + ": " + e.getMessage());
            }
        }
    }

    /** One order's transaction; true when it committed, false when it was rolled back as a rejection. */
    boolean place(PeerOrder order) throws SQLException {
        final int lines = order.lineCount();
        if (!insertOrder(order, lines)) {
            connection.rollback();
            return false;
        }
        order.linesBySku(linesBySku);
        for (int k = 0; k < lines; k++) {
            final int line = linesBySku[k];
            reserveLine.setInt(1, order.quantity(line));
            reserveLine.setLong(2, order.sku(line));
            reserveLine.setInt(3, order.quantity(line));
            reserveLine.addBatch();
        }
        for (int updated : reserveLine.executeBatch()) {
            if (updated == 0) {
                connection.rollback();
                return false;
            }
        }
        connection.commit();
        return true;
    }

    private boolean insertOrder(PeerOrder order, int lines) throws SQLException {
        final Long[] skus = new Long[lines];
        final Integer[] quantities = new Integer[lines];
        final Long[] prices = new Long[lines];
        for (int i = 0; i < lines; i++) {
            skus[i] = order.sku(i);
            quantities[i] = order.quantity(i);
            prices[i] = order.priceCents(i);
        }
        final Array skuArray = connection.createArrayOf("bigint", skus);
        final Array quantityArray = connection.createArrayOf("integer", quantities);
        final Array priceArray = connection.createArrayOf("bigint", prices);
        insertOrder.setLong(1, order.orderId());
        insertOrder.setLong(2, order.customerId());
        insertOrder.setArray(3, skuArray);
        insertOrder.setArray(4, quantityArray);
        insertOrder.setArray(5, priceArray);
        try {
            insertOrder.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is broken; the next order reports it.
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing at the end of a run: nothing left to save.
        }
    }
}
