package io.surge.engine.recovery;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.execution.EntryReplayer;
import io.surge.engine.journal.Journal;
import io.surge.engine.journal.JournalTailer;
import io.surge.engine.snapshot.LoadedSnapshot;
import io.surge.engine.snapshot.SnapshotInfo;
import io.surge.engine.snapshot.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the state from disk: the newest snapshot that passes every check and still lines up
 * with the journal, then the journal entries after it, each re-executed and compared with what
 * was recorded. A damaged or stale snapshot is skipped with a warning; a damaged journal entry
 * stops recovery (the journal is the source of truth, and nothing after a gap can be trusted).
 */
public final class StateRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StateRecovery.class);

    private StateRecovery() {
    }

    public static RecoveredState recover(Journal journal, SnapshotStore snapshots) {
        final long started = System.nanoTime();
        final List<String> skipped = new ArrayList<>();
        try (JournalTailer tailer = journal.tailer()) {
            LoadedSnapshot chosen = null;
            for (Path file : listSnapshots(snapshots, skipped)) {
                final LoadedSnapshot candidate = tryLoad(snapshots, file, skipped);
                if (candidate != null && linesUp(candidate.info(), tailer, skipped)) {
                    chosen = candidate;
                    break;
                }
            }
            final BusinessLogic logic = chosen == null ? new BusinessLogic() : chosen.logic();
            if (chosen == null || chosen.info().sequence() == 0) {
                tailer.toStart();
            } else {
                tailer.seek(chosen.info().journalPosition());
            }
            final EntryReplayer replayer = new EntryReplayer(logic);
            final long[] position = {chosen == null ? -1 : chosen.info().journalPosition()};
            final long[] replayed = {0};
            while (tailer.read((buffer, offset, length, groupPosition) -> {
                position[0] = groupPosition;
                if (length >= EntryHeader.LENGTH && EntryHeader.sequence(buffer, offset) <= logic.appliedSequence()
                    && EntryHeader.problem(buffer, offset, length) == null) {
                    return true; // in the snapshot already (it shares a group with the snapshot's last entry)
                }
                final long expected = logic.appliedSequence() + 1;
                final String problem = replayer.apply(buffer, offset, length);
                if (problem != null) {
                    throw new JournalCorruptException(expected, problem + " (journal position " + groupPosition + ")");
                }
                replayed[0]++;
                return true;
            }, 1 << 16) > 0) {
                // keep reading in chunks
            }
            for (String warning : skipped) {
                LOG.warn("Snapshot skipped: {}", warning);
            }
            return new RecoveredState(logic, position[0], chosen == null ? null : chosen.info(), skipped,
                replayed[0], System.nanoTime() - started);
        }
    }

    private static List<Path> listSnapshots(SnapshotStore snapshots, List<String> skipped) {
        try {
            return snapshots.newestFirst();
        } catch (IOException e) {
            skipped.add("cannot list " + snapshots.directory() + ": " + e.getMessage());
            return List.of();
        }
    }

    private static LoadedSnapshot tryLoad(SnapshotStore snapshots, Path file, List<String> skipped) {
        try {
            return snapshots.load(file);
        } catch (IOException | RuntimeException e) {
            skipped.add(e.getMessage());
            return null;
        }
    }

    /** The journal must hold the snapshot's last entry where the snapshot says it is. */
    private static boolean linesUp(SnapshotInfo info, JournalTailer tailer, List<String> skipped) {
        if (info.sequence() == 0) {
            tailer.toStart();
            return true;
        }
        if (!tailer.seek(info.journalPosition())) {
            skipped.add(info.file().getFileName() + ": the journal has no entry at position "
                + info.journalPosition() + " (sequence " + info.sequence() + ")");
            return false;
        }
        final boolean[] found = {false};
        tailer.read((buffer, offset, length, position) -> {
            found[0] |= EntryHeader.problem(buffer, offset, length) == null
                && EntryHeader.sequence(buffer, offset) == info.sequence();
            return !found[0];
        }, 1);
        if (!found[0]) {
            skipped.add(info.file().getFileName() + ": the journal holds no sound entry with sequence "
                + info.sequence() + " at position " + info.journalPosition());
        }
        return found[0];
    }
}
