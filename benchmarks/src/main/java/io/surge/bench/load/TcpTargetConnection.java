package io.surge.bench.load;

import io.surge.bench.workload.GeneratedOrder;
import io.surge.client.OrderResult;
import io.surge.client.SurgeClient;
import io.surge.client.SurgeClientException;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.RejectReason;

/**
 * One {@link SurgeClient}. The client batches and pipelines: up to the server's {@code maxInFlight}
 * requests are outstanding, and a request beyond that blocks the sender until one is answered.
 * The order lines are encoded into the client's batch before {@code placeOrder} returns, so one
 * {@link OrderLines} is reused (sender thread only).
 */
final class TcpTargetConnection implements TargetConnection {
    private static final RejectReason[] REASONS = RejectReason.values();

    private final SurgeClient client;
    private final OrderLines lines = new OrderLines();
    private volatile String failure;

    TcpTargetConnection(SurgeClient client) {
        this.client = client;
    }

    @Override
    public void placeOrder(GeneratedOrder order, ResponseCallback callback) {
        lines.clear();
        for (int i = 0; i < order.lineCount(); i++) {
            lines.add(order.sku(i), order.quantity(i), order.priceCents(i));
        }
        try {
            client.placeOrder(order.orderId(), order.customerId(), lines, result -> deliver(result, callback));
        } catch (SurgeClientException e) {
            failed(e, callback);
        }
    }

    @Override
    public void confirmPayment(long orderId, ResponseCallback callback) {
        try {
            client.confirmPayment(orderId, result -> deliver(result, callback));
        } catch (SurgeClientException e) {
            failed(e, callback);
        }
    }

    @Override
    public void cancelOrder(long orderId, ResponseCallback callback) {
        try {
            client.cancelOrder(orderId, result -> deliver(result, callback));
        } catch (SurgeClientException e) {
            failed(e, callback);
        }
    }

    @Override
    public int maxOutstanding() {
        return client.maxInFlight();
    }

    @Override
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        client.close();
    }

    private void deliver(OrderResult result, ResponseCallback callback) {
        switch (result.status()) {
            case RESERVED -> callback.answered(Outcome.RESERVED, null, null);
            case REJECTED -> callback.answered(Outcome.REJECTED, reason(result.reason()), null);
            case PAID -> callback.answered(Outcome.PAID, null, null);
            case CANCELLED -> callback.answered(Outcome.CANCELLED, null, null);
            default -> {
                if (result.errorCode() == 0) {
                    failure = result.error(); // the client lost its connection
                }
                callback.answered(Outcome.ERROR, null, "error " + result.errorCode() + ": " + result.error());
            }
        }
    }

    private void failed(SurgeClientException e, ResponseCallback callback) {
        failure = e.getMessage();
        callback.answered(Outcome.ERROR, null, e.getMessage());
    }

    private static RejectReason reason(String name) {
        for (RejectReason reason : REASONS) {
            if (reason.name().equals(name)) {
                return reason;
            }
        }
        return null;
    }
}
