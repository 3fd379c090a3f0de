package io.surge.engine.journal;

/**
 * Reads entries in journal order. Each instance is used by one thread. Reading never modifies
 * or locks the journal, so a tailer may follow a journal another process is writing.
 */
public interface JournalTailer extends AutoCloseable {
    /** Starts reading from the first entry. */
    void toStart();

    /**
     * Positions the tailer on the entry at {@code position} (as reported to
     * {@link EntryHandler#onEntry}), so that the next read returns it. False if there is none.
     */
    boolean seek(long position);

    /**
     * Hands up to {@code limit} entries to {@code handler}, stopping early at the end of the
     * journal or when the handler returns false. Returns how many entries were handed over.
     */
    int read(EntryHandler handler, int limit);

    @Override
    void close();
}
