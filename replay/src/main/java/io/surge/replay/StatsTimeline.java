package io.surge.replay;

import java.util.Arrays;

/**
 * Per-bucket counts over engine time for {@code stats}: orders placed, reserved, rejected (in all
 * and per reason) and paid, GMV reserved and paid. Buckets are whole seconds or minutes of epoch
 * time; the arrays grow with the time span read (never with the number of orders), up to
 * {@link #MAX_BUCKETS}. One instance per scan; one thread.
 */
final class StatsTimeline {
    /** About 48 days of seconds, or 8 years of minutes: 32 bytes a bucket, 128 MB at most. */
    static final int MAX_BUCKETS = 1 << 22;
    private static final int INITIAL_BUCKETS = 1 << 10;
    private static final int REASONS = 256;

    private final long bucketMs;
    private long originBucket = Long.MIN_VALUE;
    private int size;
    private int[] placed = new int[INITIAL_BUCKETS];
    private int[] reserved = new int[INITIAL_BUCKETS];
    private int[] rejected = new int[INITIAL_BUCKETS];
    private int[] paid = new int[INITIAL_BUCKETS];
    private long[] gmvReservedCents = new long[INITIAL_BUCKETS];
    private long[] gmvPaidCents = new long[INITIAL_BUCKETS];
    /** Rejected orders per reason code, allocated for the reasons that occur. */
    private final int[][] rejectedByReason = new int[REASONS][];

    StatsTimeline(long bucketMs) {
        this.bucketMs = bucketMs;
    }

    long bucketMs() {
        return bucketMs;
    }

    /** The bucket of an entry at {@code engineTimeMs}, growing the series to hold it. */
    int bucket(long engineTimeMs) {
        final long absolute = Math.floorDiv(engineTimeMs, bucketMs);
        if (originBucket == Long.MIN_VALUE) {
            originBucket = absolute;
        }
        long index = absolute - originBucket;
        if (index < 0) {
            prepend(-index);
            index = 0;
        }
        if (index >= size) {
            ensureCapacity(index + 1);
            size = (int) index + 1;
        }
        return (int) index;
    }

    void onPlaced(int bucket) {
        placed[bucket]++;
    }

    void onReserved(int bucket, long totalCents) {
        reserved[bucket]++;
        gmvReservedCents[bucket] += totalCents;
    }

    void onRejected(int bucket, int reasonCode) {
        rejected[bucket]++;
        int[] byReason = rejectedByReason[reasonCode];
        if (byReason == null) {
            byReason = new int[placed.length];
            rejectedByReason[reasonCode] = byReason;
        }
        byReason[bucket]++;
    }

    void onPaid(int bucket, long totalCents) {
        paid[bucket]++;
        gmvPaidCents[bucket] += totalCents;
    }

    /** Buckets from the first entry read to the last (0 when nothing was read). */
    int size() {
        return size;
    }

    /** Epoch milliseconds at which bucket {@code index} starts. */
    long startMs(int index) {
        return (originBucket + index) * bucketMs;
    }

    int placed(int index) {
        return placed[index];
    }

    int reserved(int index) {
        return reserved[index];
    }

    int rejected(int index) {
        return rejected[index];
    }

    int paid(int index) {
        return paid[index];
    }

    long gmvReservedCents(int index) {
        return gmvReservedCents[index];
    }

    long gmvPaidCents(int index) {
        return gmvPaidCents[index];
    }

    /** Rejected orders with this reason in bucket {@code index}. */
    int rejected(int index, int reasonCode) {
        final int[] byReason = rejectedByReason[reasonCode];
        return byReason == null ? 0 : byReason[index];
    }

    /** Whether any order was placed, decided or paid in the bucket. */
    boolean hasOrders(int index) {
        return placed[index] != 0 || reserved[index] != 0 || rejected[index] != 0 || paid[index] != 0;
    }

    /** The bucket with the most orders placed (the earliest of equals), or -1 when none was placed. */
    int peakPlaced() {
        int peak = -1;
        for (int i = 0; i < size; i++) {
            if (placed[i] > 0 && (peak < 0 || placed[i] > placed[peak])) {
                peak = i;
            }
        }
        return peak;
    }

    private void ensureCapacity(long needed) {
        if (needed > MAX_BUCKETS) {
            throw new ReplayException("the journal spans more than " + MAX_BUCKETS + " "
                + (bucketMs == 1000 ? "seconds; use --by minute or" : "minutes;") + " narrow it with --from/--to");
        }
        if (needed <= placed.length) {
            return;
        }
        final int capacity = (int) Math.min(MAX_BUCKETS, Math.max(needed, 2L * placed.length));
        placed = Arrays.copyOf(placed, capacity);
        reserved = Arrays.copyOf(reserved, capacity);
        rejected = Arrays.copyOf(rejected, capacity);
        paid = Arrays.copyOf(paid, capacity);
        gmvReservedCents = Arrays.copyOf(gmvReservedCents, capacity);
        gmvPaidCents = Arrays.copyOf(gmvPaidCents, capacity);
        for (int reason = 0; reason < REASONS; reason++) {
            if (rejectedByReason[reason] != null) {
                rejectedByReason[reason] = Arrays.copyOf(rejectedByReason[reason], capacity);
            }
        }
    }

    /** Engine time never goes backwards, but a tool should not trust that: shift the series right. */
    private void prepend(long buckets) {
        ensureCapacity(size + buckets);
        final int shift = (int) buckets;
        shift(placed, shift);
        shift(reserved, shift);
        shift(rejected, shift);
        shift(paid, shift);
        shift(gmvReservedCents, shift);
        shift(gmvPaidCents, shift);
        for (int[] byReason : rejectedByReason) {
            if (byReason != null) {
                shift(byReason, shift);
            }
        }
        originBucket -= buckets;
        size += shift;
    }

    private void shift(int[] series, int by) {
        System.arraycopy(series, 0, series, by, size);
        Arrays.fill(series, 0, by, 0);
    }

    private void shift(long[] series, int by) {
        System.arraycopy(series, 0, series, by, size);
        Arrays.fill(series, 0, by, 0L);
    }
}
