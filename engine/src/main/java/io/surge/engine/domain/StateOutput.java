package io.surge.engine.domain;

import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteOrder;

/** A sequential writer of primitive state into a growable buffer (little-endian). */
public final class StateOutput {
    private final ExpandableDirectByteBuffer buffer;
    private int position;

    public StateOutput(int initialCapacity) {
        buffer = new ExpandableDirectByteBuffer(initialCapacity);
    }

    public StateOutput reset() {
        position = 0;
        return this;
    }

    public void putLong(long value) {
        buffer.putLong(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
    }

    public void putInt(int value) {
        buffer.putInt(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
    }

    public int length() {
        return position;
    }

    public ExpandableDirectByteBuffer buffer() {
        return buffer;
    }
}
