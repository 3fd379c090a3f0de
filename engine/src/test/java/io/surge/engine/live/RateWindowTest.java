package io.surge.engine.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateWindowTest {
    private static final long T0 = 1_700_000_000_000L; // a whole second

    private static long[] counts(RateWindow window, long nowMs) {
        final long[] out = new long[window.seconds()];
        window.copyTo(nowMs, out);
        return out;
    }

    @Test
    void countsEventsInTheSecondTheyHappenedOldestFirst() {
        final RateWindow window = new RateWindow(4);
        window.add(T0 + 10, 1);
        window.add(T0 + 999, 2);
        window.add(T0 + 1_000, 5);
        window.add(T0 + 3_500, 7);
        assertArrayEquals(new long[] {3, 5, 0, 7}, counts(window, T0 + 3_900));
        assertEquals((T0 + 3_000) / 1000, window.endSecond(T0 + 3_900));
    }

    @Test
    void rollsOverSoThatSecondsOlderThanTheWindowReadAsZero() {
        final RateWindow window = new RateWindow(3);
        window.add(T0, 4);
        window.add(T0 + 1_000, 5);
        window.add(T0 + 2_000, 6);
        assertArrayEquals(new long[] {4, 5, 6}, counts(window, T0 + 2_000));
        // One lap later the bucket of T0 is reused for T0 + 3 s: the old count must not leak in.
        window.add(T0 + 3_000, 1);
        assertArrayEquals(new long[] {5, 6, 1}, counts(window, T0 + 3_000));
        // Time passing without events moves the window on by itself.
        assertArrayEquals(new long[] {1, 0, 0}, counts(window, T0 + 5_000));
        assertArrayEquals(new long[] {0, 0, 0}, counts(window, T0 + 60_000));
        // Far later, the same ring slots start again from zero.
        window.add(T0 + 60_000, 2);
        window.add(T0 + 60_000, 3);
        assertArrayEquals(new long[] {0, 0, 5}, counts(window, T0 + 60_500));
    }

    @Test
    void aClockSteppingBackCountsInTheLatestSecond() {
        final RateWindow window = new RateWindow(3);
        window.add(T0 + 5_000, 1);
        window.add(T0 + 1_000, 2); // the wall clock jumped back
        assertArrayEquals(new long[] {0, 0, 3}, counts(window, T0 + 1_000));
    }

    @Test
    void remembersThePeakSecondEvenAfterItLeftTheWindow() {
        final RateWindow window = new RateWindow(2);
        window.add(T0, 10);
        window.add(T0 + 300, 15);
        window.add(T0 + 1_000, 3);
        window.add(T0 + 9_000, 1);
        assertEquals(25, window.peakPerSecond());
        assertArrayEquals(new long[] {0, 1}, counts(window, T0 + 9_000));
    }

    @Test
    void refusesAWindowTooSmallToHaveACompleteSecond() {
        assertThrows(IllegalArgumentException.class, () -> new RateWindow(1));
    }
}
