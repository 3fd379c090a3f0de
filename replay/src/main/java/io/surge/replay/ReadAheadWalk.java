package io.surge.replay;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * A {@link JournalWalk} run on a reader thread of its own, handing the sound entries over a ring
 * buffer to the visitor on the calling thread. Reading, copying and checking the next entries
 * then overlaps with what the caller does with the ones before: for {@code verify} and
 * {@code state}, re-executing their commands, which only one thread can do.
 * <p>
 * The caller sees what it would see from {@link JournalWalk#walk}: the same entries in the same
 * order, each at offset 0 of a buffer that is its to change, and the same problem at the end.
 * One walk per instance.
 */
final class ReadAheadWalk {
    /** A check of each sound entry made on the reader thread, before the entry is handed over. */
    @FunctionalInterface
    interface EntryCheck {
        /** The problem with the entry, or null when it may be handed over. */
        JournalProblem check(MutableDirectBuffer entry, int length, long position);
    }

    private static final int ENTRY = 1;
    /** An entry too large for a ring message, handed over in {@link #largeEntry}. */
    private static final int LARGE_ENTRY = 2;
    /** Ahead of each entry in the ring: its group's position in the journal. */
    private static final int POSITION_LENGTH = Long.BYTES;
    /**
     * Small enough that entries are still in a cache when the caller copies them out: with a
     * 32 MiB ring that copy, mostly cache misses, was 8% of the calling thread's profile. Entries
     * larger than a message (an eighth of the ring), rare, go through {@link #largeEntry}.
     */
    private static final int RING_CAPACITY = 1 << 20;
    private static final int ENTRIES_PER_READ = 1024;

    private final JournalWalk walk;
    private final EntryCheck check;
    private final OneToOneRingBuffer ring;
    private final ExpandableDirectByteBuffer handed = new ExpandableDirectByteBuffer(64 * 1024);
    /** Filled by the reader while {@link #largeEntryPending} is false, emptied by the caller. */
    private final ExpandableDirectByteBuffer largeEntry = new ExpandableDirectByteBuffer(64 * 1024);
    private final IdleStrategy readerIdle = idleStrategy();
    private volatile boolean largeEntryPending;
    private volatile boolean readerDone;
    /** Set by the calling thread when it hands over no more: the reader then stops too. */
    private volatile boolean handOverEnded;
    private boolean visitorStopped;
    private JournalProblem checkProblem;
    private JournalProblem readerProblem;
    private Throwable readerFailure;
    private long lastPosition = -1;

    /** {@code check} may be null. The walk must not be used by anyone else until {@link #walk} returns. */
    ReadAheadWalk(JournalWalk walk, EntryCheck check) {
        this(walk, check, RING_CAPACITY);
    }

    /** {@code ringCapacity}: a power of two. */
    ReadAheadWalk(JournalWalk walk, EntryCheck check, int ringCapacity) {
        this.walk = walk;
        this.check = check;
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(ringCapacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * Hands sound entries to the visitor until the end of the journal, until the visitor stops,
     * or until the first problem, which it returns (null: none, or the visitor stopped).
     */
    JournalProblem walk(JournalWalk.Visitor visitor) {
        final Thread reader = new Thread(this::read, "journal-read-ahead");
        reader.setDaemon(true);
        reader.start();
        try {
            handOver(visitor);
        } finally {
            handOverEnded = true; // also when the visitor threw: the reader must not wait for room
            joinUninterruptibly(reader);
            walk.moveToCurrentThread();
        }
        if (readerFailure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (readerFailure instanceof Error error) {
            throw error;
        }
        return visitorStopped ? null : readerProblem;
    }

    /** The group position of the last entry handed to the visitor, or -1. */
    long lastPosition() {
        return lastPosition;
    }

    private void handOver(JournalWalk.Visitor visitor) {
        final ControlledMessageHandler handler = (type, buffer, index, length) -> {
            final long position = buffer.getLong(index);
            final int entryLength;
            if (type == LARGE_ENTRY) {
                entryLength = buffer.getInt(index + POSITION_LENGTH);
                handed.putBytes(0, largeEntry, 0, entryLength);
                largeEntryPending = false;
            } else {
                entryLength = length - POSITION_LENGTH;
                handed.putBytes(0, buffer, index + POSITION_LENGTH, entryLength);
            }
            lastPosition = position;
            if (!visitor.onEntry(handed, entryLength, position)) {
                visitorStopped = true;
                return ControlledMessageHandler.Action.BREAK;
            }
            return ControlledMessageHandler.Action.CONTINUE;
        };
        final IdleStrategy idle = idleStrategy();
        while (true) {
            final boolean finished = readerDone; // read before draining: all it wrote is then visible
            final int read = ring.controlledRead(handler, ENTRIES_PER_READ);
            // Not "read nothing": a read that meets the padding where the ring wraps reads nothing.
            if (visitorStopped || (finished && ring.size() == 0)) {
                return;
            }
            idle.idle(read);
        }
    }

    private void read() {
        try {
            walk.moveToCurrentThread();
            final JournalProblem walked = walk.walk(this::enqueue);
            readerProblem = checkProblem != null ? checkProblem : walked;
        } catch (Throwable e) {
            readerFailure = e;
        } finally {
            readerDone = true;
        }
    }

    private boolean enqueue(MutableDirectBuffer entry, int length, long position) {
        if (check != null) {
            checkProblem = check.check(entry, length, position);
            if (checkProblem != null) {
                return false;
            }
        }
        final boolean large = POSITION_LENGTH + length > ring.maxMsgLength();
        if (large) {
            readerIdle.reset();
            while (largeEntryPending) { // the caller has yet to take the previous one
                if (handOverEnded) {
                    return false;
                }
                readerIdle.idle();
            }
            largeEntry.putBytes(0, entry, 0, length);
            largeEntryPending = true;
        }
        final int messageLength = POSITION_LENGTH + (large ? Integer.BYTES : length);
        int index;
        readerIdle.reset();
        while ((index = ring.tryClaim(large ? LARGE_ENTRY : ENTRY, messageLength)) < 0) {
            if (handOverEnded) {
                return false;
            }
            readerIdle.idle();
        }
        ring.buffer().putLong(index, position);
        if (large) {
            ring.buffer().putInt(index + POSITION_LENGTH, length);
        } else {
            ring.buffer().putBytes(index + POSITION_LENGTH, entry, 0, length);
        }
        ring.commit(index);
        return !handOverEnded;
    }

    /** Spins briefly, then yields, then parks: the other thread may be waiting for this core. */
    private static IdleStrategy idleStrategy() {
        return new BackoffIdleStrategy(64, 16, 1_000, 100_000);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
