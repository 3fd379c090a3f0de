package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.journal.ChronicleJournal;
import io.surge.engine.journal.JournalTailer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Walks a journal for the tools that rebuild or check state ({@code state}, {@code verify}):
 * every entry is copied out of the journal before anything looks at it, then checked for framing,
 * checksum and a dense sequence, and handed over only when sound. Read-only: it never modifies
 * or locks the journal.
 * <p>
 * Why a copy: the journal is memory-mapped, and damage can make a read fault; inside an
 * {@code Unsafe} copy the JVM raises {@link InternalError}, which this class turns into a
 * {@link JournalProblem}. Cycle files cut short (a truncated copy) are the worst case, since
 * compiled code touching an unbacked page can kill the JVM outright: {@link JournalView} pads
 * those before anything is mapped. The copy costs a few nanoseconds per entry.
 * <p>
 * Used by one thread at a time ({@link #moveToCurrentThread} hands it over).
 */
final class JournalWalk implements AutoCloseable {
    /** What {@link #engineTimeAt} returns when the journal holds no such entry. */
    static final long NOT_FOUND = Long.MIN_VALUE;
    private static final int GROUPS_PER_READ = 4096;

    private final DataDir dataDir;
    private final JournalView view;
    private final ChronicleJournal journal;
    private final JournalTailer tailer;
    private final ExpandableDirectByteBuffer entry = new ExpandableDirectByteBuffer(64 * 1024);
    private long expectedSequence = 1;
    private long skipThrough;
    private long lastPosition = -1;
    private JournalProblem problem;
    private boolean stopped;

    /** Receives one sound entry, copied to offset 0 of {@code entry}; the copy is the visitor's to change. */
    @FunctionalInterface
    interface Visitor {
        /** Return false to stop. */
        boolean onEntry(MutableDirectBuffer entry, int length, long position);
    }

    JournalWalk(DataDir dataDir) {
        this.dataDir = dataDir;
        this.view = JournalView.of(dataDir);
        try {
            this.journal = ChronicleJournal.openReadOnly(view.directory());
        } catch (RuntimeException e) {
            view.close();
            throw new ReplayException(dataDir.journal() + ": cannot open the journal: " + e.getMessage());
        }
        this.tailer = journal.tailer();
        rewind();
    }

    /** Back to the first entry of the journal. */
    void rewind() {
        expectedSequence = 1;
        skipThrough = 0;
        lastPosition = -1;
        problem = null;
        try {
            tailer.toStart();
        } catch (RuntimeException e) {
            problem = new JournalProblem(1, -1, "the journal cannot be read from its start (a cycle file missing?): "
                + e.getMessage());
        }
    }

    /**
     * The engine time of the sound entry with {@code sequence} in the group at {@code position}
     * (where a snapshot says its last entry lies), or {@link #NOT_FOUND}. Moves the walk: seek or
     * rewind afterwards.
     */
    long engineTimeAt(long position, long sequence) {
        final long[] timeMs = {NOT_FOUND};
        try {
            if (!tailer.seek(position)) {
                return NOT_FOUND;
            }
            tailer.read((buffer, offset, length, groupPosition) -> {
                entry.putBytes(0, buffer, offset, length);
                if (EntryHeader.problem(entry, 0, length) == null && EntryHeader.sequence(entry, 0) == sequence) {
                    timeMs[0] = EntryHeader.engineTimeMs(entry, 0);
                    return false;
                }
                return true;
            }, 1);
        } catch (InternalError | AssertionError | RuntimeException e) {
            return NOT_FOUND;
        }
        return timeMs[0];
    }

    /**
     * The sequence of the last entry the journal holds, read from its last group (0 when empty or
     * unreadable): a total for progress bars, not a check. Rewinds the walk.
     */
    long lastRecordedSequence() {
        final long[] last = {0};
        try {
            final long position = journal.lastPosition();
            if (position >= 0 && tailer.seek(position)) {
                tailer.read((buffer, offset, length, groupPosition) -> {
                    entry.putBytes(0, buffer, offset, length);
                    if (EntryHeader.problem(entry, 0, length) == null) {
                        last[0] = Math.max(last[0], EntryHeader.sequence(entry, 0));
                    }
                    return true;
                }, 1);
            }
        } catch (InternalError | AssertionError | RuntimeException e) {
            last[0] = 0;
        }
        rewind();
        return last[0];
    }

    /**
     * Positions the walk on the group at {@code position} whose entries up to
     * {@code throughSequence} are already accounted for (a snapshot's): they are checked and
     * skipped. False when the journal has no group there.
     */
    boolean seek(long position, long throughSequence) {
        expectedSequence = throughSequence + 1;
        skipThrough = throughSequence;
        lastPosition = position;
        problem = null;
        try {
            return tailer.seek(position);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Lets the calling thread use the walk from now on (after an ordered hand-over). */
    void moveToCurrentThread() {
        tailer.moveToCurrentThread();
    }

    /** The sequence the next entry must carry. */
    long expectedSequence() {
        return expectedSequence;
    }

    /** The group position of the last entry read, or -1. */
    long lastPosition() {
        return lastPosition;
    }

    /**
     * Hands sound entries to the visitor until the end of the journal, until the visitor stops, or
     * until the first problem. Returns that problem, or null. Reaching the end, it checks against
     * the journal's own metadata that the end is the real one: a cycle file cut short at a group
     * boundary would otherwise read like a shorter journal. While an engine is writing, the
     * metadata may run ahead of the walk; the walk then goes on.
     */
    JournalProblem walk(Visitor visitor) {
        final JournalProblem found = walkToProblem(visitor);
        if (found == null) {
            return null;
        }
        final String reason = view.blameCut(found.reason());
        return reason.equals(found.reason()) ? found : (problem = new JournalProblem(found.sequence(), found.position(), reason));
    }

    private JournalProblem walkToProblem(Visitor visitor) {
        stopped = false;
        readToEnd(visitor);
        while (problem == null && !stopped) {
            final long recordedEnd;
            try {
                recordedEnd = journal.lastPosition();
            } catch (InternalError | AssertionError | RuntimeException e) {
                return problem = new JournalProblem(expectedSequence, lastPosition,
                    "the journal ends here, but its newest cycle file in " + dataDir.journal()
                        + " is shorter than the data recorded in it (truncated?)");
            }
            if (recordedEnd <= lastPosition) {
                return problem = cutShortProblem();
            }
            final long before = lastPosition;
            readToEnd(visitor);
            if (problem == null && !stopped && lastPosition == before) {
                problem = new JournalProblem(expectedSequence, lastPosition,
                    "the journal's metadata records groups up to position 0x" + Long.toHexString(recordedEnd)
                        + " but reading ends here: entries are missing from here on (a cycle file missing or truncated?)");
            }
        }
        return problem;
    }

    /**
     * Reading ended cleanly, but where the newest cycle file is gone, or a cycle file was cut
     * short, the rest of the journal is lost.
     */
    private JournalProblem cutShortProblem() {
        final String missing = journal.missingNewestCycleFile();
        if (missing != null) {
            return new JournalProblem(expectedSequence, lastPosition, JournalScan.missingNewestFile(missing));
        }
        final String lostEnd = view.lostEnd();
        return lostEnd == null ? null : new JournalProblem(expectedSequence, lastPosition, lostEnd);
    }

    private void readToEnd(Visitor visitor) {
        try {
            while (!stopped && problem == null && tailer.read((buffer, offset, length, position) -> {
                entry.putBytes(0, buffer, offset, length); // an Unsafe copy: a fault here is an InternalError
                lastPosition = position;
                return onEntry(visitor, length, position);
            }, GROUPS_PER_READ) > 0) {
                // next chunk of groups
            }
        } catch (InternalError e) {
            problem = new JournalProblem(expectedSequence, lastPosition,
                "the journal cannot be read here: a cycle file in " + dataDir.journal()
                    + " ends before the data written into it (truncated?)");
        } catch (RuntimeException e) {
            problem = new JournalProblem(expectedSequence, lastPosition, "the journal cannot be read here: " + e);
        }
    }

    private boolean onEntry(Visitor visitor, int length, long position) {
        final String damage = EntryHeader.problem(entry, 0, length);
        if (damage != null) {
            problem = new JournalProblem(expectedSequence, position, damage);
            return false;
        }
        final long sequence = EntryHeader.sequence(entry, 0);
        if (sequence <= skipThrough) {
            return true; // the part of a group a seek landed in that came before the point
        }
        if (sequence != expectedSequence) {
            problem = new JournalProblem(expectedSequence, position, "the next entry carries sequence " + sequence + ": "
                + (sequence < expectedSequence ? "a sequence repeated or going backwards"
                : sequence == expectedSequence + 1 ? "entry " + expectedSequence + " is missing"
                : "entries " + expectedSequence + ".." + (sequence - 1) + " are missing"));
            return false;
        }
        skipThrough = 0;
        expectedSequence++;
        if (!visitor.onEntry(entry, length, position)) {
            stopped = true;
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        tailer.close();
        journal.close();
        view.close();
    }
}
