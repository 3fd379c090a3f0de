package io.surge.engine.pipeline;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;

/**
 * Figures about the pipeline itself (not the business outcomes, which the business logic keeps):
 * what is journaled, how big batches are, how long a command waits for its answer. Written by the
 * journal thread only (once per batch, and once per answered command for the latency), read by
 * anyone.
 * <p>
 * The two histograms are HdrHistogram single-writer recorders: recording is wait-free and
 * allocates nothing; readers ({@link #decisionLatencyNanos}, {@link #batchSizes}) take the
 * interval since the last read, add it to a running total and get a copy of that total.
 */
public final class PipelineMetrics {
    /** Latencies above this are recorded as this (a stalled disk, a paused JVM). */
    public static final long LATENCY_HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Batch sizes above this are recorded as this. */
    public static final long BATCH_SIZE_HIGHEST = 1L << 30;
    private static final int SIGNIFICANT_DIGITS = 2;

    private final SingleWriterRecorder decisionLatency = new SingleWriterRecorder(1, LATENCY_HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final SingleWriterRecorder batchSizeRecorder = new SingleWriterRecorder(1, BATCH_SIZE_HIGHEST, SIGNIFICANT_DIGITS);
    private final Histogram decisionLatencyTotal = new Histogram(1, LATENCY_HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram batchSizeTotal = new Histogram(1, BATCH_SIZE_HIGHEST, SIGNIFICANT_DIGITS);
    private Histogram decisionLatencyInterval;
    private Histogram batchSizeInterval;

    private volatile long journaledSequence;
    private volatile long journalBytesAppended;
    private volatile long batches;
    private volatile long commandsAnswered;
    private volatile long largestBatch;

    void journaledSequence(long sequence) {
        journaledSequence = sequence;
    }

    void journaled(long sequence, long bytesAppended, long batchSize) {
        journaledSequence = sequence;
        journalBytesAppended = bytesAppended;
        batches = batches + 1;
        if (batchSize > largestBatch) {
            largestBatch = batchSize;
        }
        batchSizeRecorder.recordValue(Math.min(Math.max(batchSize, 1), BATCH_SIZE_HIGHEST));
    }

    /** One command answered {@code nanos} after it was published (journal thread; allocation-free). */
    void decided(long nanos) {
        decisionLatency.recordValue(Math.min(Math.max(nanos, 1), LATENCY_HIGHEST_NANOS));
    }

    void answered(long commands) {
        commandsAnswered = commandsAnswered + commands;
    }

    /** The sequence of the last entry known durable (per the durability mode). */
    public long journaledSequence() {
        return journaledSequence;
    }

    /** Journal bytes appended by this process. */
    public long journalBytesAppended() {
        return journalBytesAppended;
    }

    public long batches() {
        return batches;
    }

    public long commandsAnswered() {
        return commandsAnswered;
    }

    public long largestBatch() {
        return largestBatch;
    }

    /**
     * Every answered command's time from publishing to answer (nanoseconds) since the engine
     * started (its catalogue seed left out): a copy, the caller's to keep. Queries count too; ticks (nobody waits) do not.
     */
    public synchronized Histogram decisionLatencyNanos() {
        decisionLatencyInterval = decisionLatency.getIntervalHistogram(decisionLatencyInterval);
        decisionLatencyTotal.add(decisionLatencyInterval);
        return decisionLatencyTotal.copy();
    }

    /** Drops the decision latencies recorded so far (the start's own commands), from any thread. */
    public synchronized void forgetDecisionLatency() {
        decisionLatencyInterval = decisionLatency.getIntervalHistogram(decisionLatencyInterval);
        decisionLatencyTotal.reset();
    }

    /** The size (commands) of every journal batch since the engine started: a copy. */
    public synchronized Histogram batchSizes() {
        batchSizeInterval = batchSizeRecorder.getIntervalHistogram(batchSizeInterval);
        batchSizeTotal.add(batchSizeInterval);
        return batchSizeTotal.copy();
    }
}
