package io.surge.engine.live;

import java.util.Arrays;

/**
 * Orders per second over the last {@code seconds} seconds: a ring of per-second buckets, each
 * stamped with the second it counts, so a bucket left over from an earlier lap of the ring reads
 * as zero. Time only moves forward here: a clock that steps back is counted in the latest
 * second rather than rewriting the past.
 * <p>
 * Owned by one thread (the live reader); nothing allocated per call.
 */
final class RateWindow {
    private static final long NONE = Long.MIN_VALUE;

    private final int seconds;
    private final long[] counts;
    private final long[] bucketSecond;
    private long latestSecond = NONE;
    private long peakPerSecond;

    RateWindow(int seconds) {
        if (seconds < 2) {
            throw new IllegalArgumentException("a rate window needs at least 2 seconds, not " + seconds);
        }
        this.seconds = seconds;
        this.counts = new long[seconds];
        this.bucketSecond = new long[seconds];
        Arrays.fill(bucketSecond, NONE);
    }

    int seconds() {
        return seconds;
    }

    /** Counts {@code count} events at {@code nowMs}. */
    void add(long nowMs, long count) {
        final long second = advance(nowMs);
        final int index = (int) Math.floorMod(second, (long) seconds);
        if (bucketSecond[index] != second) {
            bucketSecond[index] = second;
            counts[index] = 0;
        }
        counts[index] += count;
        if (counts[index] > peakPerSecond) {
            peakPerSecond = counts[index];
        }
    }

    /**
     * The second the window ends with at {@code nowMs} (the latest second seen, if the clock
     * stepped back): the one {@link #copyTo} puts last.
     */
    long endSecond(long nowMs) {
        final long second = Math.floorDiv(nowMs, 1000L);
        return latestSecond == NONE || second > latestSecond ? second : latestSecond;
    }

    /**
     * Writes the counts of the {@link #seconds()} seconds ending with {@link #endSecond} into
     * {@code out}, oldest first; seconds nobody counted in are 0.
     */
    void copyTo(long nowMs, long[] out) {
        final long end = endSecond(nowMs);
        for (int i = 0; i < seconds; i++) {
            final long second = end - seconds + 1 + i;
            final int index = (int) Math.floorMod(second, (long) seconds);
            out[i] = bucketSecond[index] == second ? counts[index] : 0;
        }
    }

    /** The most counted in any one second so far (not only within the window). */
    long peakPerSecond() {
        return peakPerSecond;
    }

    private long advance(long nowMs) {
        final long second = endSecond(nowMs);
        latestSecond = second;
        return second;
    }
}
