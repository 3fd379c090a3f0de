package io.surge.replay;

/** The journal is damaged at a sequence: reading cannot go on past it. */
public final class JournalProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long sequence;
    private final long position;
    private final String problem;

    public JournalProblemException(long sequence, long position, String problem) {
        super("sequence " + sequence + " (journal position " + position + "): " + problem);
        this.sequence = sequence;
        this.position = position;
        this.problem = problem;
    }

    /** What is wrong there, without the place. */
    public String problem() {
        return problem;
    }

    /** The sequence the damaged entry should have had. */
    public long sequence() {
        return sequence;
    }

    public long position() {
        return position;
    }
}
