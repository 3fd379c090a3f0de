package io.surge.engine.domain;

/**
 * Running totals of decided outcomes. Part of the state (snapshotted, hashed, rebuilt by a
 * replay), so operators' figures agree with the journal. Written by the business-logic thread;
 * read through a query or a {@link #copyFrom copy}.
 */
public final class EngineCounters {
    static final int REASONS = 16;

    long ordersReserved;
    long ordersRejected;
    final long[] rejectedByReason = new long[REASONS];
    long ordersPaid;
    long ordersCancelled;
    long ordersExpired;
    long gmvReservedCents;
    long gmvPaidCents;
    long skusSoldOut;
    long commandsRejected;

    public long ordersReserved() {
        return ordersReserved;
    }

    public long ordersRejected() {
        return ordersRejected;
    }

    public long rejected(RejectReason reason) {
        return rejectedByReason[reason.code()];
    }

    public long ordersPaid() {
        return ordersPaid;
    }

    public long ordersCancelled() {
        return ordersCancelled;
    }

    public long ordersExpired() {
        return ordersExpired;
    }

    /** Value of all reservations ever made (list price times quantity). */
    public long gmvReservedCents() {
        return gmvReservedCents;
    }

    /** Value of paid orders: the GMV a sale reports. */
    public long gmvPaidCents() {
        return gmvPaidCents;
    }

    /** How many times a reservation took the last available unit of a SKU. */
    public long skusSoldOut() {
        return skusSoldOut;
    }

    /** Payments, cancels and admin commands turned down. */
    public long commandsRejected() {
        return commandsRejected;
    }

    public void copyFrom(EngineCounters other) {
        ordersReserved = other.ordersReserved;
        ordersRejected = other.ordersRejected;
        System.arraycopy(other.rejectedByReason, 0, rejectedByReason, 0, REASONS);
        ordersPaid = other.ordersPaid;
        ordersCancelled = other.ordersCancelled;
        ordersExpired = other.ordersExpired;
        gmvReservedCents = other.gmvReservedCents;
        gmvPaidCents = other.gmvPaidCents;
        skusSoldOut = other.skusSoldOut;
        commandsRejected = other.commandsRejected;
    }

    void orderRejected(RejectReason reason) {
        rejectedByReason[reason.code()]++;
        ordersRejected++;
    }

    void hashInto(StateHasher hasher) {
        hasher.add(ordersReserved).add(ordersRejected).add(ordersPaid).add(ordersCancelled).add(ordersExpired)
            .add(gmvReservedCents).add(gmvPaidCents).add(skusSoldOut).add(commandsRejected);
        for (long count : rejectedByReason) {
            hasher.add(count);
        }
    }

    void writeTo(StateOutput out) {
        out.putLong(ordersReserved);
        out.putLong(ordersRejected);
        out.putLong(ordersPaid);
        out.putLong(ordersCancelled);
        out.putLong(ordersExpired);
        out.putLong(gmvReservedCents);
        out.putLong(gmvPaidCents);
        out.putLong(skusSoldOut);
        out.putLong(commandsRejected);
        for (long count : rejectedByReason) {
            out.putLong(count);
        }
    }

    void readFrom(StateInput in) {
        ordersReserved = in.getLong();
        ordersRejected = in.getLong();
        ordersPaid = in.getLong();
        ordersCancelled = in.getLong();
        ordersExpired = in.getLong();
        gmvReservedCents = in.getLong();
        gmvPaidCents = in.getLong();
        skusSoldOut = in.getLong();
        commandsRejected = in.getLong();
        for (int i = 0; i < REASONS; i++) {
            rejectedByReason[i] = in.getLong();
        }
    }
}
