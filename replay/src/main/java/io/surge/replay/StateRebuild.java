package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.collections.PagePrefetcher;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.execution.CommandExecutor;
import io.surge.engine.snapshot.LoadedSnapshot;
import io.surge.engine.snapshot.SnapshotInfo;
import io.surge.engine.snapshot.SnapshotStore;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the engine's state as of a point in the journal, the way the engine recovers: the
 * newest snapshot at or before the point that loads and lines up with the journal, then the
 * journal entries after it, their commands re-executed through the engine's own
 * {@link CommandExecutor} at their recorded times.
 * <p>
 * Unlike recovery (and {@code verify}) it does not compare the events each re-execution writes
 * with the recorded ones byte for byte: it checks each entry's checksum and sequence, and that
 * the re-executed entry has the recorded length. That is what makes it fast; {@code verify} is
 * the tool that proves a journal. The journal is read on a reader thread ({@link ReadAheadWalk}),
 * the commands re-executed on the calling thread.
 */
final class StateRebuild {
    private static final String SNAPSHOT_PREFIX = "snapshot-";
    private static final String SNAPSHOT_SUFFIX = ".snap";

    /**
     * The state reached.
     *
     * @param engineTimeMs    the engine time of the last entry the state includes (Long.MIN_VALUE: none)
     * @param snapshot        the snapshot it started from, or null (the start of the journal)
     * @param entriesReplayed journal entries re-executed after the snapshot
     * @param skipped         snapshots passed over, and why
     * @param snapshotNanos   time spent choosing and loading the snapshot
     * @param replayNanos     time spent reading and re-executing the journal after it
     */
    record Result(BusinessLogic logic, long engineTimeMs, SnapshotInfo snapshot, long entriesReplayed,
                  List<String> skipped, long snapshotNanos, long replayNanos) {
    }

    private final DataDir dataDir;
    private final Point at;
    private Progress progress;

    /** {@code at} null: the end of the journal. */
    StateRebuild(DataDir dataDir, Point at) {
        this.dataDir = dataDir;
        this.at = at;
    }

