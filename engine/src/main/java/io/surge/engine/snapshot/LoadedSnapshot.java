package io.surge.engine.snapshot;

import io.surge.engine.domain.BusinessLogic;

/** A snapshot that passed every check, with the state it holds. */
public record LoadedSnapshot(SnapshotInfo info, BusinessLogic logic) {
}
