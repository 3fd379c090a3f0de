package io.surge.bench.load;

import io.surge.bench.workload.FollowUp;
import io.surge.bench.workload.GeneratedOrder;
import io.surge.bench.workload.Workload;
import io.surge.engine.domain.RejectReason;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends one connection's order stream; runs on its own sender thread.
 * <p>
 * <b>Paced (open loop).</b> Order k's intended send time is fixed in advance: the run's start plus
 * the workload's offset for k (k / rate for steady workloads). The driver waits for that time and
 * sends; if it is late (the connection had no room, the machine was busy) it sends at once, and
 * the order's latency is still measured <em>from its intended time</em>, so a stall of the
 * target shows up in every order it delayed, not just the one in flight (no coordinated
 * omission). Orders scheduled before the end are all sent, however late, up to the overrun limit.
 * <p>
 * <b>Closed loop</b> ({@code --rate max}). At most a window of orders is unanswered; the driver
 * sends whenever there is room, and latency runs from the actual send.
 * <p>
 * Payments and cancellations that the workload asks for are handed back by the network thread
 * through a {@link FollowUpQueue} and sent from here between orders (never from the network
 * thread, which must not wait for room).
 */
final class ConnectionDriver implements Runnable {
    private static final long PARK_ABOVE_NANOS = 100_000;
    private static final long PARK_MARGIN_NANOS = 60_000;
    private static final long DRAIN_POLL_NANOS = 1_000_000;
    private static final int FOLLOW_UP_CAPACITY = 1 << 16;

    private final TargetConnection connection;
    private final Workload workload;
    private final Measurements measurements;
    private final RunPlan plan;
    private final long startNanos;
    private final SendWindow window;
    private final FollowUpQueue followUps = new FollowUpQueue(FOLLOW_UP_CAPACITY);
    private final AtomicLong ordersAnswered = new AtomicLong();
    private final AtomicLong followUpsAnswered = new AtomicLong();
    private long ordersSent;
    private long followUpsSent;
    private volatile boolean stopped;

    /**
     * @param startNanos the run's start on {@link System#nanoTime()}; every driver gets the same one
     */
    ConnectionDriver(TargetConnection connection, Workload workload, Measurements measurements, RunPlan plan, long startNanos) {
        this.connection = connection;
        this.workload = workload;
        this.measurements = measurements;
        this.plan = plan;
        this.startNanos = startNanos;
        if (plan.paced()) {
            this.window = new SendWindow(connection.maxOutstanding(), 1);
        } else {
            final int size = Math.min(plan.window(), connection.maxOutstanding());
            this.window = new SendWindow(size, SendWindow.quarterOf(size));
        }
        workload.pace(plan.paced() ? plan.ratePerSecond() / plan.connections() : 0);
    }

    /** Whether the driver has sent everything and heard every answer (or given up waiting). */
    boolean stopped() {
        return stopped;
    }

    @Override
    public void run() {
        try {
            sendOrders();
            drain();
        } finally {
            stopped = true;
        }
    }

    private void sendOrders() {
        final GeneratedOrder order = new GeneratedOrder();
        final long endNanos = startNanos + plan.durationNanos();
        final long giveUpNanos = endNanos + plan.overrunNanos();
        while (true) {
            sendFollowUps();
            if (connection.failure() != null) {
                countUnsent(order, endNanos, 0, "connection failed: " + connection.failure());
                return;
            }
            workload.next(order);
            final long sendStartNanos;
            if (plan.paced()) {
                final long intendedNanos = startNanos + order.intendedOffsetNanos();
                if (intendedNanos - endNanos >= 0) {
                    return;
                }
                if (System.nanoTime() - giveUpNanos > 0) {
                    countUnsent(order, endNanos, 1, "the target fell too far behind the offered rate");
                    return;
                }
                waitUntil(intendedNanos);
                window.acquire();
                sendStartNanos = intendedNanos;
            } else {
                if (System.nanoTime() - endNanos >= 0) {
                    return;
                }
                window.acquire();
                sendStartNanos = System.nanoTime();
            }
            final long orderId = order.orderId();
            final FollowUp followUp = order.followUp();
            ordersSent++;
            measurements.orderSent();
            connection.placeOrder(order, (outcome, reason, error) -> placed(sendStartNanos, orderId, followUp, outcome, reason, error));
        }
    }

    /** Network thread: the answer to an order. */
    private void placed(long sendStartNanos, long orderId, FollowUp followUp, Outcome outcome, RejectReason reason, String error) {
        final long nowNanos = System.nanoTime();
        window.release();
        measurements.orderAnswered(nowNanos - sendStartNanos, nowNanos, outcome, reason, error);
        if (outcome == Outcome.RESERVED) {
            if (followUp == FollowUp.LEAVE || !followUps.offer(followUp == FollowUp.PAY ? orderId : -orderId)) {
                measurements.leftToExpire();
            }
        }
        ordersAnswered.incrementAndGet();
    }

    private void sendFollowUps() {
        while (!followUps.isEmpty() && connection.failure() == null) {
            final long entry = followUps.take();
            window.acquire();
            followUpsSent++;
            measurements.followUpSent();
            final ResponseCallback callback = (outcome, reason, error) -> {
                window.release();
                measurements.followUpAnswered(outcome, error);
                followUpsAnswered.incrementAndGet();
            };
            if (entry > 0) {
                connection.confirmPayment(entry, callback);
            } else {
                connection.cancelOrder(-entry, callback);
            }
        }
    }

    /** After the last order: sends the follow-ups still coming and waits for every answer, up to the drain time. */
    private void drain() {
        final long deadlineNanos = System.nanoTime() + plan.drainNanos();
        while (System.nanoTime() - deadlineNanos < 0) {
            sendFollowUps();
            if (ordersAnswered.get() == ordersSent && followUpsAnswered.get() == followUpsSent && followUps.isEmpty()) {
                return;
            }
            if (connection.failure() != null && window.outstanding() == 0) {
                break; // nothing more will come
            }
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
        }
        measurements.unanswered(ordersSent - ordersAnswered.get(), connection.failure() != null ? connection.failure()
            : "no answer within " + TimeUnit.NANOSECONDS.toSeconds(plan.drainNanos()) + " s of the last order");
    }

    /**
     * Paced runs: the orders scheduled before the end that will not be sent count as errors;
     * {@code alreadyDrawn} is 1 when {@code order} holds one of them already.
     */
    private void countUnsent(GeneratedOrder order, long endNanos, int alreadyDrawn, String why) {
        if (!plan.paced()) {
            return;
        }
        long unsent = alreadyDrawn;
        while (true) {
            workload.next(order);
            if (startNanos + order.intendedOffsetNanos() - endNanos >= 0) {
                break;
            }
            unsent++;
        }
        measurements.unanswered(unsent, "not sent: " + why);
    }

    /** Waits until {@code deadlineNanos}: parks while far (leaving the CPU to the target), yields when near. */
    private void waitUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            if (remaining > PARK_ABOVE_NANOS) {
                LockSupport.parkNanos(remaining - PARK_MARGIN_NANOS);
                sendFollowUps();
            } else {
                Thread.yield();
            }
        }
    }
}
