package io.surge.engine.recovery;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.snapshot.SnapshotInfo;

import java.util.List;

/**
 * The outcome of recovery.
 *
 * @param logic            the rebuilt state
 * @param lastPosition     journal position of the last entry (-1 for an empty journal)
 * @param snapshot         the snapshot it started from, or null when it replayed from the start
 * @param skipped          warnings about snapshots that could not be used
 * @param entriesReplayed  journal entries re-executed after the snapshot
 * @param elapsedNanos     how long recovery took
 */
public record RecoveredState(
    BusinessLogic logic, long lastPosition, SnapshotInfo snapshot, List<String> skipped, long entriesReplayed,
    long elapsedNanos) {
}
