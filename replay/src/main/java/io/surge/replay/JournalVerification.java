package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.collections.PagePrefetcher;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.execution.EntryReplayer;
import io.surge.engine.snapshot.SnapshotInfo;
import io.surge.engine.snapshot.SnapshotStore;
import org.agrona.MutableDirectBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What {@code verify} does, in one pass from the first entry: each entry sound (framing,
 * checksum) with the next sequence, each entry decodable, each recorded command re-executed
 * through a fresh business logic by the engine's {@link EntryReplayer} reproducing the recorded
 * entry byte for byte, and at each snapshot's sequence the replayed state's hash compared with
 * the snapshot's. Stops at the first bad entry: nothing after a broken entry can be trusted.
 * Reading and checking entries runs on a reader thread ({@link ReadAheadWalk}), re-executing
 * them on the calling thread, and loading the snapshots on a third: a snapshot of millions of
 * orders takes seconds to read, decode into a state and hash (most of it the first touch of
 * fresh memory), which no longer holds up the re-execution. Each comparison waits for its
 * snapshot's load; by the time the walk reaches a snapshot's sequence it is usually done.
 */
final class JournalVerification {

    /** One snapshot file and what verification found. */
    static final class SnapshotCheck {
        private final Path file;
        private final SnapshotInfo info;
        private String problem;
        private String outcome;

        SnapshotCheck(Path file, SnapshotInfo info, String problem) {
            this.file = file;
            this.info = info;
            this.problem = problem;
            this.outcome = problem == null ? "not reached" : "DAMAGED: " + problem;
        }

        Path file() {
            return file;
        }

        /** Why the snapshot cannot be trusted, or null. */
        String problem() {
            return problem;
        }

        /** One line on what was found, good or bad. */
        String outcome() {
            return outcome;
        }

        long sequence() {
            return info == null ? StateRebuild.sequenceInName(file) : info.sequence();
        }

        private void found(String problem, String outcome) {
            this.problem = problem;
            this.outcome = outcome;
        }
    }

    /**
     * @param journalProblem the first bad place in the journal, or null
     * @param entries        entries verified (before the first bad one)
     * @param events         events those entries hold
     */
    record Report(JournalProblem journalProblem, List<SnapshotCheck> snapshots, long entries, long events,
                  long elapsedNanos) {
        boolean clean() {
            return journalProblem == null && snapshots.stream().allMatch(snapshot -> snapshot.problem() == null);
        }
    }

    private final DataDir dataDir;
    private Progress progress;
    private final BusinessLogic logic = new BusinessLogic();
    private final EntryReplayer replayer = new EntryReplayer(logic);
    private final MessageWalk messages = new MessageWalk();
    /** Loads in the order of the sequences their file names give, the one where each is compared. */
    private List<PendingSnapshot> pending;
    private int nextPending;
    private long events;
    private long verifiedThrough;
    private JournalProblem entryProblem;

    JournalVerification(DataDir dataDir) {
        this.dataDir = dataDir;
    }

    /** A snapshot being loaded, due for comparison at the sequence its file name gives. */
    private record PendingSnapshot(long namedSequence, CompletableFuture<SnapshotCheck> load) {
        /** Waits for the load; a failure other than a damaged file (out of memory) is thrown here as it was there. */
        SnapshotCheck loaded() {
            try {
                return load.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }

    Report run() {
        final long started = System.nanoTime();
        final ExecutorService loader = Executors.newSingleThreadExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "verify-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        try (PagePrefetcher pages = new PagePrefetcher("verify-pages", PagePrefetcher.DEFAULT_PAGES_AHEAD)) {
            logic.prefetchPagesFrom(pages); // the page faults of the growing order book, off this thread
            return run(started, loader);
        } finally {
            loader.shutdownNow();
        }
    }

    private Report run(long started, ExecutorService loader) {
        final SnapshotStore store = new SnapshotStore(dataDir.snapshots(), Integer.MAX_VALUE);
        pending = snapshotFiles(store).stream()
            .map(file -> new PendingSnapshot(StateRebuild.sequenceInName(file),
                CompletableFuture.supplyAsync(() -> load(store, file), loader)))
            .sorted(Comparator.comparingLong(PendingSnapshot::namedSequence))
            .toList();
        compareSnapshotsAt(0, -1);
        JournalProblem problem;
        try (JournalWalk walk = new JournalWalk(dataDir)) {
            progress = new Progress("verify", walk.lastRecordedSequence());
            try {
                // Decoding is checked on the reader thread, re-execution on this one.
                problem = new ReadAheadWalk(walk, this::decodes).walk(this::verifyEntry);
            } finally {
                progress.finish();
            }
        }
        if (problem == null) {
            problem = entryProblem;
        }
        for (int i = nextPending; i < pending.size(); i++) {
            final SnapshotCheck snapshot = pending.get(i).loaded();
            if (snapshot.info == null) {
                continue; // damaged or misnamed: its load said so
            }
            if (problem == null) {
                final String stale = "its sequence " + snapshot.info.sequence() + " is beyond the journal's end (sequence "
                    + verifiedThrough + "): stale, or the journal lost its end";
                snapshot.found(stale, "STALE: " + stale);
            } else {
                snapshot.found(null, "not checked: sequence " + snapshot.info.sequence() + " lies beyond the first bad sequence");
            }
        }
        // Already in sequence order: a sound snapshot holds the sequence its name gives, and the
        // others are reported at that sequence.
        final List<SnapshotCheck> snapshots = pending.stream().map(PendingSnapshot::loaded).toList();
        return new Report(problem, snapshots, verifiedThrough, events, System.nanoTime() - started);
    }

