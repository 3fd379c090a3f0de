package io.surge.engine.collections;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LongPairCounterMapTest {

    private record Pair(long first, long second) {
    }

    private static Map<Pair, Long> contents(LongPairCounterMap map) {
        final Map<Pair, Long> contents = new HashMap<>();
        map.forEach((first, second, count) -> {
            final Long previous = contents.put(new Pair(first, second), count);
            assertEquals(null, previous, "pair (" + first + ", " + second + ") visited twice");
        });
        return contents;
    }

    @Test
    void absentPairCountsZero() {
        final LongPairCounterMap map = new LongPairCounterMap(16);

        assertEquals(0, map.get(1, 2));
        assertEquals(0, map.size());
    }

    @Test
    void addAccumulatesPerPair() {
        final LongPairCounterMap map = new LongPairCounterMap(16);

        assertEquals(3, map.add(7, 42, 3));
        assertEquals(5, map.add(7, 42, 2));
        assertEquals(1, map.add(42, 7, 1));
        assertEquals(4, map.add(7, 43, 4));

        assertEquals(5, map.get(7, 42));
        assertEquals(1, map.get(42, 7), "(a, b) and (b, a) are different pairs");
        assertEquals(4, map.get(7, 43));
        assertEquals(3, map.size());
    }

    @Test
    void counterThatReachesZeroIsRemoved() {
        final LongPairCounterMap map = new LongPairCounterMap(16);
        map.add(7, 42, 3);

        assertEquals(0, map.add(7, 42, -3));

        assertEquals(0, map.get(7, 42));
        assertEquals(0, map.size());
        assertTrue(contents(map).isEmpty());
    }

    @Test
    void goingNegativeThrowsAndChangesNothing() {
        final LongPairCounterMap map = new LongPairCounterMap(16);
        map.add(7, 42, 3);

        assertThrows(IllegalStateException.class, () -> map.add(7, 42, -4));
        assertThrows(IllegalStateException.class, () -> map.add(8, 42, -1));

        assertEquals(3, map.get(7, 42));
        assertEquals(0, map.get(8, 42));
        assertEquals(1, map.size());
    }

    @Test
    void addingZeroToAnAbsentPairInsertsNothing() {
        final LongPairCounterMap map = new LongPairCounterMap(16);

        assertEquals(0, map.add(7, 42, 0));

        assertEquals(0, map.size());
        assertTrue(contents(map).isEmpty());
    }

    @Test
    void growsPastItsInitialCapacity() {
        final LongPairCounterMap map = new LongPairCounterMap(1);
        for (long i = 1; i <= 10_000; i++) {
            map.add(i, -i, i);
        }

        assertEquals(10_000, map.size());
        for (long i = 1; i <= 10_000; i++) {
            assertEquals(i, map.get(i, -i));
        }
    }

    @Test
    void clearEmptiesTheMap() {
        final LongPairCounterMap map = new LongPairCounterMap(16);
        map.add(1, 1, 1);
        map.add(2, 2, 2);

        map.clear();

        assertEquals(0, map.size());
        assertEquals(0, map.get(1, 1));
        assertEquals(1, map.add(1, 1, 1));
    }

    @Test
    void zeroAndNegativeKeysAreOrdinaryKeys() {
        final LongPairCounterMap map = new LongPairCounterMap(16);
        map.add(0, 0, 1);
        map.add(Long.MIN_VALUE, Long.MAX_VALUE, 2);
        map.add(-1, -1, 3);

        assertEquals(1, map.get(0, 0));
        assertEquals(2, map.get(Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(3, map.get(-1, -1));
    }

    /**
     * Builds a probe run that wraps from the last bucket to the first, removes its head, and
     * checks backward-shift deletion moved the rest so they are still found. The bucket function
     * is copied from the map; the precondition (forEach visits buckets 0, 1, then 15) checks the
     * copy still matches, so a changed hash fails here loudly rather than silently weakening the test.
     */
    @Test
    void removalShiftsAWrappedProbeRunBack() {
        final int mask = 15;
        final List<Long> homeInLastBucket = new ArrayList<>();
        long noise = -1;
        for (long first = 1; homeInLastBucket.size() < 3 || noise < 0; first++) {
            final int bucket = bucket(first, 99, mask);
            if (bucket == mask && homeInLastBucket.size() < 3) {
                homeInLastBucket.add(first);
            } else if (bucket == 1 && noise < 0) {
                noise = first;
            }
        }
        final long a = homeInLastBucket.get(0);
        final long b = homeInLastBucket.get(1);
        final long c = homeInLastBucket.get(2);
        final LongPairCounterMap map = new LongPairCounterMap(16);
        map.add(a, 99, 1); // bucket 15
        map.add(b, 99, 2); // wraps to bucket 0
        map.add(c, 99, 3); // bucket 1
        map.add(noise, 99, 4); // home 1, pushed to bucket 2
        final List<Long> visitOrder = new ArrayList<>();
        map.forEach((first, second, count) -> visitOrder.add(first));
        assertEquals(List.of(b, c, noise, a), visitOrder, "precondition: the keys form one wrapped probe run");

        map.add(a, 99, -1);

        assertEquals(0, map.get(a, 99));
        assertEquals(2, map.get(b, 99));
        assertEquals(3, map.get(c, 99));
        assertEquals(4, map.get(noise, 99));
        assertEquals(3, map.size());
        // Removing again from the shifted run still finds every survivor.
        map.add(b, 99, -2);
        assertEquals(3, map.get(c, 99));
        assertEquals(4, map.get(noise, 99));
        map.add(c, 99, -3);
        assertEquals(4, map.get(noise, 99));
        assertEquals(1, map.size());
    }

    @Test
    void manyInsertsAndRemovalsAgreeWithAHashMap() {
        final long seed = 42_4242L;
        final Random random = new Random(seed);
        final LongPairCounterMap map = new LongPairCounterMap(16);
        final Map<Pair, Long> oracle = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // A small key space forces long probe runs, collisions and many removals.
            final long first = random.nextInt(300);
            final long second = random.nextInt(4);
            final Pair pair = new Pair(first, second);
            final long current = oracle.getOrDefault(pair, 0L);
            final long delta;
            if (current > 0 && random.nextInt(3) == 0) {
                delta = -current; // remove
            } else if (current > 0 && random.nextBoolean()) {
                delta = -1 - random.nextInt((int) Math.min(current, 5));
            } else {
                delta = 1 + random.nextInt(5);
            }
            final long updated = map.add(first, second, delta);
            assertEquals(current + delta, updated, "seed " + seed + " step " + step);
            if (updated == 0) {
                oracle.remove(pair);
            } else {
                oracle.put(pair, updated);
            }
            if (step % 1_000 == 0) {
                assertEquals(oracle, contents(map), "seed " + seed + " step " + step);
            }
            assertEquals(oracle.size(), map.size(), "seed " + seed + " step " + step);
            final Pair probe = new Pair(random.nextInt(300), random.nextInt(4));
            assertEquals(oracle.getOrDefault(probe, 0L), map.get(probe.first(), probe.second()),
                "seed " + seed + " step " + step);
        }
        assertEquals(oracle, contents(map), "seed " + seed);
        for (Map.Entry<Pair, Long> entry : oracle.entrySet()) {
            assertEquals(entry.getValue(), map.get(entry.getKey().first(), entry.getKey().second()), "seed " + seed);
        }
    }

    /** A copy of the map's private bucket function, for building collisions on purpose. */
    private static int bucket(long first, long second, int mask) {
        return (int) Mix.mix(first * 0x9E3779B97F4A7C15L + second) & mask;
    }
}
