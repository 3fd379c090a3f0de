package io.surge.engine.pipeline;

import io.surge.engine.codec.EntryHeader;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Where the business-logic thread writes journal entries and the journal thread reads them: one
 * contiguous off-heap log, written front to back and wrapped around, instead of a buffer per
 * ring slot. Entries written one after another sit next to each other in memory, so the journal
 * thread streams through them (the prefetcher does the rest) and the logic thread writes into
 * cache lines nobody else holds.
 * <p>
 * One writer (the logic thread) and one reader (the journal thread). The Disruptor's sequence
 * barrier already orders each entry's writing before its reading; this class only keeps the
 * writer from overwriting what the reader has not yet appended ({@link #release}).
 */
final class EntryLog {
    /** Room every command gets before it runs: the largest entry the engine can write. */
    static final int CLAIM_LENGTH = EntryHeader.MAX_ENTRY_LENGTH;

    private final UnsafeBuffer log;
    private final int capacity;
    private final UnsafeBuffer writeView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer readView = new UnsafeBuffer(0, 0);
    private long writePosition;
    private long claimedPosition;
    private volatile long releasedPosition;

    EntryLog(int capacity) {
        if (capacity < 4 * CLAIM_LENGTH) {
            throw new IllegalArgumentException("the entry log needs at least " + 4 * CLAIM_LENGTH + " bytes");
        }
        this.capacity = capacity;
        this.log = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }

    /**
     * Logic thread: whether {@link #claim} would find its bytes free now. When it would not, the
     * caller must first let the journal thread see the entries written so far (it releases bytes
     * only as it journals them), or both would wait for each other.
     */
    boolean hasRoom() {
        return claimStart() + CLAIM_LENGTH - releasedPosition <= capacity;
    }

    /**
     * Logic thread: a view of {@link #CLAIM_LENGTH} free bytes at the write position, moving to
     * the start of the log when too few are left before its end. Waits while the journal thread
     * still holds those bytes (see {@link #hasRoom}).
     */
    UnsafeBuffer claim() {
        writePosition = claimStart(); // skips the tail of the log if an entry might not fit: entries never wrap
        final int offset = (int) (writePosition % capacity);
        while (writePosition + CLAIM_LENGTH - releasedPosition > capacity) {
            Thread.onSpinWait();
        }
        claimedPosition = writePosition;
        writeView.wrap(log, offset, CLAIM_LENGTH);
        return writeView;
    }

    private long claimStart() {
        final int offset = (int) (writePosition % capacity);
        return capacity - offset < CLAIM_LENGTH ? writePosition + capacity - offset : writePosition;
    }

    /** Logic thread: the position of the last claim, to tell the journal thread where its entry is. */
    long claimedPosition() {
        return claimedPosition;
    }

    /** Logic thread: keeps the claimed entry ({@code length} bytes); a claim not committed is reused. */
    void commit(int length) {
        writePosition = claimedPosition + length;
    }

    /** Journal thread: a view of an entry the logic thread committed. */
    UnsafeBuffer entryAt(long position, int length) {
        readView.wrap(log, (int) (position % capacity), length);
        return readView;
    }

    /** Journal thread: everything before {@code position} is journaled and may be overwritten. */
    void release(long position) {
        releasedPosition = position;
    }
}
