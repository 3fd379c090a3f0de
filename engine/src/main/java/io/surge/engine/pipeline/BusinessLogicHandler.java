package io.surge.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.surge.engine.codec.QueryKind;
import io.surge.engine.execution.CommandExecutor;
import io.surge.engine.snapshot.SnapshotWriter;

/**
 * The single writer: stamps each command with engine time, has it decided, and leaves a complete
 * journal entry in the slot. Also captures snapshots (on request, and every
 * {@code snapshotEveryEntries} entries or {@code snapshotEveryMs} milliseconds) at a batch end.
 * <p>
 * Runs on the pipeline's business-logic thread only. It takes no locks and allocates nothing per
 * command. If the business logic throws, the state can no longer be trusted: the engine halts.
 */
final class BusinessLogicHandler implements EventHandler<CommandSlot> {
    private final CommandExecutor executor;
    private final EngineClock clock;
    private final EngineHealth health;
    private final SnapshotWriter snapshots;
    private final long snapshotEveryEntries;
    private final long snapshotEveryNanos;
    private long lastTimeMs;
    private long entriesSinceSnapshot;
    private long lastSnapshotNanos = System.nanoTime();

    BusinessLogicHandler(
        CommandExecutor executor, EngineClock clock, EngineHealth health, SnapshotWriter snapshots,
        long snapshotEveryEntries, long snapshotEveryMs) {
        this.executor = executor;
        this.clock = clock;
        this.health = health;
        this.snapshots = snapshots;
        this.snapshotEveryEntries = snapshotEveryEntries;
        this.snapshotEveryNanos = snapshotEveryMs * 1_000_000L;
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
            slot.entryLength = executor.execute(slot.entry, engineTimeMs(), slot.result);
            if (slot.entryLength > 0) {
                entriesSinceSnapshot++;
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

    private boolean snapshotDue() {
        if (entriesSinceSnapshot == 0) {
            return false;
        }
        return (snapshotEveryEntries > 0 && entriesSinceSnapshot >= snapshotEveryEntries)
            || (snapshotEveryNanos > 0 && System.nanoTime() - lastSnapshotNanos >= snapshotEveryNanos);
    }

    private void captureSnapshot(CommandSlot slot) {
        if (snapshots.capture(executor.logic())) {
            slot.snapshotCaptured = true;
            entriesSinceSnapshot = 0;
            lastSnapshotNanos = System.nanoTime();
            if (slot.result.status() == null) {
                slot.result.accepted(executor.logic().appliedSequence());
                slot.result.sequence(executor.logic().appliedSequence());
            }
        } else if (slot.result.status() == null) {
            slot.result.failed("a snapshot is already being written");
        }
    }
}
