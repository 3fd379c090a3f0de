package io.surge.engine.recovery;

/** The journal cannot be replayed past an entry; start-up stops rather than guess. */
public final class JournalCorruptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long sequence;

    public JournalCorruptException(long sequence, String problem) {
        super("journal entry after sequence " + (sequence - 1) + " (expected " + sequence + "): " + problem);
        this.sequence = sequence;
    }

    /** The sequence the bad entry should have had. */
    public long sequence() {
        return sequence;
    }
}
