package io.surge.engine.collections;

import java.util.Arrays;

/**
 * Fixed-size records of {@code long}s, addressed by a dense record number, kept in pages so that
 * growing never copies what is already there.
 * <p>
 * One big {@code long[]} that doubles would copy hundreds of megabytes at once when millions of
 * reservations are open, stalling the business-logic thread for a large part of a second. Here
 * the first page doubles up to {@link #PAGE_RECORDS} records (a small state stays small), and
 * after that growth adds one page at a time.
 * <p>
 * A record lives at {@code page(r)[base(r) + field]}; read both once and use them for several
 * fields. Not thread-safe.
 */
public final class PagedRecords {
    /**
     * 2,048 records a page: 256 KB at 16 longs a record, under half of G1's smallest region
     * (1 MB), so a page is an ordinary object. A page of half a region or more is "humongous":
     * it takes whole regions to itself, and a 2 MB page in 4 MB regions wastes half the memory.
     */
    static final int PAGE_SHIFT = 11;
    /** Records per page. */
    public static final int PAGE_RECORDS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_RECORDS - 1;

    private final int stride;
    private long[][] pages;
    private int capacity;

    /** Records of {@code stride} longs; room for {@code initialRecords} (at most one page) at first. */
    public PagedRecords(int stride, int initialRecords) {
        if (stride < 1 || initialRecords < 1 || initialRecords > PAGE_RECORDS) {
            throw new IllegalArgumentException("stride " + stride + ", initial records " + initialRecords);
        }
        this.stride = stride;
        this.pages = new long[][] {new long[initialRecords * stride]};
        this.capacity = initialRecords;
    }

    public int capacity() {
        return capacity;
    }

    /** Makes room for record numbers below {@code records}. */
    public void ensureCapacity(int records) {
        while (capacity < records) {
            grow();
        }
    }

    /** The array that holds a record. */
    public long[] page(int record) {
        return pages[record >>> PAGE_SHIFT];
    }

    /** Where a record starts in its {@link #page}. */
    public int base(int record) {
        return (record & PAGE_MASK) * stride;
    }

    public long get(int record, int field) {
        return pages[record >>> PAGE_SHIFT][(record & PAGE_MASK) * stride + field];
    }

    public void set(int record, int field, long value) {
        pages[record >>> PAGE_SHIFT][(record & PAGE_MASK) * stride + field] = value;
    }

    private void grow() {
        if (capacity < PAGE_RECORDS) {
            final int doubled = Math.min(PAGE_RECORDS, 2 * capacity);
            pages[0] = Arrays.copyOf(pages[0], doubled * stride);
            capacity = doubled;
            return;
        }
        final int page = capacity >>> PAGE_SHIFT;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, 2 * pages.length);
        }
        pages[page] = new long[PAGE_RECORDS * stride];
        capacity += PAGE_RECORDS;
    }
}
