package io.surge.bench.load;

import io.surge.engine.domain.RejectReason;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a run counts: order latencies in an HdrHistogram {@link Recorder} (wait-free for writers,
 * in microseconds, 3 significant digits) and outcome counters. Writers are the connections'
 * network threads (answers) and sender threads (sends); nothing here takes a lock on their path.
 * The reporter thread reads interval histograms and counters once a second.
 */
public final class Measurements {
    /** Latencies above this (one hour) are recorded as this. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final RejectReason[] REASONS = RejectReason.values();

    private final Recorder latencyMicros = new Recorder(HIGHEST_MICROS, 3);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    /** Index REASONS.length counts rejections whose reason the client did not know. */
    private final AtomicLongArray rejectedByReason = new AtomicLongArray(REASONS.length + 1);
    private final AtomicLong followUpsSent = new AtomicLong();
    private final AtomicLong paid = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong followUpsRejected = new AtomicLong();
    private final AtomicLong followUpErrors = new AtomicLong();
    private final AtomicLong leftToExpire = new AtomicLong();
    private final AtomicLong lastAnswerNanos = new AtomicLong();
    private volatile String firstError;

    /** Sender thread: an order went out. */
    void orderSent() {
        sent.incrementAndGet();
    }

    /**
     * Network thread: the answer to an order, {@code latencyNanos} after its start (its intended
     * send time when paced, its actual send time in closed loop).
     */
    void orderAnswered(long latencyNanos, long nowNanos, Outcome outcome, RejectReason reason, String error) {
        latencyMicros.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, latencyNanos / 1_000)));
        switch (outcome) {
            case RESERVED -> reserved.incrementAndGet();
            case REJECTED -> {
                rejected.incrementAndGet();
                rejectedByReason.incrementAndGet(reason == null ? REASONS.length : reason.ordinal());
            }
            default -> error(error);
        }
        lastAnswerNanos.accumulateAndGet(nowNanos, Math::max);
    }

    /** Network thread: a reserved order is deliberately left to expire. */
    void leftToExpire() {
        leftToExpire.incrementAndGet();
    }

    /** Sender thread: a payment or cancellation went out. */
    void followUpSent() {
        followUpsSent.incrementAndGet();
    }

    /** Network thread: the answer to a payment or cancellation. */
    void followUpAnswered(Outcome outcome, String error) {
        switch (outcome) {
            case PAID -> paid.incrementAndGet();
            case CANCELLED -> cancelled.incrementAndGet();
            case REJECTED -> followUpsRejected.incrementAndGet();
            default -> {
                followUpErrors.incrementAndGet();
                noteError(error);
            }
        }
    }

    /** Any thread: orders that were sent and never answered count as errors. */
    void unanswered(long count, String why) {
        if (count > 0) {
            errors.addAndGet(count);
            noteError(count + " orders unanswered: " + why);
        }
    }

    /** Reporter thread: the latencies recorded since the previous call. */
    Histogram intervalHistogram(Histogram recycled) {
        return latencyMicros.getIntervalHistogram(recycled);
    }

    Counts counts() {
        final long[] byReason = new long[REASONS.length + 1];
        for (int i = 0; i < byReason.length; i++) {
            byReason[i] = rejectedByReason.get(i);
        }
        return new Counts(sent.get(), reserved.get(), rejected.get(), errors.get(), byReason, followUpsSent.get(), paid.get(),
            cancelled.get(), followUpsRejected.get(), followUpErrors.get(), leftToExpire.get(), lastAnswerNanos.get(),
            firstError);
    }

    private void error(String error) {
        errors.incrementAndGet();
        noteError(error);
    }

    private void noteError(String error) {
        if (firstError == null) {
            firstError = error; // a benign race: some early error is kept
        }
    }

    /** A snapshot of the counters; {@code rejectedByReason} is indexed by {@link RejectReason#ordinal()}, unknown last. */
    public record Counts(long sent, long reserved, long rejected, long errors, long[] rejectedByReason, long followUpsSent, long paid,
                  long cancelled, long followUpsRejected, long followUpErrors, long leftToExpire, long lastAnswerNanos,
                  String firstError) {
        public long answered() {
            return reserved + rejected + errors;
        }
    }
}
