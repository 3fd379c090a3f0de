package io.surge.engine.pipeline;

/**
 * Figures about the pipeline itself (not the business outcomes, which the business logic keeps):
 * what is journaled, how big batches are. Written by the journal thread once per batch, read by
 * anyone.
 */
public final class PipelineMetrics {
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
}
