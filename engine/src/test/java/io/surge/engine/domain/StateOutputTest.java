package io.surge.engine.domain;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateOutputTest {
    @Test
    void valuesReadBackAcrossChunksThatDoNotDivideThem() {
        final StateOutput out = new StateOutput(10); // an int and a long never share a chunk: chunks end early
        for (int i = 0; i < 100; i++) {
            out.putInt(i);
            out.putLong(-1L - i);
        }
        assertEquals(100 * 12, out.length());
        assertTrue(out.chunkCount() > 100, "chunks: " + out.chunkCount());

        final StateInput in = out.toInput();
        for (int i = 0; i < 100; i++) {
            assertEquals(i, in.getInt());
            assertEquals(-1L - i, in.getLong());
        }
        assertTrue(in.exhausted());
        assertEquals(out.toBuffer().capacity(), out.length());
    }

    @Test
    void valuesSplitBetweenChunksReadWhole() {
        final StateOutput out = new StateOutput(1024);
        for (int i = 0; i < 50; i++) {
            out.putLong(0x0102030405060708L * (i + 1));
            out.putInt(-i);
        }
        final UnsafeBuffer whole = out.toBuffer();
        final int pieces = (whole.capacity() + 2) / 3; // 3-byte chunks, as a file read in fixed chunks splits them
        final DirectBuffer[] chunks = new DirectBuffer[pieces];
        final int[] lengths = new int[pieces];
        for (int i = 0; i < pieces; i++) {
            lengths[i] = Math.min(3, whole.capacity() - 3 * i);
            chunks[i] = new UnsafeBuffer(whole, 3 * i, lengths[i]);
        }

        final StateInput in = new StateInput(chunks, lengths);
        for (int i = 0; i < 50; i++) {
            assertEquals(0x0102030405060708L * (i + 1), in.getLong());
            assertEquals(-i, in.getInt());
        }
        assertTrue(in.exhausted());
        final IllegalStateException e = assertThrows(IllegalStateException.class, in::getInt);
        assertEquals("snapshot: truncated at byte " + whole.capacity(), e.getMessage());
    }

    @Test
    void readingPastTheEndNamesTheByte() {
        final StateOutput out = new StateOutput(16);
        out.putLong(1);
        out.putInt(2);
        final StateInput in = out.toInput();
        in.getLong();
        final IllegalStateException e = assertThrows(IllegalStateException.class, in::getLong);
        assertEquals("snapshot: truncated at byte 8", e.getMessage());
    }

    @Test
    void aReservedOutputWritesThatMuchWithoutAllocating() {
        final StateOutput out = new StateOutput(64);
        out.reserve(1000);
        final long capacity = out.capacity();
        assertTrue(capacity >= 1000, "capacity " + capacity);

        for (int i = 0; i < 1000 / Long.BYTES; i++) {
            out.putLong(i);
        }
        assertEquals(capacity, out.capacity(), "a chunk was allocated while writing");
    }

    @Test
    void resetKeepsTheChunksForTheNextState() {
        final StateOutput out = new StateOutput(64);
        for (int i = 0; i < 100; i++) {
            out.putLong(i);
        }
        final long capacity = out.capacity();
        out.reset();
        assertEquals(0, out.length());
        assertEquals(capacity, out.capacity());
        out.putInt(7);
        assertEquals(7, out.toInput().getInt());
    }
}
