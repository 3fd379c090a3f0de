package io.surge.engine.collections;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every {@link IdMap} must do; a test class per implementation extends it. */
abstract class IdMapContract {
    abstract IdMap create(int expectedEntries);

    @Test
    void findsWhatWasPutAndForgetsWhatWasRemoved() {
        final IdMap map = create(4);
        map.put(42, 7);
        map.put(-5, 8);
        map.put(Long.MAX_VALUE, 9);
        map.put(Long.MIN_VALUE, 10);
        assertEquals(7, map.get(42));
        assertEquals(8, map.get(-5));
        assertEquals(9, map.get(Long.MAX_VALUE));
        assertEquals(10, map.get(Long.MIN_VALUE));
        assertEquals(-1, map.get(43));
        assertEquals(-1, map.get(-6));
        map.put(42, 70);
        assertEquals(70, map.get(42));
        assertEquals(70, map.remove(42));
        assertEquals(-1, map.remove(42));
        assertEquals(-1, map.get(42));
        assertEquals(3, map.size());
        assertThrows(IllegalArgumentException.class, () -> map.put(1, -1));
    }

    @Test
    void aSlidingWindowOfSequentialIdsStaysCorrect() {
        final IdMap map = create(16);
        final int window = 5_000;
        for (long id = 1; id <= 200_000; id++) {
            assertEquals(-1, map.get(id));
            map.put(id, (int) (id % window));
            if (id > window) {
                assertEquals((int) ((id - window) % window), map.remove(id - window));
            }
        }
        assertEquals(window, map.size());
        for (long id = 200_000 - window + 1; id <= 200_000; id++) {
            assertEquals((int) (id % window), map.get(id), "id " + id);
        }
    }

    @Test
    void agreesWithAHashMapUnderRandomAndPatternedKeys() {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final IdMap map = create(8);
        final Map<Long, Integer> oracle = new HashMap<>();
        final List<Long> keys = new ArrayList<>();
        long sequence = 1;
        for (int step = 0; step < 300_000; step++) {
            final int pattern = random.nextInt(5);
            final long key = switch (pattern) {
                case 0 -> random.nextLong();                       // anything
                case 1 -> random.nextLong(1_000) << 20;            // multiples of a power of two
                case 2 -> 1_000_000 + random.nextInt(50_000);      // a dense range
                case 3 -> sequence++;                              // a sequence
                default -> keys.isEmpty() ? 1 : keys.get(random.nextInt(keys.size())); // one seen before
            };
            final int action = random.nextInt(10);
            if (action < 5) {
                final int value = random.nextInt(Integer.MAX_VALUE);
                map.put(key, value);
                oracle.put(key, value);
                keys.add(key);
            } else if (action < 8) {
                assertEquals(oracle.getOrDefault(key, -1), map.remove(key), "seed " + seed + " step " + step);
                oracle.remove(key);
            } else {
                assertEquals(oracle.getOrDefault(key, -1), map.get(key), "seed " + seed + " step " + step);
            }
            assertEquals(oracle.size(), map.size(), "seed " + seed + " step " + step);
        }
        for (Map.Entry<Long, Integer> entry : oracle.entrySet()) {
            assertEquals(entry.getValue(), map.get(entry.getKey()), "seed " + seed);
        }
        map.clear();
        assertEquals(0, map.size());
        assertEquals(-1, map.get(keys.get(0)));
        map.put(keys.get(0), 3);
        assertEquals(3, map.get(keys.get(0)));
    }
}
