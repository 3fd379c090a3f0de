package io.surge.bench.load;

/**
 * How one run sends: paced at {@code ratePerSecond} (open loop) or, when it is 0, as fast as a
 * window of {@code window} unanswered orders per connection allows (closed loop). Immutable.
 *
 * @param ratePerSecond  total offered orders per second over all connections; 0 for closed loop
 * @param durationNanos  how long orders are scheduled (paced) or sent (closed loop)
 * @param connections    how many connections, each with its own order stream
 * @param window         closed loop: unanswered orders per connection at most (capped by what the
 *                       connection allows); paced: ignored, the connection's own limit applies
 * @param drainNanos     how long to wait for answers after the last order was sent
 * @param overrunNanos   paced: how long past the end the generator keeps sending orders that are
 *                       late because the target fell behind; orders still unsent then are errors
 */
public record RunPlan(double ratePerSecond, long durationNanos, int connections, int window, long drainNanos, long overrunNanos) {
    public boolean paced() {
        return ratePerSecond > 0;
    }
}
