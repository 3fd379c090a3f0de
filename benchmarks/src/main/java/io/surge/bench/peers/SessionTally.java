package io.surge.bench.peers;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * What one connection saw: outcomes and latencies (from sending an order to its answer). Written
 * by the connection's thread and, for Redis, by the client's event loop that completes the
 * replies, so the writers synchronise on the tally; {@link #completed()} may be read from any
 * thread (progress line).
 */
public final class SessionTally {
    /** Latencies above a minute are recorded as a minute (a run that slow is broken anyway). */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Histogram latencyNanos = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    private long reserved;
    private long rejected;
    private long errors;
    private String firstError;
    private volatile long completed;

    /** An order that was reserved, {@code latencyNanos} after it was sent. */
    public synchronized void reserved(long latencyNanos) {
        record(latencyNanos);
        reserved++;
    }

    /** An order that was decided against (out of stock, unknown SKU, reused id). */
    public synchronized void rejected(long latencyNanos) {
        record(latencyNanos);
        rejected++;
    }

    /** An order whose outcome is unknown: the peer answered with an error or did not answer. */
    public synchronized void error(String message) {
        errors++;
        if (firstError == null) {
            firstError = message;
        }
        completed = completed + 1;
    }

    /** Orders answered so far, errors included. */
    public long completed() {
        return completed;
    }

    /** Adds this tally into {@code total}. Call once every writer has finished. */
    public synchronized void addTo(RunTotals total) {
        total.add(latencyNanos, reserved, rejected, errors, firstError);
    }

    private void record(long latencyNanos) {
        this.latencyNanos.recordValue(Math.min(Math.max(latencyNanos, 0), HIGHEST_TRACKABLE_NANOS));
        completed = completed + 1;
    }
}
