package io.surge.engine.collections;

import java.util.Arrays;

/**
 * An open-addressing map from order id ({@code long}) to a non-negative {@code int} value: where
 * {@link IdIndex} keeps the ids that do not arrive in dense runs (random, strided or
 * scattered ids), and the whole index when every id is like that.
 * <p>
 * Ids are hashed in groups of {@link #GROUP} consecutive ids: a group lands at a random place (so
 * no pattern of ids clusters the table), and the ids within a group sit next to each other (so
 * nearby ids touch the same cache lines). Larger groups cluster more (a group that lands on
 * another's place spills a whole group further on).
 * <p>
 * <b>Growth without long pauses.</b> The table is split into {@value #SEGMENTS} segments, chosen
 * by the top bits of the group's hash, each an independent table that doubles on its own. One
 * table of millions of ids takes a few hundred milliseconds to rehash, and the business-logic
 * thread decides nothing meanwhile; a segment takes a few hundred times less. Segments fill
 * evenly, so each grows at a slightly different load (from 3/8 to 1/2), which spreads their
 * doublings out instead of stacking them into one long pause.
 * <p>
 * Linear probing within a segment, backward-shift deletion (no tombstones), keys and values
 * interleaved so a probe reads one cache line. Not thread-safe: owned by the business-logic
 * thread. Never allocates per operation except when a segment doubles.
 */
final class IdHashTable implements IdMap {
    /** Consecutive ids that share a neighbourhood of the table. */
    static final int GROUP = 8;
    private static final int GROUP_BITS = 3;
    static final int SEGMENTS = 256;
    private static final int SEGMENT_SHIFT = Long.SIZE - 8;
    private static final int MIN_SEGMENT_CAPACITY = 2 * GROUP;
    private static final long EMPTY = -1;

    private final long[][] segments = new long[SEGMENTS][]; // [2i] key, [2i + 1] value, EMPTY value: free
    private final int[] masks = new int[SEGMENTS];
    private final int[] sizes = new int[SEGMENTS];
    private final int[] growAt = new int[SEGMENTS];
    private int size;

    /** Sized so that about {@code expectedEntries} fit before any segment grows. */
    public IdHashTable(int expectedEntries) {
        final int perSegment = Math.max(1, expectedEntries / SEGMENTS);
        final int capacity = Math.max(MIN_SEGMENT_CAPACITY, Integer.highestOneBit(perSegment - 1 | 1) << 2);
        for (int segment = 0; segment < SEGMENTS; segment++) {
            allocate(segment, capacity);
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int get(long key) {
        final long hash = Mix.mix(key >>> GROUP_BITS);
        final int segment = segmentOf(hash);
        final long[] entries = segments[segment];
        final int bucket = probe(entries, masks[segment], hash, key);
        return bucket >= 0 ? (int) entries[2 * bucket + 1] : -1;
    }

    @Override
    public void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must not be negative: " + value);
        }
        final long hash = Mix.mix(key >>> GROUP_BITS);
        final int segment = segmentOf(hash);
        final long[] entries = segments[segment];
        final int mask = masks[segment];
        final int bucket = probe(entries, mask, hash, key);
        if (bucket >= 0) {
            entries[2 * bucket + 1] = value;
            return;
        }
        final int free = -bucket - 1;
        entries[2 * free] = key;
        entries[2 * free + 1] = value;
        size++;
        if (++sizes[segment] > growAt[segment]) {
            rehash(segment, 2 * (mask + 1));
        }
    }

    @Override
    public int remove(long key) {
        final long hash = Mix.mix(key >>> GROUP_BITS);
        final int segment = segmentOf(hash);
        final long[] entries = segments[segment];
        final int mask = masks[segment];
        final int bucket = probe(entries, mask, hash, key);
        if (bucket < 0) {
            return -1;
        }
        final int value = (int) entries[2 * bucket + 1];
        shiftBack(entries, mask, bucket);
        sizes[segment]--;
        size--;
        return value;
    }

    /** The bucket holding the key, or {@code -(b + 1)} for the free bucket b where the probe for it ended. */
    private static int probe(long[] entries, int mask, long hash, long key) {
        for (int bucket = bucketOf(hash, key, mask); ; bucket = (bucket + 1) & mask) {
            if (entries[2 * bucket + 1] == EMPTY) {
                return -bucket - 1;
            }
            if (entries[2 * bucket] == key) {
                return bucket;
            }
        }
    }

    @Override
    public void clear() {
        for (int segment = 0; segment < SEGMENTS; segment++) {
            Arrays.fill(segments[segment], EMPTY);
            sizes[segment] = 0;
        }
        size = 0;
    }

    /** Pulls later members of the probe run into the freed bucket, so lookups never stop early. */
    private static void shiftBack(long[] entries, int mask, int freed) {
        int gap = freed;
        long group = -1; // a run holds whole groups of ids side by side: hash each group once
        long groupHash = 0;
        for (int bucket = (freed + 1) & mask; entries[2 * bucket + 1] != EMPTY; bucket = (bucket + 1) & mask) {
            final long key = entries[2 * bucket];
            if (key >>> GROUP_BITS != group) {
                group = key >>> GROUP_BITS;
                groupHash = Mix.mix(group);
            }
            final int home = bucketOf(groupHash, key, mask);
            if (((bucket - home) & mask) >= ((bucket - gap) & mask)) {
                entries[2 * gap] = entries[2 * bucket];
                entries[2 * gap + 1] = entries[2 * bucket + 1];
                gap = bucket;
            }
        }
        entries[2 * gap + 1] = EMPTY;
    }

    private static int segmentOf(long groupHash) {
        return (int) (groupHash >>> SEGMENT_SHIFT);
    }

    /** A group's place is a scrambled function of the group number; the id's offset keeps order. */
    private static int bucketOf(long groupHash, long key, int mask) {
        return (int) ((groupHash << GROUP_BITS) | (key & (GROUP - 1))) & mask;
    }

    private void allocate(int segment, int capacity) {
        final long[] entries = new long[2 * capacity];
        Arrays.fill(entries, EMPTY);
        segments[segment] = entries;
        masks[segment] = capacity - 1;
        // From 1/2 (segment 0) down to 3/8 (the last segment) of the capacity.
        growAt[segment] = capacity / 2 - (int) ((long) capacity * segment / (8L * SEGMENTS));
    }

    private void rehash(int segment, int newCapacity) {
        final long[] old = segments[segment];
        allocate(segment, newCapacity);
        final long[] entries = segments[segment];
        final int mask = masks[segment];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != EMPTY) {
                int bucket = bucketOf(Mix.mix(old[i] >>> GROUP_BITS), old[i], mask);
                while (entries[2 * bucket + 1] != EMPTY) {
                    bucket = (bucket + 1) & mask;
                }
                entries[2 * bucket] = old[i];
                entries[2 * bucket + 1] = old[i + 1];
            }
        }
    }
}
