package io.surge.engine.execution;

import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.EntryReader;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

/**
 * Applies recorded journal entries to a state by re-executing their commands at their recorded
 * engine times, and checks each re-execution reproduces the recorded entry byte for byte.
 * <p>
 * This is how recovery rebuilds state and how {@code replay verify} proves the journal: one code
 * path decides commands, live or replayed. Single-threaded; allocation-free per entry.
 */
public final class EntryReplayer {
    private final CommandExecutor executor;
    private final ExpandableDirectByteBuffer scratch = new ExpandableDirectByteBuffer(4096);
    private final CommandResult result = new CommandResult();
    private final EntryReader reader = new EntryReader();
    private static final int POISON_MARGIN = 64;

    public EntryReplayer(BusinessLogic logic) {
        this.executor = new CommandExecutor(logic);
    }

    public BusinessLogic logic() {
        return executor.logic();
    }

    /**
     * Applies one recorded entry. Returns null when it was sound and reproduced exactly;
     * otherwise a description of the first problem (the state may then be partly changed and
     * must not be used further).
     */
    public String apply(DirectBuffer recorded, int offset, int length) {
        final String damage = EntryHeader.problem(recorded, offset, length);
        return damage != null ? damage : applySound(recorded, offset, length);
    }

    /**
     * {@link #apply} for an entry whose framing and checksum the caller has already checked
     * ({@link EntryHeader#problem} returned null for these very bytes): the checksum is not
     * computed again.
     */
    public String applySound(DirectBuffer recorded, int offset, int length) {
        final long sequence = EntryHeader.sequence(recorded, offset);
        final long expected = logic().appliedSequence() + 1;
        if (sequence != expected) {
            return "sequence " + sequence + " where " + expected + " was expected";
        }
        // Copy only the header and the command, and poison the rest: events the re-execution
        // fails to write must not be "reproduced" by bytes left over from the recording.
        final int commandEnd = reader.commandEnd(recorded, offset, length);
        if (commandEnd < 0) {
            return "the command does not fit in the entry";
        }
        scratch.putBytes(0, recorded, offset, commandEnd);
        scratch.setMemory(commandEnd, length - commandEnd + POISON_MARGIN, (byte) 0xA5);
        final int replayedLength = executor.execute(scratch, EntryHeader.engineTimeMs(recorded, offset), result.reset());
        if (replayedLength == CommandExecutor.NOT_JOURNALED) {
            return "re-executing the command produced no events (the recorded entry has "
                + EntryHeader.eventCount(recorded, offset) + ")";
        }
        if (replayedLength != length) {
            return "re-execution produced an entry of " + replayedLength + " bytes, the journal holds " + length;
        }
        // Every byte after the checksum field equal means the re-executed entry, once sealed,
        // would carry the recorded checksum too: the recorded one is right for these bytes.
        final int differsAt = firstDifference(recorded, offset, length);
        if (differsAt >= 0) {
            return "re-execution differs from the journal at byte " + differsAt + " of the entry";
        }
        return null;
    }

    /** The first byte after the checksum field where the re-execution differs, or -1. */
    private int firstDifference(DirectBuffer recorded, int offset, int length) {
        int i = EntryHeader.CHECKSUM_OFFSET + Integer.BYTES;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            if (scratch.getLong(i) != recorded.getLong(offset + i)) {
                break;
            }
        }
        for (; i < length; i++) {
            if (scratch.getByte(i) != recorded.getByte(offset + i)) {
                return i;
            }
        }
        return -1;
    }
}
