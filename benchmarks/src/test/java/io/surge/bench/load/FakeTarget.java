package io.surge.bench.load;

import io.surge.bench.workload.GeneratedOrder;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A target in memory: every request is answered RESERVED (PAID, CANCELLED) after a fixed delay on
 * one "network" thread, except that the answers due while a one-off stall lasts are all held until
 * it ends. It records the most requests ever outstanding on one connection.
 */
final class FakeTarget implements Target {
    private final ScheduledExecutorService network = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, "fake-network");
        thread.setDaemon(true);
        return thread;
    });
    private final long answerDelayNanos;
    private final int maxOutstanding;
    private final long stallAtOrder;
    private final long stallNanos;
    private final AtomicLong orders = new AtomicLong();
    private final AtomicInteger mostOutstanding = new AtomicInteger();
    private volatile long stallUntilNanos;

    /**
     * @param answerDelayNanos how long each answer takes
     * @param maxOutstanding   requests a connection takes at once
     * @param stallAtOrder     the order (counted over all connections, from 1) whose arrival starts
     *                         the stall; 0 for none
     * @param stallNanos       how long the stall lasts
     */
    FakeTarget(long answerDelayNanos, int maxOutstanding, long stallAtOrder, long stallNanos) {
        this.answerDelayNanos = answerDelayNanos;
        this.maxOutstanding = maxOutstanding;
        this.stallAtOrder = stallAtOrder;
        this.stallNanos = stallNanos;
    }

    long orders() {
        return orders.get();
    }

    int mostOutstanding() {
        return mostOutstanding.get();
    }

    @Override
    public TargetConnection connect(int index) {
        return new FakeConnection();
    }

    @Override
    public void close() {
        network.shutdownNow();
    }

    private final class FakeConnection implements TargetConnection {
        private final AtomicInteger outstanding = new AtomicInteger();

        @Override
        public void placeOrder(GeneratedOrder order, ResponseCallback callback) {
            if (orders.incrementAndGet() == stallAtOrder) {
                stallUntilNanos = System.nanoTime() + stallNanos;
            }
            answer(callback, Outcome.RESERVED);
        }

        @Override
        public void confirmPayment(long orderId, ResponseCallback callback) {
            answer(callback, Outcome.PAID);
        }

        @Override
        public void cancelOrder(long orderId, ResponseCallback callback) {
            answer(callback, Outcome.CANCELLED);
        }

        private void answer(ResponseCallback callback, Outcome outcome) {
            final int now = outstanding.incrementAndGet();
            mostOutstanding.accumulateAndGet(now, Math::max);
            final long delay = Math.max(answerDelayNanos, stallUntilNanos - System.nanoTime());
            network.schedule(() -> {
                outstanding.decrementAndGet();
                callback.answered(outcome, null, null);
            }, delay, TimeUnit.NANOSECONDS);
        }

        @Override
        public int maxOutstanding() {
            return maxOutstanding;
        }

        @Override
        public String failure() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
