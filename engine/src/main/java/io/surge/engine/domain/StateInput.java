package io.surge.engine.domain;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Reads what {@link StateOutput} wrote, from one buffer (a snapshot file) or from the output's
 * chunks directly, checking that it never reads past the end.
 */
public final class StateInput {
    private final DirectBuffer[] buffers;
    private final int[] starts;
    private final int[] limits;
    private int chunk;
    private DirectBuffer buffer;
    private int position;
    private int limit;
    /** Bytes read in the chunks before the current one, for error messages. */
    private long bytesBeforeChunk;
    /** Bytes in the chunks after the current one. */
    private long bytesAfterChunk;

    public StateInput(DirectBuffer buffer, int offset, int length) {
        this(new DirectBuffer[] {buffer}, new int[] {offset}, new int[] {offset + length});
    }

    /** Consecutive chunks, each read from 0 to its length; a value may continue in the next chunk. */
    public StateInput(DirectBuffer[] chunks, int[] lengths) {
        this(chunks, new int[chunks.length], lengths);
    }

    private StateInput(DirectBuffer[] buffers, int[] starts, int[] limits) {
        this.buffers = buffers;
        this.starts = starts;
        this.limits = limits;
        for (int i = 1; i < buffers.length; i++) {
            bytesAfterChunk += limits[i] - starts[i];
        }
        this.buffer = buffers[0];
        this.position = starts[0];
        this.limit = limits[0];
    }

    /** An independent reader positioned where this one is: to come back to a section later. */
    public StateInput copy() {
        final StateInput copy = new StateInput(buffers, starts, limits);
        copy.chunk = chunk;
        copy.buffer = buffer;
        copy.position = position;
        copy.limit = limit;
        copy.bytesBeforeChunk = bytesBeforeChunk;
        copy.bytesAfterChunk = bytesAfterChunk;
        return copy;
    }

    public long getLong() {
        if (position + Long.BYTES > limit) {
            return readAcrossChunks(Long.BYTES);
        }
        final long value = buffer.getLong(position, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        return value;
    }

    public int getInt() {
        if (position + Integer.BYTES > limit) {
            return (int) readAcrossChunks(Integer.BYTES);
        }
        final int value = buffer.getInt(position, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
        return value;
    }

    /** Reads a count and checks it lies in 0..max, so a damaged snapshot cannot demand huge arrays. */
    public int getCount(int max, String what) {
        final int count = getInt();
        if (count < 0 || count > max) {
            throw new IllegalStateException("snapshot: " + what + " count " + count + " is outside 0.." + max);
        }
        return count;
    }

    /**
     * The most items of at least {@code bytesEach} bytes the rest of the input could hold: the
     * bound for a count, so a damaged count can neither over-read nor demand huge arrays, while
     * a state larger than today's configured capacity (capacity lowered later) still loads.
     */
    public int maxItems(int bytesEach) {
        return (int) Math.min(Integer.MAX_VALUE, (limit - position + bytesAfterChunk) / bytesEach);
    }

    public boolean exhausted() {
        return position == limit && bytesAfterChunk == 0;
    }

    /** A value at a chunk's end, possibly split between chunks (a file read in fixed chunks splits them). */
    private long readAcrossChunks(int bytes) {
        if (limit - position + bytesAfterChunk < bytes) {
            throw truncated();
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            while (position == limit) {
                nextChunk();
            }
            value |= (buffer.getByte(position++) & 0xFFL) << (Byte.SIZE * i);
        }
        return value;
    }

    private void nextChunk() {
        if (chunk + 1 == buffers.length) {
            throw truncated();
        }
        bytesBeforeChunk += limit - starts[chunk];
        chunk++;
        buffer = buffers[chunk];
        position = starts[chunk];
        limit = limits[chunk];
        bytesAfterChunk -= limit - position;
    }

    private IllegalStateException truncated() {
        return new IllegalStateException("snapshot: truncated at byte " + (bytesBeforeChunk + position - starts[chunk]));
    }
}
