package io.surge.bench.load;

/**
 * One second of a run, for the progress line and the charts: what was sent and answered during
 * the second, and the latency percentiles of the orders answered in it (microseconds; 0 when none
 * was). Immutable.
 */
public record SecondSample(int second, long sent, long answered, long reserved, long rejected, long errors,
                    long p50Micros, long p99Micros, long p999Micros, long maxMicros) {
}
