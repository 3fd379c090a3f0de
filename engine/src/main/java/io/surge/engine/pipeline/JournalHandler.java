package io.surge.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import io.surge.engine.codec.EntryHeader;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.Status;
import io.surge.engine.journal.JournalAppender;
import io.surge.engine.snapshot.SnapshotWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each slot's entry to the journal, flushes once per batch (forcing it to disk in fsync
 * mode), and only then answers the batch's callers: nobody hears of an outcome the journal does
 * not hold. If appending or flushing fails, the engine halts and the whole batch is answered
 * FAILED.
 * <p>
 * Runs on the pipeline's journal thread only. The slots of a batch stay untouched by producers
 * until this handler finishes the batch, so it may revisit them at the batch end.
 */
final class JournalHandler implements EventHandler<CommandSlot> {
    private static final Logger LOG = LoggerFactory.getLogger(JournalHandler.class);

    private final JournalAppender appender;
    private final EntryLog log;
    private final EngineHealth health;
    private final SnapshotWriter snapshots;
    private final DiskSpaceGuard diskSpace;
    private final PipelineMetrics metrics;
    private RingBuffer<CommandSlot> ring;

    private long batchStart = -1;
    private long logEnd;
    private long lastPosition;
    private long lastSequence;
    private boolean snapshotPending;
    private long snapshotPosition;
    private ResultListener snapshotListener;
    private long snapshotCorrelationId;
    private long listenerFailures;

    JournalHandler(
        JournalAppender appender, EntryLog log, EngineHealth health, SnapshotWriter snapshots, DiskSpaceGuard diskSpace,
        PipelineMetrics metrics, long recoveredPosition, long recoveredSequence) {
        this.appender = appender;
        this.log = log;
        this.health = health;
        this.snapshots = snapshots;
        this.diskSpace = diskSpace;
        this.metrics = metrics;
        this.lastPosition = recoveredPosition;
        this.lastSequence = recoveredSequence;
        metrics.journaledSequence(recoveredSequence);
    }

    void ring(RingBuffer<CommandSlot> ring) {
        this.ring = ring;
    }

    @Override
    public void onBatchStart(long batchSize, long queueDepth) {
        if (health.isHalted()) {
            return;
        }
        try {
            diskSpace.check();
        } catch (Exception e) {
            health.halt(e.getMessage(), e);
        }
    }

    @Override
    public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
        if (batchStart < 0) {
            batchStart = sequence;
        }
        if (slot.entryLength > 0) {
            logEnd = slot.logPosition + slot.entryLength;
            if (!health.isHalted()) {
                try {
                    final UnsafeBuffer entry = log.entryAt(slot.logPosition, slot.entryLength);
                    EntryHeader.seal(entry, 0);
                    appender.append(entry, 0, slot.entryLength);
                    lastSequence = EntryHeader.sequence(entry, 0);
                } catch (Throwable t) {
                    health.halt("journal append failed: " + EngineHealth.describe(t), t);
                }
            }
        }
        if (slot.snapshotCaptured) {
            // Commit the group holding the snapshot's last entry now, so its position is known.
            flush();
            snapshotPending = true;
            snapshotPosition = lastSequence == 0 ? -1 : lastPosition;
            snapshotListener = slot.isSnapshotRequest ? slot.listener : null;
            snapshotCorrelationId = slot.correlationId;
        }
        if (endOfBatch) {
            endBatch(sequence);
        }
    }

    private void flush() {
        if (health.isHalted()) {
            return;
        }
        try {
            appender.flush();
            final long position = appender.lastPosition();
            if (position >= 0) {
                lastPosition = position;
            }
        } catch (Throwable t) {
            health.halt("journal flush failed: " + EngineHealth.describe(t), t);
        }
    }

    private void endBatch(long endSequence) {
        flush();
        final boolean durable = !health.isHalted();
        if (durable) {
            metrics.journaled(lastSequence, appender.bytesAppended(), endSequence - batchStart + 1);
        }
        if (snapshotPending) {
            handOverSnapshot(durable);
        }
        final long answeredNanos = System.nanoTime(); // one clock read per batch: latency is per command
        for (long s = batchStart; s <= endSequence; s++) {
            final CommandSlot slot = ring.get(s);
            if (!durable && slot.result.status() != Status.FAILED) {
                slot.result.failed("not journaled: " + health.haltReason());
            }
            final boolean answeredBySnapshotWriter = durable && slot.isSnapshotRequest && slot.snapshotCaptured;
            if (slot.listener != null && !answeredBySnapshotWriter) {
                if (durable) {
                    metrics.decided(answeredNanos - slot.publishedNanos);
                }
                notify(slot);
            }
            // slot.listener stays until the slot is reused (see CommandSlot#prepare).
        }
        metrics.answered(endSequence - batchStart + 1);
        log.release(logEnd);
        batchStart = -1;
    }

    private void handOverSnapshot(boolean durable) {
        snapshotPending = false;
        final ResultListener listener = snapshotListener;
        final long correlationId = snapshotCorrelationId;
        snapshotListener = null;
        if (!durable) {
            snapshots.abandon();
            return;
        }
        snapshots.submit(snapshotPosition, written -> {
            if (listener != null) {
                final CommandResult result = new CommandResult().reset();
                if (written == null) {
                    result.failed("the snapshot could not be written (see the log)");
                } else {
                    result.accepted(written.sequence());
                    result.sequence(written.sequence());
                }
                listener.onResult(correlationId, result);
            }
        });
    }

    private void notify(CommandSlot slot) {
        try {
            slot.listener.onResult(slot.correlationId, slot.result);
        } catch (Throwable t) {
            if (listenerFailures++ == 0) {
                LOG.warn("A result listener threw (further failures are counted, not logged)", t);
            }
        }
    }
}
