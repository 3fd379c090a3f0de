package io.surge.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import io.surge.engine.codec.QueryKind;
import io.surge.engine.execution.CommandExecutor;
import io.surge.engine.snapshot.SnapshotWriter;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The single writer: stamps each command with engine time, has it decided, and writes the complete
 * journal entry into the {@link EntryLog}, noting where in the slot. Also captures snapshots (on request, and every
 * {@code snapshotEveryEntries} entries or {@code snapshotEveryMs} milliseconds) at a batch end.
 * <p>
 * Runs on the pipeline's business-logic thread only. It takes no locks and allocates nothing per
 * command. If the business logic throws, the state can no longer be trusted: the engine halts.
 */
final class BusinessLogicHandler implements EventHandler<CommandSlot> {
    /** How often (in entries) the snapshot buffer is checked to have room for the state. */
    private static final long SNAPSHOT_ROOM_CHECK_MASK = (1 << 16) - 1;

    private final CommandExecutor executor;
    private final EntryLog log;
    private final EngineClock clock;
    private final EngineHealth health;
    private final SnapshotWriter snapshots;
    private final long snapshotEveryEntries;
    private final long snapshotEveryNanos;
    private long lastTimeMs;
    private long entriesSinceSnapshot;
    private long lastSnapshotNanos = System.nanoTime();
    private Sequence progress;

    BusinessLogicHandler(
        CommandExecutor executor, EntryLog log, EngineClock clock, EngineHealth health, SnapshotWriter snapshots,
        long snapshotEveryEntries, long snapshotEveryMs) {
        this.executor = executor;
        this.log = log;
        this.clock = clock;
        this.health = health;
        this.snapshots = snapshots;
        this.snapshotEveryEntries = snapshotEveryEntries;
        this.snapshotEveryNanos = snapshotEveryMs * 1_000_000L;
        this.lastTimeMs = executor.logic().appliedTimeMs(); // engine time continues from the journal
    }

    /** The Disruptor's sequence of this handler, to publish progress before a batch ends. */
    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.progress = sequenceCallback;
    }

    @Override
    public void onEvent(CommandSlot slot, long sequence, boolean endOfBatch) {
        slot.result.reset();
        slot.entryLength = 0;
        slot.snapshotCaptured = false;
        if (health.isHalted()) {
            slot.result.failed("engine halted: " + health.haltReason());
            return;
        }
        if (!slot.encoded) {
            slot.result.failed("the command could not be encoded");
            return;
        }
        try {
            if (executor.queryKind(slot.entry) == QueryKind.SNAPSHOT) {
                captureSnapshot(slot);
                return;
            }
            if (!log.hasRoom()) {
                // The journal thread frees log space only for entries it can see: show it the
                // slots decided so far in this batch, or both threads would wait for each other.
                progress.set(sequence - 1);
            }
            final UnsafeBuffer entry = log.claim();
            entry.putBytes(0, slot.entry, 0, slot.commandEnd);
            slot.entryLength = executor.execute(entry, engineTimeMs(), slot.result);
            if (slot.entryLength > 0) {
                slot.logPosition = log.claimedPosition();
                log.commit(slot.entryLength);
                entriesSinceSnapshot++;
                if (periodicSnapshots() && (entriesSinceSnapshot & SNAPSHOT_ROOM_CHECK_MASK) == 0) {
                    snapshots.reserveAhead(executor.logic().snapshotBytesEstimate());
                }
            }
            if (endOfBatch && snapshotDue()) {
                captureSnapshot(slot);
            }
        } catch (Throwable t) {
            slot.entryLength = 0;
            health.halt("business logic failed: " + t, t);
            slot.result.failed("engine halted: " + health.haltReason());
        }
    }

    /** Engine time never goes backwards, even if the wall clock does. */
    private long engineTimeMs() {
        final long now = clock.nowMs();
        if (now > lastTimeMs) {
            lastTimeMs = now;
        }
        return lastTimeMs;
    }

    /** Without them a snapshot comes only on request or at shutdown, where a slower capture costs little. */
    private boolean periodicSnapshots() {
        return snapshotEveryEntries > 0 || snapshotEveryNanos > 0;
    }

    private boolean snapshotDue() {
        if (entriesSinceSnapshot == 0) {
            return false;
        }
        return (snapshotEveryEntries > 0 && entriesSinceSnapshot >= snapshotEveryEntries)
            || (snapshotEveryNanos > 0 && System.nanoTime() - lastSnapshotNanos >= snapshotEveryNanos);
    }

    private void captureSnapshot(CommandSlot slot) {
        final String declined = snapshots.capture(executor.logic());
        if (declined == null || !declined.equals(SnapshotWriter.BUSY)) {
            // Taken, or refused for want of memory: either way the next periodic try is a whole period away.
            entriesSinceSnapshot = 0;
            lastSnapshotNanos = System.nanoTime();
        }
        if (declined == null) {
            slot.snapshotCaptured = true;
            if (slot.result.status() == null) {
                slot.result.accepted(executor.logic().appliedSequence());
                slot.result.sequence(executor.logic().appliedSequence());
            }
        } else if (slot.result.status() == null) {
            slot.result.failed(declined);
        }
    }
}
