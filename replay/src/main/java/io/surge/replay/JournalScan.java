package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.journal.ChronicleJournal;
import io.surge.engine.journal.JournalTailer;
import org.agrona.DirectBuffer;

/**
 * Reads a journal front to back without modifying or locking it (Chronicle read-only mode), so
 * it works on a running engine's journal and on a copied folder. Checks each entry's framing,
 * checksum and sequence as it goes.
 */
public final class JournalScan implements AutoCloseable {
    private static final String UNREADABLE_START =
        "the journal records entries but none can be read from its start: its first cycle file missing?";

    private final JournalView view;
    private final ChronicleJournal journal;
    private final JournalTailer tailer;
    private long expectedSequence = 1;
    private final long lastSequence;
    private boolean readAny;
    /** No seek: the scan reads the journal from its first entry. */
    private boolean fromStart = true;

    /** Receives one sound entry, read in place (valid only during the call). */
    @FunctionalInterface
    public interface EntryVisitor {
        /** Return false to stop. */
        boolean onEntry(DirectBuffer buffer, int offset, int length, long position);
    }

    public JournalScan(DataDir dataDir) {
        this.view = JournalView.of(dataDir);
        try {
            this.journal = ChronicleJournal.openReadOnly(view.directory());
        } catch (RuntimeException e) {
            view.close();
            throw new ReplayException(dataDir.journal() + ": cannot open the journal: " + e.getMessage());
        }
        this.tailer = journal.tailer();
        this.lastSequence = lastSequenceOrZero();
        try {
            tailer.toStart();
        } catch (RuntimeException e) {
            close();
            throw new JournalProblemException(1, -1, UNREADABLE_START + " (" + e.getMessage() + ")");
        }
    }

    /**
     * About the journal's last sequence (the first of its newest group), read when the scan
     * opened: a total for progress bars, not a check. 0 when empty or unreadable.
     */
    public long lastSequence() {
        return lastSequence;
    }

    private long lastSequenceOrZero() {
        try {
            final long newest = journal.lastPosition();
            return newest < 0 ? 0 : Math.max(0, firstSequenceAt(newest));
        } catch (RuntimeException | InternalError | AssertionError e) {
            return 0; // damage: the scan itself will say where
        }
    }

    /** Positions on the group at {@code position}; entries before {@code fromSequence} are then skipped. */
    public boolean seek(long position, long fromSequence) {
        expectedSequence = fromSequence;
        fromStart = false;
        return tailer.seek(position);
    }

    /** The position of the journal's newest group, or -1 when it is empty. */
    public long lastPosition() {
        return journal.lastPosition();
    }

    /** The group before the one at {@code position}, or -1 (moves the scan: seek afterwards). */
    public long previousPosition(long position) {
        return tailer.previousPosition(position);
    }

    /**
     * The sequence of the first entry in the group at {@code position}, or -1 when there is no
     * group there or its first entry is damaged (moves the scan: seek afterwards).
     */
    public long firstSequenceAt(long position) {
        if (!tailer.seek(position)) {
            return -1;
        }
        final long[] first = {-1};
        tailer.read((buffer, offset, length, groupPosition) -> {
            if (EntryHeader.problem(buffer, offset, length) == null) {
                first[0] = EntryHeader.sequence(buffer, offset);
            }
            return false;
        }, 1);
        return first[0];
    }

    /** The sequence the next entry must carry. */
    public long expectedSequence() {
        return expectedSequence;
    }

    /**
     * Hands sound entries to the visitor until the end of the journal (or the visitor stops).
     * Entries below the expected sequence (the rest of a group a seek landed in) are skipped.
     * A damaged entry or a gap throws {@link JournalProblemException} naming the sequence.
     * Returns false when the visitor stopped early.
     */
    public boolean scan(EntryVisitor visitor) {
        try {
            return scanToEnd(visitor);
        } catch (JournalProblemException e) {
            final String reason = view.blameCut(e.problem());
            if (reason.equals(e.problem())) {
                throw e;
            }
            throw new JournalProblemException(e.sequence(), e.position(), reason);
        }
    }

    private boolean scanToEnd(EntryVisitor visitor) {
        final boolean[] stopped = {false};
        while (!stopped[0] && tailer.read((buffer, offset, length, position) -> {
            final String problem = EntryHeader.problem(buffer, offset, length);
            if (problem != null) {
                throw new JournalProblemException(expectedSequence, position, problem);
            }
            final long sequence = EntryHeader.sequence(buffer, offset);
            if (sequence < expectedSequence) {
                return true;
            }
            if (sequence != expectedSequence) {
                throw new JournalProblemException(expectedSequence, position,
                    "sequence " + sequence + " follows " + (expectedSequence - 1) + " (entries missing)");
            }
            expectedSequence++;
            readAny = true;
            if (!visitor.onEntry(buffer, offset, length, position)) {
                stopped[0] = true;
                return false;
            }
            return true;
        }, 1024) > 0) {
            // next chunk of groups
        }
        if (stopped[0]) {
            return false;
        }
        if (fromStart) {
            // A whole journal read front to back: it must start and end where its metadata says.
            if (!readAny && journal.lastPosition() >= 0) {
                throw new JournalProblemException(expectedSequence, -1, UNREADABLE_START);
            }
            final String missing = journal.missingNewestCycleFile();
            if (missing != null) {
                throw new JournalProblemException(expectedSequence, -1, missingNewestFile(missing));
            }
        }
        final String lostEnd = view.lostEnd();
        if (lostEnd != null) {
            throw new JournalProblemException(expectedSequence, -1, lostEnd);
        }
        return true;
    }

    /** Why the journal ends early when its newest cycle file is gone. */
    static String missingNewestFile(String file) {
        return "the journal's newest cycle file " + file + " is missing (" + ChronicleJournal.METADATA_FILE
            + " records it): the entries it held are lost";
    }

    @Override
    public void close() {
        tailer.close();
        journal.close();
        view.close();
    }
}
