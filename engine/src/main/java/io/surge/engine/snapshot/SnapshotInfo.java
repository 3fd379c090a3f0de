package io.surge.engine.snapshot;

import java.nio.file.Path;

/**
 * What a snapshot file says about itself.
 *
 * @param file            where it lies
 * @param sequence        the journal sequence of the last entry the state includes (0: none)
 * @param journalPosition the journal position of that entry (-1 when sequence is 0)
 * @param stateHash       {@code BusinessLogic.stateHash()} of the state it holds
 * @param createdAtMs     wall-clock time it was written, for operators
 * @param stateLength     bytes of serialized state
 */
public record SnapshotInfo(
    Path file, long sequence, long journalPosition, long stateHash, long createdAtMs, long stateLength) {
}