    /** On the reader thread: why the sound entry does not decode, or null. */
    private JournalProblem decodes(MutableDirectBuffer entry, int length, long position) {
        final String undecodable = messages.problem(entry, 0, length);
        return undecodable == null ? null
            : new JournalProblem(EntryHeader.sequence(entry, 0), position, "the entry does not decode: " + undecodable);
    }

    /** Entries come sound (framing, checksum, sequence) and decodable. */
    private boolean verifyEntry(MutableDirectBuffer entry, int length, long position) {
        final long sequence = EntryHeader.sequence(entry, 0);
        final String differs = replayer.applySound(entry, 0, length);
        if (differs != null) {
            entryProblem = new JournalProblem(sequence, position,
                "re-executing the recorded " + MessageWalk.name(EntryHeader.entryType(entry, 0))
                    + " command does not reproduce the entry: " + differs);
            return false;
        }
        events += EntryHeader.eventCount(entry, 0);
        verifiedThrough = sequence;
        if (nextPending < pending.size() && pending.get(nextPending).namedSequence() == sequence) {
            compareSnapshotsAt(sequence, position);
        }
        progress.update(sequence);
        return true;
    }

    /** The state now stands at {@code sequence}: compares the snapshots taken there. */
    private void compareSnapshotsAt(long sequence, long position) {
        long hash = 0;
        boolean hashed = false;
        while (nextPending < pending.size() && pending.get(nextPending).namedSequence() == sequence) {
            final SnapshotCheck snapshot = pending.get(nextPending++).loaded();
            if (snapshot.info == null) {
                continue; // damaged or misnamed: its load said so
            }
            if (!hashed) {
                hash = logic.stateHash();
                hashed = true;
            }
            final SnapshotInfo info = snapshot.info;
            if (info.stateHash() != hash) {
                final String differs = String.format("its state hash %016x differs from the journal's at sequence %d (%016x)",
                    info.stateHash(), sequence, hash);
                snapshot.found(differs, "HASH DIFFERS: " + differs);
            } else if (sequence > 0 && info.journalPosition() != position) {
                final String misplaced = String.format("it says sequence %d lies at journal position 0x%x, the journal has it"
                    + " at 0x%x (recovery would skip it)", sequence, info.journalPosition(), position);
                snapshot.found(misplaced, "MISPLACED: " + misplaced);
            } else {
                snapshot.found(null, String.format("state hash %016x matches the journal at sequence %d", hash, sequence));
            }
        }
    }

    private List<Path> snapshotFiles(SnapshotStore store) {
        try {
            return store.newestFirst();
        } catch (IOException e) {
            throw new ReplayException("cannot list " + dataDir.snapshots() + ": " + e.getMessage());
        }
    }

    /** On the loader thread: reads, decodes and checks one snapshot file. */
    private static SnapshotCheck load(SnapshotStore store, Path file) {
        try {
            final SnapshotInfo info = store.load(file).info();
            final long named = StateRebuild.sequenceInName(file);
            if (named != info.sequence()) {
                // Sound in itself, but not what its name says: an older snapshot renamed or copied over.
                final String misnamed = "its name says sequence " + named + " but it holds the state at sequence "
                    + info.sequence() + " (an older snapshot renamed or copied over it)";
                final SnapshotCheck check = new SnapshotCheck(file, null, misnamed);
                check.found(misnamed, "STALE: " + misnamed);
                return check;
            }
            return new SnapshotCheck(file, info, null);
        } catch (IOException e) {
            final String message = String.valueOf(e.getMessage());
            final String prefix = file.getFileName() + ": ";
            return new SnapshotCheck(file, null,
                "the file is damaged: " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message));
        } catch (RuntimeException e) {
            return new SnapshotCheck(file, null, "the file is damaged: " + e);
        }
    }
}
