package io.surge.replay;

/**
 * The first place a journal cannot be trusted.
 *
 * @param sequence the sequence the entry there should have had
 * @param position the journal position of the group it lies in, or -1 when unknown
 * @param reason   why, in one line
 */
record JournalProblem(long sequence, long position, String reason) {

    JournalProblemException toException() {
        return new JournalProblemException(sequence, position, reason);
    }
}
