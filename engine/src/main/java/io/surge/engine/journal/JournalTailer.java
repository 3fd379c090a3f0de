package io.surge.engine.journal;

/**
 * Reads entries in journal order. Each instance is used by one thread at a time. Reading never
 * modifies or locks the journal, so a tailer may follow a journal another process is writing.
 */
public interface JournalTailer extends AutoCloseable {
    /** Starts reading from the first entry. */
    void toStart();

    /**
     * Positions the tailer on the group of entries at {@code position} (as reported to
     * {@link EntryHandler#onEntry}), so that the next read starts with its first entry. False if
     * there is none.
     */
    boolean seek(long position);

    /**
     * Hands the entries of up to {@code limit} groups to {@code handler}, stopping early at the
     * end of the journal or when the handler returns false (the rest of that group is then
     * skipped). Returns how many groups were read.
     */
    int read(EntryHandler handler, int limit);

    /**
     * The position of the group just before the one at {@code position} (across cycle files),
     * or -1 when that is the first. Leaves the tailer positioned on the group it found.
     */
    long previousPosition(long position);

    /**
     * Lets the calling thread use the tailer from now on, in place of the thread that used it
     * before; the hand-over itself must be ordered (a {@code Thread.start} or {@code join}).
     */
    void moveToCurrentThread();

    @Override
    void close();
}
