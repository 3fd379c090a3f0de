package io.surge.engine.collections;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdHashTableTest {
    @Test
    void findsWhatWasPutAndForgetsWhatWasRemoved() {
        final IdHashTable index = new IdHashTable(4);
        index.put(42, 7);
        index.put(-5, 8);
        index.put(Long.MAX_VALUE, 9);
        assertEquals(7, index.get(42));
        assertEquals(8, index.get(-5));
        assertEquals(9, index.get(Long.MAX_VALUE));
        assertEquals(-1, index.get(43));
        index.put(42, 70);
        assertEquals(70, index.get(42));
        assertEquals(70, index.remove(42));
        assertEquals(-1, index.remove(42));
        assertEquals(-1, index.get(42));
        assertEquals(2, index.size());
        assertThrows(IllegalArgumentException.class, () -> index.put(1, -1));
    }

    @Test
    void slidingWindowOfSequentialIdsStaysCorrect() {
        final IdHashTable index = new IdHashTable(16);
        final int window = 5_000;
        for (long id = 1; id <= 200_000; id++) {
            assertEquals(-1, index.get(id));
            index.put(id, (int) (id % window));
            if (id > window) {
                assertEquals((int) ((id - window) % window), index.remove(id - window));
            }
        }
        assertEquals(window, index.size());
        for (long id = 200_000 - window + 1; id <= 200_000; id++) {
            assertEquals((int) (id % window), index.get(id), "id " + id);
        }
    }

    @Test
    void agreesWithAHashMapUnderRandomAndPatternedKeys() {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final IdHashTable index = new IdHashTable(8);
        final Map<Long, Integer> oracle = new HashMap<>();
        final List<Long> keys = new ArrayList<>();
        for (int step = 0; step < 300_000; step++) {
            final int pattern = random.nextInt(4);
            final long key = switch (pattern) {
                case 0 -> random.nextLong();                       // anything
                case 1 -> random.nextLong(1_000) << 20;            // multiples of a power of two
                case 2 -> 1_000_000 + random.nextInt(50_000);      // a dense range
                default -> keys.isEmpty() ? 1 : keys.get(random.nextInt(keys.size())); // one seen before
            };
            final int action = random.nextInt(10);
            if (action < 5) {
                final int value = random.nextInt(Integer.MAX_VALUE);
                index.put(key, value);
                oracle.put(key, value);
                keys.add(key);
            } else if (action < 8) {
                assertEquals(oracle.getOrDefault(key, -1), index.remove(key), "seed " + seed + " step " + step);
                oracle.remove(key);
            } else {
                assertEquals(oracle.getOrDefault(key, -1), index.get(key), "seed " + seed + " step " + step);
            }
            assertEquals(oracle.size(), index.size(), "seed " + seed + " step " + step);
        }
        for (Map.Entry<Long, Integer> entry : oracle.entrySet()) {
            assertEquals(entry.getValue(), index.get(entry.getKey()), "seed " + seed);
        }
        index.clear();
        assertEquals(0, index.size());
        assertEquals(-1, index.get(keys.get(0)));
    }
}
