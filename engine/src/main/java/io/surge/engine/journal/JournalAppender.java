package io.surge.engine.journal;

import org.agrona.DirectBuffer;

/**
 * Appends sealed entries to the journal. Owned by one thread (the pipeline's journal thread).
 * Failures are thrown as they happen; the caller decides what no longer may be acknowledged.
 */
public interface JournalAppender {
    /** Appends one entry (an off-heap buffer); visible to tailers once this returns. */
    void append(DirectBuffer buffer, int offset, int length);

    /** Makes everything appended so far as durable as the journal's {@link Durability} promises. */
    void flush();

    /** Bytes appended through this appender since it was opened (entries plus framing). */
    long bytesAppended();

    /** The journal position of the last entry appended, for snapshots to refer to. */
    long lastPosition();
}
