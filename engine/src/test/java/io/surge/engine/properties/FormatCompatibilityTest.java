package io.surge.engine.properties;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.SerializedStateHash;
import io.surge.engine.domain.StateInput;
import io.surge.engine.domain.StateOutput;
import io.surge.engine.execution.EntryReplayer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Journals and snapshots outlive the code that wrote them: a journal recorded by an earlier build
 * must re-execute to the same entries and state, and its snapshots must load, or recovery and
 * {@code replay verify} fail on real data. The files under {@code golden/} were written by the
 * build named in {@link #WRITTEN_BY} from seeded command stream {@link #SEED}; today's code must
 * read them exactly. A test failing here means a format or a rule changed: if on purpose, give
 * the format a new version (SBE schema version, {@code BusinessLogic.SNAPSHOT_FORMAT}) and keep
 * reading the old one (or say in the README that old snapshots are skipped), then write new
 * files with {@code -Dsurge.golden.write=true} and update the constants.
 */
class FormatCompatibilityTest {
    private static final long SEED = 20261126L;
    private static final String WRITTEN_BY = "commit 860cee5 (2026-11-26)";
    private static final String JOURNAL = "/golden/journal-seed-20261126.bin";
    private static final String SNAPSHOT = "/golden/state-format-1-seed-20261126.bin";
    private static final long FINAL_STATE_HASH = 0xaeba731de9cbc634L;

    @Test
    void aRecordedJournalReExecutesToTheSameEntriesAndState() throws IOException {
        final List<byte[]> entries = readEntries(JOURNAL);
        final EntryReplayer replayer = new EntryReplayer(new BusinessLogic());
        for (int i = 0; i < entries.size(); i++) {
            final byte[] entry = entries.get(i);
            final UnsafeBuffer offHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(entry.length)); // as Chronicle hands entries
            offHeap.putBytes(0, entry);
            final String differs = replayer.apply(offHeap, 0, entry.length);
            assertNull(differs, "entry " + (i + 1) + " of the journal written by " + WRITTEN_BY + " no longer re-executes to itself");
        }
        assertEquals(entries.size(), replayer.logic().appliedSequence());
        assertEquals(FINAL_STATE_HASH, replayer.logic().stateHash(), "the state hash of the journal written by " + WRITTEN_BY);
    }

    @Test
    void aRecordedSnapshotLoadsToTheSameStateAndWritesTheSameBytes() throws IOException {
        final byte[] snapshot = resource(SNAPSHOT);
        final BusinessLogic logic = BusinessLogic.readFrom(new StateInput(new UnsafeBuffer(snapshot), 0, snapshot.length));
        assertEquals(FINAL_STATE_HASH, logic.stateHash(), "the state of the snapshot written by " + WRITTEN_BY);
        assertEquals(FINAL_STATE_HASH, SerializedStateHash.of(new StateInput(new UnsafeBuffer(snapshot), 0, snapshot.length)));

        final StateOutput again = new StateOutput(4096);
        logic.writeTo(again);
        assertArrayEquals(snapshot, again.toBuffer().byteArray(), "today's snapshot of that state has other bytes");
    }

    /** Writes the golden files into src/test/resources (run from the engine module). */
    @Test
    @EnabledIfSystemProperty(named = "surge.golden.write", matches = "true")
    void writeGoldenFiles() throws IOException {
        final CommandStream stream = CommandStream.generate(SEED);
        final JournalRun run = new JournalRun(stream, null, stream.commands().size() - 1, false);
        final ByteArrayOutputStream journal = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(journal)) {
            out.writeInt(run.entries.size());
            for (byte[] entry : run.entries) {
                out.writeInt(entry.length);
                out.write(entry);
            }
        }
        final Path folder = Path.of("src/test/resources/golden");
        Files.createDirectories(folder);
        Files.write(folder.resolve(Path.of(JOURNAL).getFileName()), journal.toByteArray());
        Files.write(folder.resolve(Path.of(SNAPSHOT).getFileName()), run.snapshot);
        System.out.printf("golden files written: %d entries; FINAL_STATE_HASH = 0x%016xL%n", run.entries.size(), run.finalStateHash);
    }

    private static List<byte[]> readEntries(String name) throws IOException {
        final List<byte[]> entries = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(resource(name)))) {
            final int count = in.readInt();
            for (int i = 0; i < count; i++) {
                final byte[] entry = new byte[in.readInt()];
                in.readFully(entry);
                entries.add(entry);
            }
        }
        return entries;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FormatCompatibilityTest.class.getResourceAsStream(name)) {
            assertNotNull(in, name + " is missing");
            return in.readAllBytes();
        }
    }
}
