package io.surge.bench.peers;

import io.surge.bench.workload.Workload;

/** One connection to a peer, driven by one thread for one stream of orders. */
public interface PeerSession extends AutoCloseable {
    /**
     * Sends {@code workload}'s orders as fast as the peer answers (closed loop) until
     * {@code deadlineNanos} ({@link System#nanoTime()}), then waits for every answer; records
     * each outcome in {@code tally}.
     */
    void run(Workload workload, long deadlineNanos, SessionTally tally) throws Exception;

    @Override
    void close();
}
