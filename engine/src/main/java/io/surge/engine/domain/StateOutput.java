package io.surge.engine.domain;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A sequential writer of primitive state (little-endian) into a chain of fixed-size off-heap
 * chunks. Growing never copies what is written (a snapshot of millions of orders used to pay for
 * repeated doubling on the business-logic thread), and the chunks are kept for the next snapshot.
 * A value never straddles two chunks: one that does not fit ends its chunk early, so each
 * chunk has its own length.
 */
public final class StateOutput {
    /** 16 MiB: large enough that a chunk change is rare, small enough to allocate quickly. */
    public static final int DEFAULT_CHUNK_BYTES = 16 << 20;

    private final int chunkBytes;
    private final IntFunction<ByteBuffer> allocator;
    private final List<UnsafeBuffer> chunks = new ArrayList<>();
    private int[] chunkLengths = new int[8];
    private int chunk;
    private UnsafeBuffer current;
    private int position;
    private long bytesBeforeChunk;

    public StateOutput() {
        this(DEFAULT_CHUNK_BYTES);
    }

    /** @param chunkBytes the size of each chunk, at least 8 bytes (tests use tiny chunks to cross boundaries) */
    public StateOutput(int chunkBytes) {
        this(chunkBytes, ByteBuffer::allocateDirect);
    }

    /** @param allocator makes a chunk of the size given (tests make one that runs out of memory) */
    public StateOutput(int chunkBytes, IntFunction<ByteBuffer> allocator) {
        if (chunkBytes < Long.BYTES) {
            throw new IllegalArgumentException("chunk size " + chunkBytes + " is below " + Long.BYTES + " bytes");
        }
        this.chunkBytes = chunkBytes;
        this.allocator = allocator;
        reset();
    }

    /** Starts again from the first chunk, keeping every chunk allocated so far. */
    public StateOutput reset() {
        chunk = 0;
        position = 0;
        bytesBeforeChunk = 0;
        current = chunkAt(0);
        return this;
    }

    public void putLong(long value) {
        if (position > chunkBytes - Long.BYTES) {
            nextChunk();
        }
        current.putLong(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Long.BYTES;
    }

    public void putInt(int value) {
        if (position > chunkBytes - Integer.BYTES) {
            nextChunk();
        }
        current.putInt(position, value, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES;
    }

    /** Allocates chunks until they hold at least {@code bytes}, so writing that much allocates nothing. */
    public void reserve(long bytes) {
        while (capacity() < bytes) {
            chunkAt(chunks.size());
        }
    }

    /** Bytes the allocated chunks hold. */
    public long capacity() {
        return (long) chunks.size() * chunkBytes;
    }

    /** Bytes written since the last {@link #reset}. */
    public long length() {
        return bytesBeforeChunk + position;
    }

    /** Chunks holding what was written (the last may be partly filled or empty). */
    public int chunkCount() {
        return chunk + 1;
    }

    private int chunkLength(int index) {
        return index == chunk ? position : chunkLengths[index];
    }

    /** The written bytes of one chunk as a fresh {@link ByteBuffer} view, for channels and checksums. */
    public ByteBuffer chunkBytes(int index) {
        return chunks.get(index).byteBuffer().duplicate().limit(chunkLength(index)).position(0);
    }

    /** Reads back what was written (until the next write or reset). */
    public StateInput toInput() {
        final UnsafeBuffer[] buffers = new UnsafeBuffer[chunkCount()];
        final int[] lengths = new int[chunkCount()];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = chunks.get(i);
            lengths[i] = chunkLength(i);
        }
        return new StateInput(buffers, lengths);
    }

    /** A contiguous on-heap copy of what was written; for tests and small states. */
    public UnsafeBuffer toBuffer() {
        if (length() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("state of " + length() + " bytes does not fit one buffer");
        }
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[(int) length()]);
        int offset = 0;
        for (int i = 0; i < chunkCount(); i++) {
            copy.putBytes(offset, chunks.get(i), 0, chunkLength(i));
            offset += chunkLength(i);
        }
        return copy;
    }

    private void nextChunk() {
        if (chunk == chunkLengths.length) {
            chunkLengths = Arrays.copyOf(chunkLengths, chunk * 2);
        }
        chunkLengths[chunk] = position;
        bytesBeforeChunk += position;
        chunk++;
        current = chunkAt(chunk);
        position = 0;
    }

    private UnsafeBuffer chunkAt(int index) {
        if (index == chunks.size()) {
            chunks.add(new UnsafeBuffer(allocator.apply(chunkBytes)));
        }
        return chunks.get(index);
    }
}
