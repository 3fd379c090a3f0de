package io.surge.bench.load;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a run. Latencies in microseconds: from each order's intended send time (paced)
 * or its actual send (closed loop) to its answer. Immutable.
 *
 * @param target             the target address
 * @param workload           the workload's name
 * @param connections        connections used
 * @param closedLoop         whether the run was {@code --rate max}
 * @param window             closed loop: unanswered orders per connection at most; paced: 0
 * @param durationSeconds    the scheduled duration
 * @param elapsedSeconds     from the start to the last answer (at least the duration)
 * @param offeredPerSecond   paced: orders scheduled per second over the duration; closed loop: 0
 * @param ordersPerSecond    orders the engine decided (reserved + rejected) per elapsed second
 * @param sent               orders sent
 * @param reserved           orders reserved
 * @param rejected           orders rejected
 * @param rejectionsByReason rejections per reason name (only reasons seen)
 * @param errors             orders not decided: transport failures, non-200 answers, protocol
 *                           errors, no answer in time, or not sent because the target fell behind
 * @param firstError         one of the error messages, or null
 * @param paid               payments confirmed
 * @param cancelled          cancellations confirmed
 * @param leftToExpire       reserved orders deliberately left to expire
 * @param followUpsRejected  payments or cancellations rejected
 * @param followUpErrors     payments or cancellations not decided
 * @param latency            p50, p90, p99, p99.9, max and mean latency
 * @param seconds            per-second samples
 */
public record LoadResult(String target, String workload, int connections, boolean closedLoop, int window,
                         double durationSeconds, double elapsedSeconds, double offeredPerSecond, double ordersPerSecond,
                         long sent, long reserved, long rejected, Map<String, Long> rejectionsByReason, long errors,
                         String firstError, long paid, long cancelled, long leftToExpire, long followUpsRejected,
                         long followUpErrors, Latency latency, List<SecondSample> seconds) {

    /** Latency percentiles in microseconds. */
    public record Latency(long p50Micros, long p90Micros, long p99Micros, long p999Micros, long maxMicros, double meanMicros,
                          long count) {
    }
}
