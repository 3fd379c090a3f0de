package io.surge.engine.collections;

import org.agrona.BufferUtil;
import org.agrona.UnsafeApi;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fixed-size records of {@code long}s, addressed by a dense record number, kept off the Java
 * heap in pages, so that growing never copies what is already there.
 * <p>
 * Why pages: one big array that doubles would copy hundreds of megabytes at once when millions
 * of reservations are open, stalling the business-logic thread for a large part of a second.
 * Here the first page doubles up to {@link #PAGE_RECORDS} records (a small state stays small),
 * and after that growth adds one page at a time.
 * <p>
 * Why off the heap: during a sale the open reservations grow by tens of megabytes a second, and
 * each new page on the heap was born in the young generation, so every young collection copied
 * all that had arrived since the last one (measured at 300k orders/s: pauses of 90-210 ms every
 * 2 s, nearly all of it "Object Copy"). A direct buffer is allocated once and never moved; it is
 * freed when the records become unreachable.
 * <p>
 * Access is by address ({@link #address}, then {@link #read} and {@link #write} for several
 * fields of one record), and every access is checked: a record number outside the capacity or
 * a field outside the record fails as an exception, never as a stray read or write. Not
 * thread-safe.
 */
public final class PagedRecords {
    /** 2,048 records a page: 256 KB at 16 longs a record. */
    static final int PAGE_SHIFT = 11;
    /** Records per page. */
    public static final int PAGE_RECORDS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_RECORDS - 1;

    private final int stride;
    private final int recordBytes;
    /** Keeps each page's memory alive (freed by its cleaner once the records are unreachable). */
    private ByteBuffer[] pages;
    /** Where each page starts; 0 for pages not allocated yet. */
    private long[] pageAddresses;
    private int capacity;
    /** Where full pages come from when one is ready; null: always allocated here. */
    private PagePrefetcher prefetcher;

    /** Records of {@code stride} longs; room for {@code initialRecords} (at most one page) at first. */
    public PagedRecords(int stride, int initialRecords) {
        if (stride < 1 || initialRecords < 1 || initialRecords > PAGE_RECORDS) {
            throw new IllegalArgumentException("stride " + stride + ", initial records " + initialRecords);
        }
        this.stride = stride;
        this.recordBytes = stride * Long.BYTES;
        this.pages = new ByteBuffer[1];
        this.pageAddresses = new long[1];
        setPage(0, initialRecords);
        this.capacity = initialRecords;
    }

    public int capacity() {
        return capacity;
    }

    /** Bytes held off the heap (for memory accounting). */
    public long offHeapBytes() {
        long bytes = 0;
        for (ByteBuffer page : pages) {
            bytes += page == null ? 0 : page.capacity();
        }
        return bytes;
    }

    /** From now on, takes new full pages made ready by {@code prefetcher} when it has one (null: none). */
    public void prefetchPagesFrom(PagePrefetcher prefetcher) {
        this.prefetcher = prefetcher;
    }

    /** Makes room for record numbers below {@code records}. */
    public void ensureCapacity(int records) {
        while (capacity < records) {
            grow();
        }
    }

    /**
     * Where a record starts in memory, for {@link #read} and {@link #write}; valid until the
     * next {@link #ensureCapacity}.
     *
     * @throws IndexOutOfBoundsException for a record number outside the capacity
     */
    public long address(int record) {
        if (record < 0 || record >= capacity) {
            throw new IndexOutOfBoundsException("record " + record + " of " + capacity);
        }
        return pageAddresses[record >>> PAGE_SHIFT] + (long) (record & PAGE_MASK) * recordBytes;
    }

    /** A field of the record at {@code address} (from {@link #address}). */
    public long read(long address, int field) {
        checkField(field);
        return UnsafeApi.getLong(address + (long) field * Long.BYTES);
    }

    public void write(long address, int field, long value) {
        checkField(field);
        UnsafeApi.putLong(address + (long) field * Long.BYTES, value);
    }

    public long get(int record, int field) {
        return read(address(record), field);
    }

    public void set(int record, int field, long value) {
        write(address(record), field, value);
    }

    /** One compare with a final field: the price of never reading or writing outside a record. */
    private void checkField(int field) {
        if (field < 0 || field >= stride) {
            throw new IndexOutOfBoundsException("field " + field + " of a " + stride + "-long record");
        }
    }

    private void grow() {
        if (capacity < PAGE_RECORDS) {
            final int doubled = Math.min(PAGE_RECORDS, 2 * capacity);
            final long smaller = pageAddresses[0];
            final ByteBuffer smallerMemory = pages[0];
            setPage(0, doubled);
            UnsafeApi.copyMemory(smaller, pageAddresses[0], (long) capacity * recordBytes);
            Reference.reachabilityFence(smallerMemory); // not freed before the copy is done
            capacity = doubled;
            return;
        }
        final int page = capacity >>> PAGE_SHIFT;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, 2 * pages.length);
            pageAddresses = Arrays.copyOf(pageAddresses, 2 * pageAddresses.length);
        }
        setPage(page, PAGE_RECORDS);
        capacity += PAGE_RECORDS;
    }

    /** Puts a zeroed page of {@code records} records at {@code page}. */
    private void setPage(int page, int records) {
        final int bytes = records * recordBytes;
        final ByteBuffer ready = prefetcher != null && records == PAGE_RECORDS ? prefetcher.take(bytes) : null;
        final ByteBuffer memory = ready != null ? ready : ByteBuffer.allocateDirect(bytes);
        pages[page] = memory;
        pageAddresses[page] = BufferUtil.address(memory);
    }
}
