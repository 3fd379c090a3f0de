package io.surge.engine.journal;

import org.agrona.DirectBuffer;

/**
 * Appends sealed entries to the journal. Owned by one thread (the pipeline's journal thread).
 * Failures are thrown as they happen; the caller decides what no longer may be acknowledged.
 * <p>
 * Entries are grouped: everything appended between two {@link #flush()}es is committed together
 * (all or nothing), which is what makes a batch cheap to journal.
 */
public interface JournalAppender {
    /** Adds one entry (an off-heap buffer) to the group being written; invisible until flushed. */
    void append(DirectBuffer buffer, int offset, int length);

    /**
     * Commits what was appended since the last flush, so tailers see it, and makes it as durable
     * as the journal's {@link Durability} promises. If this throws, none of it may be assumed
     * journaled.
     */
    void flush();

    /** Bytes appended through this appender since it was opened (entries plus framing). */
    long bytesAppended();

    /** The journal position of the last flushed group, for snapshots to refer to; -1 before any. */
    long lastPosition();
}
