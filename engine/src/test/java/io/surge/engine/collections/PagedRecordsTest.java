package io.surge.engine.collections;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            assertEquals(10L * record + 1, records.read(records.address(record), 1));
        }
        assertEquals(4 * PagedRecords.PAGE_RECORDS, records.capacity());
    }

    @Test
    void growingPastTheFirstPageNeverMovesARecord() {
        final PagedRecords records = new PagedRecords(2, PagedRecords.PAGE_RECORDS);
        final long first = records.address(0);
        final long last = records.address(PagedRecords.PAGE_RECORDS - 1);
        records.ensureCapacity(5 * PagedRecords.PAGE_RECORDS);
        assertEquals(first, records.address(0));
        assertEquals(last, records.address(PagedRecords.PAGE_RECORDS - 1));
        assertEquals(records.address(PagedRecords.PAGE_RECORDS) + 2L * Long.BYTES, records.address(PagedRecords.PAGE_RECORDS + 1));
    }

    @Test
    void aRecordBeyondTheCapacityFailsAsAnExceptionNotAStrayWrite() {
        final PagedRecords records = new PagedRecords(2, 4);
        assertThrows(IndexOutOfBoundsException.class, () -> records.set(4, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> records.get(-1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> records.address(PagedRecords.PAGE_RECORDS));
        records.ensureCapacity(PagedRecords.PAGE_RECORDS + 1);
        records.set(PagedRecords.PAGE_RECORDS, 1, 7);
        assertEquals(7, records.get(PagedRecords.PAGE_RECORDS, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> records.get(2 * PagedRecords.PAGE_RECORDS, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> records.get(0, 2), "a field past the record");
        assertThrows(IndexOutOfBoundsException.class, () -> records.write(records.address(0), -1, 0));
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
