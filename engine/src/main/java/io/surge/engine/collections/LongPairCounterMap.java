package io.surge.engine.collections;

import java.util.Arrays;

/**
 * Open-addressing map from a pair of {@code long} keys to a positive {@code long} counter.
 * <p>
 * Agrona has no map keyed by two longs, and packing (customer, sale, SKU) into one long would
 * lose bits. A counter that reaches zero is removed, so the map holds only live counters.
 * Linear probing with backward-shift deletion keeps lookups short without tombstones.
 * <p>
 * Not thread-safe: owned by the business-logic thread. Grows by doubling (allocation only when
 * the live count passes the load factor, never per lookup).
 */
public final class LongPairCounterMap {
    private static final float LOAD_FACTOR = 0.5f;

    private long[] firstKeys;
    private long[] secondKeys;
    private long[] counts; // 0 marks an empty bucket
    private int mask;
    private int size;
    private int resizeThreshold;

    public LongPairCounterMap(int initialCapacity) {
        allocate(Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1));
    }

    public int size() {
        return size;
    }

    /** The counter for the pair, or 0 when absent. */
    public long get(long first, long second) {
        final long[] firstKeys = this.firstKeys;
        final long[] secondKeys = this.secondKeys;
        final long[] counts = this.counts;
        int index = bucket(first, second);
        while (counts[index] != 0) {
            if (firstKeys[index] == first && secondKeys[index] == second) {
                return counts[index];
            }
            index = (index + 1) & mask;
        }
        return 0;
    }

    /**
     * Adds {@code delta} to the pair's counter and returns the new value. A result of 0 removes
     * the pair; a negative result is a caller bug and throws before anything changes.
     */
    public long add(long first, long second, long delta) {
        int index = bucket(first, second);
        while (counts[index] != 0) {
            if (firstKeys[index] == first && secondKeys[index] == second) {
                final long updated = counts[index] + delta;
                if (updated < 0) {
                    throw new IllegalStateException("counter would go negative: " + updated);
                }
                if (updated == 0) {
                    removeAt(index);
                } else {
                    counts[index] = updated;
                }
                return updated;
            }
            index = (index + 1) & mask;
        }
        if (delta < 0) {
            throw new IllegalStateException("counter would go negative: " + delta);
        }
        if (delta == 0) {
            return 0;
        }
        firstKeys[index] = first;
        secondKeys[index] = second;
        counts[index] = delta;
        if (++size > resizeThreshold) {
            rehash(counts.length << 1);
        }
        return delta;
    }

    public void clear() {
        Arrays.fill(counts, 0);
        size = 0;
    }

    /** Visits every pair; the order depends on history, so hash with an order-free combination. */
    public void forEach(PairCounterConsumer consumer) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                consumer.accept(firstKeys[i], secondKeys[i], counts[i]);
            }
        }
    }

    /** Receives one pair and its counter. */
    @FunctionalInterface
    public interface PairCounterConsumer {
        void accept(long first, long second, long count);
    }

    private int bucket(long first, long second) {
        return (int) Mix.mix(first * 0x9E3779B97F4A7C15L + second) & mask;
    }

    private void removeAt(int deleted) {
        // Backward-shift: pull later members of the probe run into the gap.
        int gap = deleted;
        int index = (deleted + 1) & mask;
        while (counts[index] != 0) {
            final int home = bucket(firstKeys[index], secondKeys[index]);
            if (((index - home) & mask) >= ((index - gap) & mask)) {
                firstKeys[gap] = firstKeys[index];
                secondKeys[gap] = secondKeys[index];
                counts[gap] = counts[index];
                gap = index;
            }
            index = (index + 1) & mask;
        }
        counts[gap] = 0;
        size--;
    }

    private void allocate(int capacity) {
        firstKeys = new long[capacity];
        secondKeys = new long[capacity];
        counts = new long[capacity];
        mask = capacity - 1;
        resizeThreshold = (int) (capacity * LOAD_FACTOR);
    }

    private void rehash(int newCapacity) {
        final long[] oldFirst = firstKeys;
        final long[] oldSecond = secondKeys;
        final long[] oldCounts = counts;
        allocate(newCapacity);
        for (int i = 0; i < oldCounts.length; i++) {
            if (oldCounts[i] != 0) {
                int index = bucket(oldFirst[i], oldSecond[i]);
                while (counts[index] != 0) {
                    index = (index + 1) & mask;
                }
                firstKeys[index] = oldFirst[i];
                secondKeys[index] = oldSecond[i];
                counts[index] = oldCounts[i];
            }
        }
    }
}
