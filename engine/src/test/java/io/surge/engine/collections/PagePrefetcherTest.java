package io.surge.engine.collections;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class PagePrefetcherTest {
    private static final int PAGE_BYTES = 64 * 1024;

    /** The first page of a size is asked for before any is ready; later ones arrive from the helper thread. */
    private static ByteBuffer awaitPage(PagePrefetcher prefetcher, int bytes) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            final ByteBuffer page = prefetcher.take(bytes);
            if (page != null) {
                return page;
            }
            Thread.sleep(1);
        }
        return fail("no page of " + bytes + " bytes was made ready within 10 s");
    }

    @Test
    void handsOutZeroedDirectPagesOfEachSizeAskedFor() throws Exception {
        try (PagePrefetcher prefetcher = new PagePrefetcher("test-pages", 2)) {
            for (int bytes : new int[] {PAGE_BYTES, PAGE_BYTES / 2}) {
                for (int i = 0; i < 5; i++) {
                    final ByteBuffer page = awaitPage(prefetcher, bytes);
                    assertTrue(page.isDirect());
                    assertEquals(bytes, page.capacity());
                    for (int offset = 0; offset < bytes; offset += Long.BYTES) {
                        assertEquals(0, page.getLong(offset), "byte " + offset + " of a fresh page");
                    }
                }
            }
        }
    }

    @Test
    void neverWaitsAndHandsOutNothingOnceClosed() throws Exception {
        final PagePrefetcher prefetcher = new PagePrefetcher("test-pages", 1);
        assertNull(prefetcher.take(PAGE_BYTES), "nothing can be ready before the size is first asked for");
        awaitPage(prefetcher, PAGE_BYTES);
        prefetcher.close();
        assertNull(prefetcher.take(PAGE_BYTES));
    }

    @Test
    void recordsKeepTheirValuesAcrossPrefetchedPages() throws Exception {
        try (PagePrefetcher prefetcher = new PagePrefetcher("test-pages", 2)) {
            final PagedRecords records = new PagedRecords(2, PagedRecords.PAGE_RECORDS);
            records.prefetchPagesFrom(prefetcher);
            final int count = 6 * PagedRecords.PAGE_RECORDS;
            for (int record = 0; record < count; record++) {
                records.ensureCapacity(record + 1);
                assertEquals(0, records.get(record, 0), "a new record reads as zeros");
                records.set(record, 0, record);
                records.set(record, 1, -record);
                if (record % PagedRecords.PAGE_RECORDS == 0) {
                    Thread.sleep(2); // gives the helper thread time to have pages ready
                }
            }
            for (int record = 0; record < count; record++) {
                assertEquals(record, records.get(record, 0));
                assertEquals(-record, records.get(record, 1));
            }
            assertTrue(prefetcher.pagesHandedOut() > 0, "no page came from the prefetcher");
        }
    }

    @Test
    void refusesToKeepNoPagesAhead() {
        assertThrows(IllegalArgumentException.class, () -> new PagePrefetcher("test-pages", 0));
    }
}
