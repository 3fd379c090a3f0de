package io.surge.engine.collections;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdIndexTest {
    @Test
    void findsWhatWasPutAndForgetsWhatWasRemoved() {
        final IdIndex index = new IdIndex(4);
        index.put(42, 7);
        index.put(-5, 8);
        index.put(Long.MAX_VALUE, 9);
        index.put(Long.MIN_VALUE, 10);
        assertEquals(7, index.get(42));
        assertEquals(8, index.get(-5));
        assertEquals(9, index.get(Long.MAX_VALUE));
        assertEquals(10, index.get(Long.MIN_VALUE));
        assertEquals(-1, index.get(43));
        assertEquals(-1, index.get(-6));
        index.put(42, 70);
        assertEquals(70, index.get(42));
        assertEquals(70, index.remove(42));
        assertEquals(-1, index.remove(42));
        assertEquals(-1, index.get(42));
        assertEquals(3, index.size());
        assertThrows(IllegalArgumentException.class, () -> index.put(1, -1));
    }

    @Test
    void aSlidingWindowOfSequentialIdsLivesInAFewRecycledPages() {
        final IdIndex index = new IdIndex(16);
        final int window = 5_000;
        for (long id = 1; id <= 200_000; id++) {
            assertEquals(-1, index.get(id));
            index.put(id, (int) (id % window));
            if (id > window) {
                assertEquals((int) ((id - window) % window), index.remove(id - window));
            }
        }
        assertEquals(window, index.size());
        assertEquals(0, index.scatteredSize(), "sequential ids need no hash table");
        assertTrue(index.pagesOpen() <= window / IdIndex.PAGE_SIZE + 2, "pages open: " + index.pagesOpen());
        for (long id = 200_000 - window + 1; id <= 200_000; id++) {
            assertEquals((int) (id % window), index.get(id), "id " + id);
        }
    }

    @Test
    void interleavedRunsOfSeveralSendersStayInPages() {
        final IdIndex index = new IdIndex(16);
        for (int i = 0; i < 100_000; i++) {
            final long sender = i % 4;
            index.put((sender << 40) + i / 4, i);
        }
        assertEquals(100_000, index.size());
        assertEquals(0, index.scatteredSize());
        assertEquals(99_999, index.get((3L << 40) + 99_999 / 4));
    }

    @Test
    void sparseIdsGoToTheHashTableAndOpenNoMorePagesThanAllowed() {
        final IdIndex index = new IdIndex(16);
        final SplittableRandom random = new SplittableRandom(7);
        final long[] ids = new long[20_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextLong();
            index.put(ids[i], i);
        }
        assertEquals(ids.length, index.size());
        assertEquals(IdIndex.FREE_PAGES, index.pagesOpen());
        assertEquals(ids.length - IdIndex.FREE_PAGES, index.scatteredSize());
        for (int i = 0; i < ids.length; i++) {
            assertEquals(i, index.remove(ids[i]));
        }
        assertEquals(0, index.size());
        assertEquals(0, index.pagesOpen(), "a page whose last id is removed is recycled");
    }

    @Test
    void anIdAddedBeforeItsPageOpenedStaysFindableInTheHashTable() {
        final IdIndex index = new IdIndex(16);
        for (int page = 0; page < IdIndex.FREE_PAGES; page++) {
            index.put((long) page * IdIndex.PAGE_SIZE, page); // one id per page: as sparse as it gets
        }
        final long early = 1_000L * IdIndex.PAGE_SIZE + 5;
        index.put(early, 1); // no page for it: too sparse
        assertEquals(1, index.scatteredSize());
        index.remove(0); // frees a page
        index.put(early + 1, 2); // opens the page that 'early' belongs to
        assertEquals(1, index.scatteredSize(), "the early id did not move");

        assertEquals(1, index.get(early));
        index.put(early, 10);
        assertEquals(10, index.get(early));
        assertEquals(1, index.scatteredSize(), "replaced in place, not added to its page");
        assertEquals(IdIndex.FREE_PAGES + 1, index.size());
        assertEquals(10, index.remove(early));
        assertEquals(-1, index.get(early));
        assertEquals(2, index.get(early + 1));
        assertEquals(0, index.scatteredSize());
    }

    @Test
    void agreesWithAHashMapUnderRandomAndPatternedKeys() {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final IdIndex index = new IdIndex(8);
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
        assertEquals(0, index.pagesOpen());
        assertEquals(-1, index.get(keys.get(0)));
        index.put(keys.get(0), 3);
        assertEquals(3, index.get(keys.get(0)));
    }
}
