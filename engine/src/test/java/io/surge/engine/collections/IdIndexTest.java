package io.surge.engine.collections;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdIndexTest extends IdMapContract {
    @Override
    IdMap create(int expectedEntries) {
        return new IdIndex(expectedEntries);
    }

    @Test
    void clearingClosesEveryPage() {
        final IdIndex index = new IdIndex(16);
        for (long id = 1; id <= 5_000; id++) {
            index.put(id, 1);
        }
        index.clear();
        assertEquals(0, index.size());
        assertEquals(0, index.pagesOpen());
        index.put(7, 2);
        assertEquals(2, index.get(7));
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
}
