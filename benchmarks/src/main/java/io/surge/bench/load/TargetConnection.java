package io.surge.bench.load;

import io.surge.bench.workload.GeneratedOrder;

/**
 * One connection to the target. The request methods are called from the connection's sender
 * thread only; each reads what it needs before returning and may block while the connection has
 * no room. Callbacks come on the connection's network thread.
 */
public interface TargetConnection extends AutoCloseable {
    void placeOrder(GeneratedOrder order, ResponseCallback callback);

    void confirmPayment(long orderId, ResponseCallback callback);

    void cancelOrder(long orderId, ResponseCallback callback);

    /** Requests this connection can have unanswered at once. */
    int maxOutstanding();

    /** Null while usable; otherwise why the connection is gone. */
    String failure();

    @Override
    void close();
}
