package io.surge.engine.pipeline;

import io.surge.engine.domain.CommandResult;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * One pre-allocated ring slot. A producer encodes a command into {@link #entry}; the
 * business-logic handler copies it into the {@link EntryLog}, completes it there into a journal
 * entry (header, command, events) and fills {@link #result}; the journal handler appends the
 * entry and then tells the {@link #listener}.
 * <p>
 * Slots are created once and mutated in place; the Disruptor's sequence barriers order the
 * three stages, so no field needs to be volatile.
 */
public final class CommandSlot {
    static final int INITIAL_ENTRY_CAPACITY = 512;

    /** The command, at {@code CommandEncoder.COMMAND_OFFSET}, as the producer encoded it. */
    final ExpandableDirectByteBuffer entry = new ExpandableDirectByteBuffer(INITIAL_ENTRY_CAPACITY);
    final CommandResult result = new CommandResult();
    /** Where the command ends in {@link #entry}. */
    int commandEnd;
    /** Bytes to journal, or 0 when the command produced nothing to journal. */
    int entryLength;
    /** Where the entry to journal lies in the {@link EntryLog}. */
    long logPosition;
    /** False when the producer failed to encode the command: it is answered FAILED. */
    boolean encoded;
    ResultListener listener;
    long correlationId;
    /** The business logic captured a snapshot at this slot; the journal thread submits it. */
    boolean snapshotCaptured;
    /** A snapshot request: its listener hears once the snapshot file is written. */
    boolean isSnapshotRequest;
    /** When the producer published the slot (System.nanoTime), for latency figures. */
    long publishedNanos;

    void prepare(ResultListener listener, long correlationId) {
        // Stored only when it changes, and never cleared: with G1, each reference stored into
        // these long-lived slots dirties a card for the refinement threads to scan, while a
        // gateway connection or an embedded caller mostly publishes with the same listener.
        // A stale listener is never called (every publish prepares the slot) and keeps at most
        // a ring's worth of objects alive.
        if (this.listener != listener) {
            this.listener = listener;
        }
        this.correlationId = correlationId;
        this.encoded = false;
        this.entryLength = 0;
        this.isSnapshotRequest = false;
    }
}
