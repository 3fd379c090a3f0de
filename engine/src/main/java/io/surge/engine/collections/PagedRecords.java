package io.surge.engine.collections;

import org.agrona.concurrent.UnsafeBuffer;

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
 * freed when the records become unreachable. Every access is bounds-checked by
 * {@link UnsafeBuffer}, so a wrong record number fails as an exception, never as a stray write.
 * <p>
 * A record lives in {@code page(r)} at byte {@code base(r) + field * Long.BYTES}; read both once
 * and use them for several fields. Not thread-safe.
 */
public final class PagedRecords {
    /** 2,048 records a page: 256 KB at 16 longs a record. */
    static final int PAGE_SHIFT = 11;
    /** Records per page. */
    public static final int PAGE_RECORDS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_RECORDS - 1;

    private final int stride;
    private final int recordBytes;
    private UnsafeBuffer[] pages;
    private int capacity;

    /** Records of {@code stride} longs; room for {@code initialRecords} (at most one page) at first. */
    public PagedRecords(int stride, int initialRecords) {
        if (stride < 1 || initialRecords < 1 || initialRecords > PAGE_RECORDS) {
            throw new IllegalArgumentException("stride " + stride + ", initial records " + initialRecords);
        }
        this.stride = stride;
        this.recordBytes = stride * Long.BYTES;
        this.pages = new UnsafeBuffer[] {newPage(initialRecords)};
        this.capacity = initialRecords;
    }

    public int capacity() {
        return capacity;
    }

    /** Bytes held off the heap (for memory accounting). */
    public long offHeapBytes() {
        long bytes = 0;
        for (UnsafeBuffer page : pages) {
            bytes += page == null ? 0 : page.capacity();
        }
        return bytes;
    }

    /** Makes room for record numbers below {@code records}. */
    public void ensureCapacity(int records) {
        while (capacity < records) {
            grow();
        }
    }

    /** The page that holds a record. */
    public UnsafeBuffer page(int record) {
        return pages[record >>> PAGE_SHIFT];
    }

    /** The byte where a record starts in its {@link #page}. */
    public int base(int record) {
        return (record & PAGE_MASK) * recordBytes;
    }

    public long get(int record, int field) {
        assert field >= 0 && field < stride : "field " + field + " of a " + stride + "-long record";
        return pages[record >>> PAGE_SHIFT].getLong((record & PAGE_MASK) * recordBytes + field * Long.BYTES);
    }

    public void set(int record, int field, long value) {
        assert field >= 0 && field < stride : "field " + field + " of a " + stride + "-long record";
        pages[record >>> PAGE_SHIFT].putLong((record & PAGE_MASK) * recordBytes + field * Long.BYTES, value);
    }

    private void grow() {
        if (capacity < PAGE_RECORDS) {
            final int doubled = Math.min(PAGE_RECORDS, 2 * capacity);
            final UnsafeBuffer larger = newPage(doubled);
            larger.putBytes(0, pages[0], 0, capacity * recordBytes);
            pages[0] = larger;
            capacity = doubled;
            return;
        }
        final int page = capacity >>> PAGE_SHIFT;
        if (page == pages.length) {
            pages = Arrays.copyOf(pages, 2 * pages.length);
        }
        pages[page] = newPage(PAGE_RECORDS);
        capacity += PAGE_RECORDS;
    }

    /** A zeroed page of {@code records} records. */
    private UnsafeBuffer newPage(int records) {
        return new UnsafeBuffer(ByteBuffer.allocateDirect(records * recordBytes));
    }
}
