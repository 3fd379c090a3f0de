package io.surge.engine.domain;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/** Reads what {@link StateOutput} wrote, checking that it never reads past the end. */
public final class StateInput {
    private final DirectBuffer buffer;
    private final int limit;
    private int position;

    public StateInput(DirectBuffer buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    public long getLong() {
        require(Long.BYTES);
        final long value = buffer.getLong(position, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
        return value;
    }

    public int getInt() {
        require(Integer.BYTES);
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

    /** Bytes not yet read. */
    public int remaining() {
        return limit - position;
    }

    public boolean exhausted() {
        return position == limit;
    }

    private void require(int bytes) {
        if (position + bytes > limit) {
            throw new IllegalStateException("snapshot: truncated at byte " + position);
        }
    }
}
