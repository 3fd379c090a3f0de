package io.surge.bench.load;

import io.surge.bench.workload.Workload;
import io.surge.engine.domain.RejectReason;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One run: opens a connection per workload stream, starts a sender thread per connection
 * ({@link ConnectionDriver}), samples the measurements once a second on the calling thread until
 * every driver has finished, and sums up. Call {@link #run} from one thread. Public so that
 * another target (a peer database behind its own {@link Target}) can be driven the same way.
 */
public final class LoadRun {
    private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private LoadRun() {
    }

    /**
     * @param target     where to connect (closed by the caller)
     * @param targetName for the result
     * @param workloads  one stream per connection
     */
    public static LoadResult run(Target target, String targetName, List<Workload> workloads, RunPlan plan, ProgressListener progress) {
        final List<TargetConnection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < workloads.size(); i++) {
                connections.add(target.connect(i));
            }
            return drive(targetName, workloads, connections, plan, progress);
        } finally {
            for (TargetConnection connection : connections) {
                connection.close();
            }
        }
    }

    private static LoadResult drive(String targetName, List<Workload> workloads, List<TargetConnection> connections, RunPlan plan,
        ProgressListener progress) {
        final Measurements measurements = new Measurements();
        final long startNanos = System.nanoTime() + START_DELAY_NANOS;
        final List<ConnectionDriver> drivers = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            final ConnectionDriver driver = new ConnectionDriver(connections.get(i), workloads.get(i), measurements, plan, startNanos);
            final Thread thread = new Thread(driver, "load-sender-" + i);
            thread.setDaemon(true);
            drivers.add(driver);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        final Histogram total = new Histogram(Measurements.HIGHEST_MICROS, 3);
        final List<SecondSample> seconds = new ArrayList<>();
        Histogram interval = null;
        Measurements.Counts previous = measurements.counts();
        long nextTickNanos = startNanos + SECOND_NANOS;
        boolean running = true;
        while (running) {
            running = drivers.stream().anyMatch(driver -> !driver.stopped());
            final long now = System.nanoTime();
            if (running && now - nextTickNanos < 0) {
                LockSupport.parkNanos(Math.min(POLL_NANOS, nextTickNanos - now));
                continue;
            }
            interval = measurements.intervalHistogram(interval);
            total.add(interval);
            final Measurements.Counts counts = measurements.counts();
            if (running || counts.answered() > previous.answered() || counts.sent() > previous.sent()) {
                final SecondSample sample = sample(seconds.size() + 1, previous, counts, interval);
                seconds.add(sample);
                progress.second(sample, counts);
            }
            previous = counts;
            nextTickNanos += SECOND_NANOS;
        }
        for (Thread thread : threads) {
            joinQuietly(thread);
        }
        progress.finished();
        interval = measurements.intervalHistogram(interval);
        total.add(interval);
        return result(targetName, workloads.get(0).name(), plan, connections, startNanos, measurements.counts(), total, seconds);
    }

    private static SecondSample sample(int second, Measurements.Counts before, Measurements.Counts now, Histogram interval) {
        final boolean any = interval.getTotalCount() > 0;
        return new SecondSample(second, now.sent() - before.sent(), now.answered() - before.answered(),
            now.reserved() - before.reserved(), now.rejected() - before.rejected(), now.errors() - before.errors(),
            any ? interval.getValueAtPercentile(50) : 0, any ? interval.getValueAtPercentile(99) : 0,
            any ? interval.getValueAtPercentile(99.9) : 0, any ? interval.getMaxValue() : 0);
    }

    private static LoadResult result(String targetName, String workload, RunPlan plan, List<TargetConnection> connections,
        long startNanos, Measurements.Counts counts, Histogram total, List<SecondSample> seconds) {
        final long endNanos = startNanos + plan.durationNanos();
        final long lastNanos = counts.lastAnswerNanos() == 0 ? endNanos : Math.max(counts.lastAnswerNanos(), endNanos);
        final double durationSeconds = plan.durationNanos() / 1e9;
        final double elapsedSeconds = (lastNanos - startNanos) / 1e9;
        final Map<String, Long> byReason = new LinkedHashMap<>();
        final RejectReason[] reasons = RejectReason.values();
        final long[] counted = counts.rejectedByReason();
        for (int i = 0; i < counted.length; i++) {
            if (counted[i] > 0) {
                byReason.put(i < reasons.length ? reasons[i].name() : "UNKNOWN", counted[i]);
            }
        }
        final boolean any = total.getTotalCount() > 0;
        final LoadResult.Latency latency = new LoadResult.Latency(
            any ? total.getValueAtPercentile(50) : 0, any ? total.getValueAtPercentile(90) : 0,
            any ? total.getValueAtPercentile(99) : 0, any ? total.getValueAtPercentile(99.9) : 0,
            any ? total.getMaxValue() : 0, any ? total.getMean() : 0, total.getTotalCount());
        final int window = plan.paced() ? 0 : Math.min(plan.window(), connections.get(0).maxOutstanding());
        // Paced: every scheduled order is sent or counted as an error, so sent + never-sent = scheduled.
        final double offered = plan.paced() ? (counts.sent() + unsentErrors(counts)) / durationSeconds : 0;
        return new LoadResult(targetName, workload, connections.size(), !plan.paced(), window, durationSeconds, elapsedSeconds,
            offered, (counts.reserved() + counts.rejected()) / elapsedSeconds, counts.sent(), counts.reserved(),
            counts.rejected(), byReason, counts.errors(), counts.firstError(), counts.paid(), counts.cancelled(),
            counts.leftToExpire(), counts.followUpsRejected(), counts.followUpErrors(), latency, List.copyOf(seconds));
    }

    /** Errors that are orders never sent: every order sent is answered, errs or is unanswered, so the excess. */
    private static long unsentErrors(Measurements.Counts counts) {
        return Math.max(0, counts.answered() - counts.sent());
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
