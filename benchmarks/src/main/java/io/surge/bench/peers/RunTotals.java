package io.surge.bench.peers;

import org.HdrHistogram.Histogram;

/** The sum of every connection's {@link SessionTally} after a run. Confined to one thread. */
public final class RunTotals {
    private final Histogram latencyNanos = new Histogram(SessionTally.HIGHEST_TRACKABLE_NANOS, 3);
    private long reserved;
    private long rejected;
    private long errors;
    private String firstError;

    void add(Histogram latencies, long reserved, long rejected, long errors, String firstError) {
        latencyNanos.add(latencies);
        this.reserved += reserved;
        this.rejected += rejected;
        this.errors += errors;
        if (this.firstError == null) {
            this.firstError = firstError;
        }
    }

    /** The result of a run of {@code elapsedNanos} (from the first order sent to the last answer). */
    public PeerResult toResult(String system, String workload, int connections, int skus, long seed, long elapsedNanos) {
        final long orders = reserved + rejected + errors;
        final double seconds = elapsedNanos / 1e9;
        return new PeerResult(system, workload, connections, skus, seed, round(seconds, 3), orders,
            round(seconds > 0 ? orders / seconds : 0, 1), micros(50), micros(90), micros(99), micros(99.9),
            latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getMaxValue() / 1000, reserved, rejected, errors, firstError);
    }

    private long micros(double percentile) {
        return latencyNanos.getTotalCount() == 0 ? 0 : latencyNanos.getValueAtPercentile(percentile) / 1000;
    }

    private static double round(double value, int decimals) {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
