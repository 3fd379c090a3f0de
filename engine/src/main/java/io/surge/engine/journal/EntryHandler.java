package io.surge.engine.journal;

import org.agrona.DirectBuffer;

/** Receives one journal entry, read in place: the buffer is valid only during the call. */
@FunctionalInterface
public interface EntryHandler {
    /**
     * @param buffer   an address-backed view of the entry
     * @param offset   where the entry starts in {@code buffer}
     * @param length   the entry's length as framed by its header (at most what is left of its
     *                 group: a damaged header shows as a length its checksum cannot match)
     * @param position the position of the entry's group, usable with {@link JournalTailer#seek}
     * @return true to go on reading, false to stop after this entry
     */
    boolean onEntry(DirectBuffer buffer, int offset, int length, long position);
}