    Result run() {
        final long started = System.nanoTime();
        final List<String> skipped = new ArrayList<>();
        try (JournalWalk walk = new JournalWalk(dataDir);
             PagePrefetcher pages = new PagePrefetcher("state-pages", PagePrefetcher.DEFAULT_PAGES_AHEAD)) {
            final long target = at != null && at.isSequence() ? at.sequence() : walk.lastRecordedSequence();
            final Start start = chooseSnapshot(walk, skipped);
            final LoadedSnapshot chosen = start.snapshot();
            final long engineTimeMs = start.engineTimeMs();
            final long loaded = System.nanoTime();
            final BusinessLogic logic = chosen == null ? new BusinessLogic() : chosen.logic();
            logic.prefetchPagesFrom(pages); // the page faults of a growing order book, off this thread
            if (chosen == null || chosen.info().sequence() == 0) {
                walk.rewind();
            } else if (!walk.seek(chosen.info().journalPosition(), chosen.info().sequence())) {
                throw new JournalProblemException(chosen.info().sequence(), chosen.info().journalPosition(),
                    "the journal no longer has the group this snapshot starts from");
            }
            progress = new Progress("state", Math.max(0, target - logic.appliedSequence()));
            final Tail tail = new Tail(logic, engineTimeMs);
            if (at == null || !at.isSequence() || logic.appliedSequence() < at.sequence()) {
                final ReadAheadWalk readAhead = new ReadAheadWalk(walk, null);
                final JournalProblem problem = readAhead.walk(tail::apply);
                if (problem != null) {
                    throw problem.toException();
                }
                if (tail.divergedAt >= 0) {
                    throw new JournalProblemException(tail.divergedAt, readAhead.lastPosition(),
                        "re-executing the command does not reproduce the recorded entry (run verify for details)");
                }
            }
            if (at != null && at.isSequence() && logic.appliedSequence() < at.sequence()) {
                throw new ReplayException("--at " + at.sequence() + ": the journal ends at sequence " + logic.appliedSequence());
            }
            return new Result(logic, tail.engineTimeMs, chosen == null ? null : chosen.info(), tail.replayed, skipped,
                loaded - started, System.nanoTime() - loaded);
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
    }

    /** Where the rebuild starts: a snapshot (null: the empty state) and the engine time of its last entry. */
    private record Start(LoadedSnapshot snapshot, long engineTimeMs) {
    }

    /**
     * The newest snapshot at or before the point that loads and lines up with the journal (the
     * journal holds its last entry where it says), as the engine's recovery chooses.
     */
    private Start chooseSnapshot(JournalWalk walk, List<String> skipped) {
        for (Path file : snapshotFiles(skipped)) {
            if (at != null && at.isSequence() && sequenceInName(file) > at.sequence()) {
                continue; // newer than the point: not a candidate (and not worth loading)
            }
            final LoadedSnapshot candidate = load(file, skipped);
            if (candidate == null) {
                continue;
            }
            final SnapshotInfo info = candidate.info();
            if (info.sequence() == 0) {
                return new Start(candidate, Long.MIN_VALUE);
            }
            final long timeMs = walk.engineTimeAt(info.journalPosition(), info.sequence());
            if (timeMs == JournalWalk.NOT_FOUND) {
                skipped.add(file.getFileName() + ": the journal holds no sound entry with sequence " + info.sequence()
                    + " at position " + info.journalPosition());
            } else if (at == null || (at.isSequence() ? info.sequence() <= at.sequence() : timeMs <= at.timeMs())) {
                return new Start(candidate, timeMs);
            }
        }
        return new Start(null, Long.MIN_VALUE);
    }

    /** Applies entries up to the point. */
    private final class Tail {
        private final BusinessLogic logic;
        private final CommandExecutor executor;
        private final CommandResult result = new CommandResult();
        private final long firstSequence;
        private long engineTimeMs;
        private long replayed;
        private long divergedAt = -1;

        Tail(BusinessLogic logic, long engineTimeMs) {
            this.logic = logic;
            this.executor = new CommandExecutor(logic);
            this.engineTimeMs = engineTimeMs;
            this.firstSequence = logic.appliedSequence() + 1;
        }

        boolean apply(MutableDirectBuffer entry, int length, long position) {
            final long sequence = EntryHeader.sequence(entry, 0);
            final long timeMs = EntryHeader.engineTimeMs(entry, 0);
            if (at != null && !at.isSequence() && timeMs > at.timeMs()) {
                return false;
            }
            // The copy is ours: the events re-execution writes may overwrite the recorded ones.
            final int replayedLength = executor.execute(entry, timeMs, result.reset());
            if (replayedLength != length || logic.appliedSequence() != sequence) {
                divergedAt = sequence;
                return false;
            }
            engineTimeMs = timeMs;
            replayed++;
            progress.update(sequence - firstSequence + 1);
            return at == null || !at.isSequence() || sequence < at.sequence();
        }
    }

    private List<Path> snapshotFiles(List<String> skipped) {
        try {
            return new SnapshotStore(dataDir.snapshots(), Integer.MAX_VALUE).newestFirst();
        } catch (IOException e) {
            skipped.add("cannot list " + dataDir.snapshots() + ": " + e.getMessage());
            return List.of();
        }
    }

    private static LoadedSnapshot load(Path file, List<String> skipped) {
        try {
            final LoadedSnapshot loaded = new SnapshotStore(file.getParent(), Integer.MAX_VALUE).load(file);
            if (loaded.info().sequence() != sequenceInName(file)) {
                skipped.add(file.getFileName() + ": it holds the state at sequence " + loaded.info().sequence()
                    + ", not the one its name says (an older snapshot renamed or copied over it)");
                return null;
            }
            return loaded;
        } catch (IOException e) {
            skipped.add(e.getMessage());
            return null;
        } catch (RuntimeException e) {
            skipped.add(file.getFileName() + ": " + e);
            return null;
        }
    }

    /** The sequence a snapshot's name gives ({@code snapshot-<sequence>.snap}), or -1. */
    static long sequenceInName(Path file) {
        final String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(SNAPSHOT_PREFIX.length(), name.length() - SNAPSHOT_SUFFIX.length()));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return -1;
        }
    }
}
