package io.surge.replay;

/**
 * The first place a journal cannot be trusted.
 *
 * @param sequence the sequence the entry there should have had
 * @param position the journal position of the group it lies in, or -1 when unknown
 * @param reason   why, in one line
 */
public record JournalProblem(long sequence, long position, String reason) {

    /** "sequence 236 (journal position 0x5b54de000000d8): reason". */
    public String describe() {
        return "sequence " + sequence + (position < 0 ? "" : " (journal position 0x" + Long.toHexString(position) + ")")
            + ": " + reason;
    }

    public JournalProblemException toException() {
        return new JournalProblemException(sequence, position, reason);
    }
}
