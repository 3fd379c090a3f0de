package io.surge.engine.collections;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagedRecordsTest {
    @Test
    void keepsEveryRecordWhileTheFirstPageDoublesAndLaterPagesAreAdded() {
        final PagedRecords records = new PagedRecords(3, 4);
        final int count = 3 * PagedRecords.PAGE_RECORDS + 5;
        for (int record = 0; record < count; record++) {
            records.ensureCapacity(record + 1);
            for (int field = 0; field < 3; field++) {
                records.set(record, field, 10L * record + field);
            }
        }
        for (int record = 0; record < count; record++) {
            for (int field = 0; field < 3; field++) {
                assertEquals(10L * record + field, records.get(record, field), "record " + record + " field " + field);
            }
            assertEquals(10L * record + 1, records.page(record).getLong(records.base(record) + Long.BYTES));
        }
        assertEquals(4 * PagedRecords.PAGE_RECORDS, records.capacity());
    }

    @Test
    void growingPastTheFirstPageNeverMovesARecord() {
        final PagedRecords records = new PagedRecords(2, PagedRecords.PAGE_RECORDS);
        final UnsafeBuffer firstPage = records.page(0);
        records.ensureCapacity(5 * PagedRecords.PAGE_RECORDS);
        assertSame(firstPage, records.page(0));
        assertSame(records.page(PagedRecords.PAGE_RECORDS), records.page(2 * PagedRecords.PAGE_RECORDS - 1));
    }

    @Test
    void aRecordBeyondTheCapacityFailsAsAnExceptionNotAStrayWrite() {
        final PagedRecords records = new PagedRecords(2, 4);
        assertThrows(IndexOutOfBoundsException.class, () -> records.set(4, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> records.get(PagedRecords.PAGE_RECORDS, 0));
        records.ensureCapacity(PagedRecords.PAGE_RECORDS + 1);
        assertThrows(RuntimeException.class, () -> records.get(2 * PagedRecords.PAGE_RECORDS, 0));
        assertThrows(AssertionError.class, () -> records.get(0, 2), "a field past the record (tests run with -ea)");
    }

    @Test
    void countsTheBytesItHoldsOffTheHeap() {
        final PagedRecords records = new PagedRecords(16, 4);
        assertEquals(4 * 16 * Long.BYTES, records.offHeapBytes());
        records.ensureCapacity(PagedRecords.PAGE_RECORDS + 1);
        assertEquals(2L * PagedRecords.PAGE_RECORDS * 16 * Long.BYTES, records.offHeapBytes());
    }

    @Test
    void rejectsNonsenseSizes() {
        assertThrows(IllegalArgumentException.class, () -> new PagedRecords(0, 4));
        assertThrows(IllegalArgumentException.class, () -> new PagedRecords(2, PagedRecords.PAGE_RECORDS + 1));
    }
}
