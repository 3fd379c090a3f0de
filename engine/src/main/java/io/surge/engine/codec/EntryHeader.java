package io.surge.engine.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.checksum.Crc32c;

import java.nio.ByteOrder;

/**
 * The fixed header in front of every journal entry (little-endian):
 * <pre>
 *   0  int32  checksum        CRC32C of every byte after this field (rest of header + body)
 *   4  int64  sequence        dense, gap-free, first entry is 1
 *  12  int64  engineTimeMs    the engine time the command was decided at
 *  20  uint16 entryType       SBE template id of the command
 *  22  uint16 schemaVersion   SBE schema version the entry was written with
 *  24  uint16 eventCount      event messages after the command message
 *  26  int32  bodyLength      bytes after the header (command + events)
 *  30  body: the command's SBE message, then its event messages
 * </pre>
 * Static accessors over a buffer and offset: no state, no allocation.
 */
public final class EntryHeader {
    public static final int CHECKSUM_OFFSET = 0;
    public static final int SEQUENCE_OFFSET = 4;
    public static final int ENGINE_TIME_OFFSET = 12;
    public static final int ENTRY_TYPE_OFFSET = 20;
    public static final int SCHEMA_VERSION_OFFSET = 22;
    public static final int EVENT_COUNT_OFFSET = 24;
    public static final int BODY_LENGTH_OFFSET = 26;
    public static final int LENGTH = 30;

    /**
     * Largest entry the engine writes (a tick expiring 65,535 reservations takes about 1.6 MB; a
     * sale of 8,000 SKUs 64 KB).
     */
    public static final int MAX_ENTRY_LENGTH = 2 << 20;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private EntryHeader() {
    }

    public static void write(
        MutableDirectBuffer buffer, int offset, long sequence, long engineTimeMs, int entryType, int schemaVersion,
        int eventCount, int bodyLength) {
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, ORDER);
        buffer.putLong(offset + ENGINE_TIME_OFFSET, engineTimeMs, ORDER);
        buffer.putShort(offset + ENTRY_TYPE_OFFSET, (short) entryType, ORDER);
        buffer.putShort(offset + SCHEMA_VERSION_OFFSET, (short) schemaVersion, ORDER);
        buffer.putShort(offset + EVENT_COUNT_OFFSET, (short) eventCount, ORDER);
        buffer.putInt(offset + BODY_LENGTH_OFFSET, bodyLength, ORDER);
        buffer.putInt(offset + CHECKSUM_OFFSET, 0, ORDER);
    }

    public static long sequence(DirectBuffer buffer, int offset) {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ORDER);
    }

    public static long engineTimeMs(DirectBuffer buffer, int offset) {
        return buffer.getLong(offset + ENGINE_TIME_OFFSET, ORDER);
    }

    public static int entryType(DirectBuffer buffer, int offset) {
        return buffer.getShort(offset + ENTRY_TYPE_OFFSET, ORDER) & 0xFFFF;
    }

    public static int schemaVersion(DirectBuffer buffer, int offset) {
        return buffer.getShort(offset + SCHEMA_VERSION_OFFSET, ORDER) & 0xFFFF;
    }

    public static int eventCount(DirectBuffer buffer, int offset) {
        return buffer.getShort(offset + EVENT_COUNT_OFFSET, ORDER) & 0xFFFF;
    }

    public static int bodyLength(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + BODY_LENGTH_OFFSET, ORDER);
    }

    public static int checksum(DirectBuffer buffer, int offset) {
        return buffer.getInt(offset + CHECKSUM_OFFSET, ORDER);
    }

    /** Computes the checksum of a complete entry (header + body) and stores it in the header. */
    public static void seal(MutableDirectBuffer buffer, int offset) {
        buffer.putInt(offset + CHECKSUM_OFFSET, computeChecksum(buffer, offset, bodyLength(buffer, offset)), ORDER);
    }

    /** CRC32C of everything after the checksum field. Needs an off-heap (or address-wrapped) buffer. */
    public static int computeChecksum(DirectBuffer buffer, int offset, int bodyLength) {
        if (buffer.byteArray() != null) {
            throw new IllegalArgumentException("entry checksums need an off-heap buffer");
        }
        final int from = CHECKSUM_OFFSET + Integer.BYTES;
        return Crc32c.INSTANCE.compute(buffer.addressOffset() + offset, from, LENGTH - from + bodyLength);
    }

    /**
     * Why the entry at {@code offset} (of {@code length} bytes as framed by the journal) is not
     * sound, or null when it is: lengths agree and the checksum matches.
     */
    public static String problem(DirectBuffer buffer, int offset, int length) {
        if (length < LENGTH) {
            return "entry of " + length + " bytes is shorter than its " + LENGTH + "-byte header";
        }
        final int bodyLength = bodyLength(buffer, offset);
        if (bodyLength < 0 || LENGTH + bodyLength != length) {
            return "body length " + bodyLength + " disagrees with the entry's " + length + " bytes";
        }
        final int expected = computeChecksum(buffer, offset, bodyLength);
        final int recorded = checksum(buffer, offset);
        if (expected != recorded) {
            return String.format("checksum mismatch (recorded %08x, computed %08x)", recorded, expected);
        }
        return null;
    }
}
