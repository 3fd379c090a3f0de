package io.surge.engine.collections;

import java.util.Arrays;

/**
 * A map from id ({@code long}) to a non-negative {@code int} value, built for ids that mostly
 * come in dense runs, and correct for any ids. It indexes order ids (the idempotency window) and
 * SKU ids (the catalogue).
 * <p>
 * Upstream services number orders sequentially (per gateway, per connection or per time slice),
 * and the idempotency window slides over those numbers: the newest id is looked up and added,
 * the oldest removed. Catalogues number SKUs densely too. Any hash table scatters consecutive
 * ids, so each step probes a different place of a table of tens of megabytes, and linear probing
 * walks long runs there. This index cuts the id space into pages of {@value #PAGE_SIZE}
 * consecutive ids, each page a plain {@code int[]} indexed by the id's low bits: a dense run of
 * ids costs one small page lookup per page (and a cache of recent pages skips even that), then a
 * direct array access. Measured on a sliding window of 1M sequential ids (lookup, add, remove the
 * oldest): about 17 ns per id, where the hash table alone took about 120.
 * <p>
 * Pages only pay off when they fill. An id whose page is not open goes to the page only while
 * pages stay dense (on average at least {@value #MIN_ENTRIES_PER_PAGE} ids per page, or fewer
 * than {@value #FREE_PAGES} pages open); otherwise to an {@link IdHashTable}. Random or widely
 * strided ids therefore cost what the hash table costs, and never a page per id. A page whose
 * last id is removed is recycled. An id lives in exactly one place: in its page if that page was
 * open when the id was added, else in the hash table.
 * <p>
 * Not thread-safe: owned by the business-logic thread. Allocates only when it opens more pages
 * than it ever had, or when a table grows.
 */
public final class IdIndex implements IdMap {
    static final int PAGE_BITS = 10;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    /** Pages that may be open however sparse they are. */
    static final int FREE_PAGES = 64;
    /** Beyond {@link #FREE_PAGES}, a new page opens only if the open ones hold this many ids each on average. */
    static final int MIN_ENTRIES_PER_PAGE = PAGE_SIZE / 16;
    private static final int EMPTY = -1;
    private static final int NO_PAGE = -1;
    private static final int RECENT_PAGES = 16;
    private static final long NO_NUMBER = Long.MIN_VALUE; // no id's page number (ids >> 10 never reach it)

    private final ScrambledLong2LongMap pageByNumber = new ScrambledLong2LongMap(256, NO_PAGE);
    private int[][] pages = new int[16][];
    private int[] pageCounts = new int[16];
    private long[] pageNumbers = new long[16];
    private int pagesAllocated;
    private int[] freePages = new int[16];
    private int freePageCount;
    private int pagesOpen;
    private int pagedEntries;
    /** A direct-mapped cache of recently used pages: most steps skip the page map. */
    private final long[] recentNumbers = new long[RECENT_PAGES];
    private final int[] recentPages = new int[RECENT_PAGES];
    private final IdHashTable scattered;

    /** Sized so that about {@code expectedScatteredEntries} ids outside dense runs fit before the hash table grows. */
    public IdIndex(int expectedScatteredEntries) {
        scattered = new IdHashTable(expectedScatteredEntries);
        Arrays.fill(recentNumbers, NO_NUMBER);
    }

    @Override
    public int size() {
        return pagedEntries + scattered.size();
    }

    @Override
    public int get(long key) {
        final int page = pageOf(key >> PAGE_BITS);
        if (page != NO_PAGE) {
            final int value = pages[page][(int) key & PAGE_MASK];
            if (value != EMPTY) {
                return value;
            }
        }
        return scattered.size() == 0 ? EMPTY : scattered.get(key);
    }

    @Override
    public void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("values must not be negative: " + value);
        }
        final long number = key >> PAGE_BITS;
        final int slot = (int) key & PAGE_MASK;
        int page = pageOf(number);
        if (page != NO_PAGE && pages[page][slot] != EMPTY) {
            pages[page][slot] = value;
            return;
        }
        if (page == NO_PAGE && !mayOpenPage()) {
            scattered.put(key, value); // adds or replaces there: one probe
            return;
        }
        if (scattered.size() != 0 && scattered.get(key) != EMPTY) {
            scattered.put(key, value); // added before its page opened: it stays where it is
            return;
        }
        if (page == NO_PAGE) {
            page = openPage(number);
        }
        pages[page][slot] = value;
        pageCounts[page]++;
        pagedEntries++;
    }

    @Override
    public int remove(long key) {
        final int page = pageOf(key >> PAGE_BITS);
        if (page != NO_PAGE) {
            final int slot = (int) key & PAGE_MASK;
            final int value = pages[page][slot];
            if (value != EMPTY) {
                pages[page][slot] = EMPTY;
                pagedEntries--;
                if (--pageCounts[page] == 0) {
                    closePage(page);
                }
                return value;
            }
        }
        return scattered.size() == 0 ? EMPTY : scattered.remove(key);
    }

    @Override
    public void clear() {
        for (int page = 0; page < pagesAllocated; page++) {
            if (pageCounts[page] > 0) {
                Arrays.fill(pages[page], EMPTY);
                closePage(page);
            }
        }
        pagedEntries = 0;
        scattered.clear();
    }

    /** Open pages (for tests). */
    int pagesOpen() {
        return pagesOpen;
    }

    /** Ids kept in the hash table rather than in pages (for tests). */
    int scatteredSize() {
        return scattered.size();
    }

    private int pageOf(long number) {
        final int recent = (int) number & (RECENT_PAGES - 1);
        if (recentNumbers[recent] == number) {
            return recentPages[recent];
        }
        final int page = (int) pageByNumber.get(number);
        if (page != NO_PAGE) {
            recentNumbers[recent] = number;
            recentPages[recent] = page;
        }
        return page;
    }

    private boolean mayOpenPage() {
        return pagesOpen < FREE_PAGES || pagedEntries >= (long) pagesOpen * MIN_ENTRIES_PER_PAGE;
    }

    private int openPage(long number) {
        final int page;
        if (freePageCount > 0) {
            page = freePages[--freePageCount];
        } else {
            if (pagesAllocated == pages.length) {
                final int length = 2 * pages.length;
                pages = Arrays.copyOf(pages, length);
                pageCounts = Arrays.copyOf(pageCounts, length);
                pageNumbers = Arrays.copyOf(pageNumbers, length);
                freePages = Arrays.copyOf(freePages, length);
            }
            page = pagesAllocated++;
            pages[page] = new int[PAGE_SIZE];
            Arrays.fill(pages[page], EMPTY);
        }
        pageNumbers[page] = number;
        pageByNumber.put(number, page);
        pagesOpen++;
        return page;
    }

    /** Recycles an empty page (every slot is already EMPTY). */
    private void closePage(int page) {
        final long number = pageNumbers[page];
        pageByNumber.remove(number);
        final int recent = (int) number & (RECENT_PAGES - 1);
        if (recentNumbers[recent] == number) {
            recentNumbers[recent] = NO_NUMBER;
        }
        pageCounts[page] = 0;
        freePages[freePageCount++] = page;
        pagesOpen--;
    }
}
