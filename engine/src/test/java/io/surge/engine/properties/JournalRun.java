package io.surge.engine.properties;

import io.surge.engine.codec.CommandEncoder;
import io.surge.engine.codec.EntryHeader;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.StateOutput;
import io.surge.engine.execution.CommandExecutor;
import org.agrona.ExpandableDirectByteBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One run of a stream through the same path the pipeline takes: each command encoded with
 * {@link CommandEncoder} into an off-heap entry buffer, executed by a {@link CommandExecutor}
 * at the stream's engine time, and the completed entry sealed (checksum) as the journal handler
 * does. Records the journal, every answer, the state hash after every entry and, optionally, a
 * snapshot after a chosen command.
 */
final class JournalRun {
    /** Entries are at most this long here (a few lines and events); the buffer expands if not. */
    private static final int ENTRY_CAPACITY = 4096;

    final List<byte[]> entries = new ArrayList<>();
    /** stateHashes.get(i): the state hash after entry i (sequence i + 1) was written; 0s unless hashed every step. */
    final List<Long> stateHashes = new ArrayList<>();
    final List<String> answers = new ArrayList<>();
    final long finalStateHash;
    /** The snapshot taken after command {@code snapshotAfter} (null when none was asked for). */
    final byte[] snapshot;
    final long snapshotSequence;
    final long snapshotStateHash;

    /**
     * @param garbage       when not null, fills the entry buffer with random bytes before each
     *                      command, as a reused ring slot would hold the previous command's bytes
     * @param snapshotAfter index of the command after which to snapshot the state, or -1
     * @param hashEveryStep whether to record the state hash after every entry (and check that
     *                      commands left out of the journal changed nothing), or only at the end
     *                      and at the snapshot
     */
    JournalRun(CommandStream stream, SplittableRandom garbage, int snapshotAfter, boolean hashEveryStep) {
        final BusinessLogic logic = new BusinessLogic();
        final CommandExecutor executor = new CommandExecutor(logic);
        final CommandEncoder encoder = new CommandEncoder();
        final ExpandableDirectByteBuffer entry = new ExpandableDirectByteBuffer(ENTRY_CAPACITY);
        final CommandResult result = new CommandResult();
        byte[] snapshotBytes = null;
        long sequenceAtSnapshot = -1;
        long hashAtSnapshot = 0;
        final List<StreamCommand> commands = stream.commands();
        long hashBefore = logic.stateHash();
        for (int i = 0; i < commands.size(); i++) {
            final StreamCommand command = commands.get(i);
            if (garbage != null) {
                for (int at = 0; at < entry.capacity(); at += Long.BYTES) {
                    entry.putLong(at, garbage.nextLong());
                }
            }
            command.encode(encoder, entry);
            final int length = executor.execute(entry, command.nowMs(), result.reset());
            final long hashAfter = hashEveryStep || i == snapshotAfter ? logic.stateHash() : 0;
            answers.add(result.toString());
            if (length == CommandExecutor.NOT_JOURNALED) {
                if (hashEveryStep && hashAfter != hashBefore) {
                    throw new AssertionError("seed " + stream.seed() + ", command #" + i + " " + command
                        + ": not journaled, yet it changed the state");
                }
            } else {
                EntryHeader.seal(entry, 0);
                final byte[] bytes = new byte[length];
                entry.getBytes(0, bytes);
                entries.add(bytes);
                stateHashes.add(hashAfter);
            }
            hashBefore = hashAfter;
            if (i == snapshotAfter) {
                final StateOutput out = new StateOutput(1024);
                logic.writeTo(out);
                snapshotBytes = out.toBuffer().byteArray();
                sequenceAtSnapshot = logic.appliedSequence();
                hashAtSnapshot = hashAfter;
            }
        }
        this.finalStateHash = logic.stateHash();
        this.snapshot = snapshotBytes;
        this.snapshotSequence = sequenceAtSnapshot;
        this.snapshotStateHash = hashAtSnapshot;
    }
}
