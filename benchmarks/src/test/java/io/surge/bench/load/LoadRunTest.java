package io.surge.bench.load;

import io.surge.bench.workload.Workload;
import io.surge.bench.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator against an in-memory target: rate control, latency accounting, the closed-loop window. */
class LoadRunTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void achievesTheOfferedRateBelowSaturation() {
        final FakeTarget target = new FakeTarget(100_000, 1024, 0, 0);
        final LoadResult result = run(target, "uniform", 2_000, 2, 2_000 * MS, 0);
        assertEquals(4_000, result.sent(), 2, "sent");
        assertEquals(2_000, result.offeredPerSecond(), 2);
        assertEquals(result.offeredPerSecond(), result.ordersPerSecond(), result.offeredPerSecond() * 0.1, "achieved");
        assertEquals(result.sent(), result.reserved());
        assertEquals(0, result.errors());
        // The sends are spread over the run, not bunched: every full second carries about its share.
        assertTrue(result.seconds().size() >= 2);
        assertEquals(2_000, result.seconds().get(1).sent(), 300, "orders sent in second 2");
    }

    @Test
    void aStallShowsUpInTheOrdersItDelayedNotJustTheOneInFlight() {
        // One request at a time (like an HTTP connection), answers in 0.1 ms, 2,000 orders/s;
        // at the 1,000th order the target stalls for 200 ms. About 400 orders should have gone out
        // during the stall: measured from their intended send times they waited 200 ms down to ~0.
        final FakeTarget target = new FakeTarget(100_000, 1, 1_000, 200 * MS);
        final LoadResult result = run(target, "uniform", 2_000, 1, 2_000 * MS, 0);
        final LoadResult.Latency latency = result.latency();
        assertEquals(4_000, result.sent(), 2);
        assertEquals(0, result.errors());
        assertTrue(latency.maxMicros() >= 190_000, "max " + latency.maxMicros());
        // ~10% of the orders were delayed by the stall, evenly from 200 ms down: the slowest 1%
        // waited over 150 ms. Timing from the actual send would put p99 near 0.1 ms.
        assertTrue(latency.p99Micros() >= 150_000, "p99 " + latency.p99Micros());
        assertTrue(latency.p999Micros() >= 190_000, "p99.9 " + latency.p999Micros());
        assertTrue(latency.p50Micros() < 50_000, "p50 " + latency.p50Micros());
    }

    @Test
    void closedLoopKeepsAtMostTheWindowOutstanding() {
        final FakeTarget target = new FakeTarget(MS, 1024, 0, 0);
        final LoadResult result = run(target, "uniform", 0, 2, 1_000 * MS, 8);
        assertTrue(result.closedLoop());
        assertEquals(8, result.window());
        assertTrue(target.mostOutstanding() <= 8, "outstanding " + target.mostOutstanding());
        // 2 connections x 8 orders per ~1 ms round trip: thousands per second, whatever the machine.
        assertTrue(result.ordersPerSecond() > 1_000, "achieved " + result.ordersPerSecond());
        assertEquals(result.sent(), result.reserved());
        assertEquals(0, result.errors());
    }

    @Test
    void singlesDayPaysAndCancelsSomeReservedOrdersAndLeavesTheRest() {
        final FakeTarget target = new FakeTarget(100_000, 1024, 0, 0);
        final LoadResult result = run(target, "singles-day", 500, 2, 1_000 * MS, 0);
        // The burst: 2 s at 4x the rate, so a 1 s run is all burst.
        assertEquals(2_000, result.sent(), 2);
        assertEquals(result.reserved(), result.paid() + result.cancelled() + result.leftToExpire());
        assertEquals(0.7, (double) result.paid() / result.reserved(), 0.05);
        assertEquals(0.1, (double) result.cancelled() / result.reserved(), 0.03);
        assertEquals(0, result.followUpErrors());
    }

    @Test
    void ordersATargetCannotTakeInTimeAreErrors() {
        // One request at a time, 50 ms each: 20 orders/s at most, 200 offered for 1 s. The generator
        // keeps sending late orders until the overrun limit (1 s here), then counts the rest.
        final FakeTarget target = new FakeTarget(50 * MS, 1, 0, 0);
        final LoadResult result = run(target, "uniform", 200, 1, 1_000 * MS, 0);
        assertEquals(200, result.offeredPerSecond(), 1);
        assertTrue(result.errors() > 100, "errors " + result.errors());
        assertEquals(200, result.reserved() + result.errors(), 1);
        assertTrue(result.firstError().contains("fell too far behind"), result.firstError());
    }

    private static LoadResult run(FakeTarget target, String workload, double rate, int connections, long durationNanos, int window) {
        final List<Workload> streams = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            streams.add(Workloads.parse(workload, 1_000, 7, i, 1));
        }
        final RunPlan plan = new RunPlan(rate, durationNanos, connections, window, 5_000 * MS, 1_000 * MS);
        try (target) {
            return LoadRun.run(target, "fake", streams, plan, ProgressListener.NONE);
        }
    }
}
