package io.surge.replay;

import io.surge.engine.codec.CommandEncoder;
import io.surge.engine.codec.EntryHeader;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.StateOutput;
import io.surge.engine.execution.CommandExecutor;
import io.surge.engine.snapshot.LoadedSnapshot;
import io.surge.engine.snapshot.SnapshotInfo;
import io.surge.engine.snapshot.SnapshotStore;
import org.agrona.ExpandableDirectByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifyCommandTest {
    private static final Pattern FIRST_BAD = Pattern.compile("FIRST BAD SEQUENCE (\\d+)(?: \\(journal position 0x[0-9a-f]+\\))?: (.*)");

    @TempDir
    static Path folder;
    static Path data;
    static long lastSequence;
    static SnapshotInfo snapshot;

    @BeforeAll
    static void writeJournal() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        data = fixture.dataDir;
        fixture.write(1, 300);
        lastSequence = StateCommandTest.replayTo(data, Long.MAX_VALUE).appliedSequence();
        final SnapshotStore store = new SnapshotStore(data.resolve("snapshots"), 10);
        snapshot = store.load(store.newestFirst().get(0)).info();
    }

    @Test
    void aSoundJournalWithItsSnapshotVerifiesClean() {
        final CliRun run = verify(data);
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains(lastSequence + " entries (sequences 1.." + lastSequence + ") sound, decodable and"
            + " re-executed exactly"), run.out());
        assertTrue(run.out().contains(snapshot.file().getFileName() + ": state hash "
            + String.format("%016x", snapshot.stateHash()) + " matches the journal at sequence " + snapshot.sequence()), run.out());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("CLEAN ")), run.out());
        assertFalse(run.out().contains("PROBLEM"), run.out());
    }

    @Test
    void aCycleFileCutShortNamesTheFirstEntryItLost() throws Exception {
        final Path copy = DamagedJournals.copy(data, folder.resolve("truncated"));
        final Path cycleFile = last(DamagedJournals.cycleFiles(copy));
        DamagedJournals.truncate(cycleFile, DamagedJournals.endOfData(cycleFile) - 150); // entries are 60-130 bytes
        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        final long bad = firstBad(run);
        assertTrue(bad > lastSequence - 3 && bad <= lastSequence, "first bad " + bad + " of " + lastSequence + ":\n" + run.out());
        assertTrue(run.out().contains((bad - 1) + " entries (sequences 1.." + (bad - 1) + ")"), run.out());
        assertTrue(run.out().contains("matches the journal at sequence " + snapshot.sequence()),
            "the snapshot comes before the cut: " + run.out());
        assertEquals("", run.err());
    }

    @Test
    void aCycleFileCutAtAPageBoundaryIsAReportNotACrash() throws Exception {
        // Past the last whole page the mapping has no file behind it: reading there raises SIGBUS.
        final Path copy = DamagedJournals.copy(data, folder.resolve("truncated-page"));
        final Path cycleFile = last(DamagedJournals.cycleFiles(copy));
        final long cut = ((DamagedJournals.endOfData(cycleFile) - 1) / 4096 - 1) * 4096; // a page before the end
        DamagedJournals.truncate(cycleFile, cut);
        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(firstBad(run) < lastSequence, run.out());
        assertTrue(reason(run).contains("truncated?"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void flippedBytesInsideAnEntryAreAChecksumMismatchAtItsSequence() throws Exception {
        final Path copy = DamagedJournals.copy(data, folder.resolve("flipped"));
        final long sequence = snapshot.sequence() / 2;
        DamagedJournals.flipByteInEntry(copy, sequence, EntryHeader.LENGTH + 12);
        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(sequence, firstBad(run), run.out());
        assertTrue(reason(run).startsWith("checksum mismatch"), run.out());
        assertTrue(run.out().contains("not checked: sequence " + snapshot.sequence() + " lies beyond the first bad sequence"),
            run.out());
    }

    @Test
    void aSoundEntryWhoseEventsTheCommandDoesNotProduceIsNamed() throws Exception {
        final Path copy = DamagedJournals.copy(data, folder.resolve("rewritten-event"));
        final long sequence = snapshot.sequence() + 10;
        DamagedJournals.rewriteEntry(copy, sequence, entry -> {
            final int last = entry.capacity() - 1; // the high byte of the last event's last field
            entry.putByte(last, (byte) (entry.getByte(last) + 1));
        });
        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(sequence, firstBad(run), run.out());
        assertTrue(reason(run).startsWith("re-executing the recorded PlaceOrder command does not reproduce the entry: re-execution differs from"
            + " the journal at byte "),
            run.out());
        assertTrue(run.out().contains("matches the journal at sequence " + snapshot.sequence()), run.out());
        assertTrue(run.out().contains((sequence - 1) + " entries (sequences 1.." + (sequence - 1) + ")"), run.out());
    }

    @Test
    void aSoundEntryThatDoesNotDecodeIsNamed() throws Exception {
        final Path copy = DamagedJournals.copy(data, folder.resolve("undecodable"));
        final long sequence = 42;
        DamagedJournals.rewriteEntry(copy, sequence, entry -> entry.putShort(EntryHeader.EVENT_COUNT_OFFSET,
            (short) (EntryHeader.eventCount(entry, 0) + 1), ByteOrder.LITTLE_ENDIAN));
        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(sequence, firstBad(run), run.out());
        assertTrue(reason(run).startsWith("the entry does not decode: the entry ends before event"), run.out());
    }

    @Test
    void aMissingRollFileIsAGapNamingTheMissingEntries() throws Exception {
        final Path threeCycles = folder.resolve("three-cycles");
        final long[] starts = DamagedJournals.rewriteIntoCycles(data, threeCycles, 3);
        assertEquals(3, DamagedJournals.cycleFiles(threeCycles).size());
        final CliRun whole = verify(threeCycles);
        assertEquals(0, whole.exitCode(), "the copy across three cycle files is sound: " + whole.out());
        assertTrue(whole.out().contains("(sequences 1.." + lastSequence + ")"), whole.out());

        final Path middleMissing = DamagedJournals.copy(threeCycles, folder.resolve("middle-missing"));
        Files.delete(DamagedJournals.cycleFiles(middleMissing).get(1));
        final CliRun run = verify(middleMissing);
        assertEquals(1, run.exitCode(), run.out());
        assertEquals(starts[1], firstBad(run), run.out());
        assertTrue(reason(run).endsWith("entries " + starts[1] + ".." + (starts[2] - 1) + " are missing"), run.out());

        final Path firstMissing = DamagedJournals.copy(threeCycles, folder.resolve("first-missing"));
        Files.delete(DamagedJournals.cycleFiles(firstMissing).get(0));
        final CliRun first = verify(firstMissing);
        assertEquals(1, first.exitCode(), first.out());
        // Chronicle's directory listing still names the first cycle: the tailer cannot start.
        assertEquals(1, firstBad(first), first.out());
        assertTrue(reason(first).contains("a cycle file missing"), first.out());
        final CliRun dumpFirst = CliRun.of("dump", "--data", firstMissing.toString(), "--limit", "2");
        assertEquals(1, dumpFirst.exitCode(), "dump on a journal without its first file: " + dumpFirst.out());
        assertTrue(dumpFirst.err().contains("first cycle file missing"), dumpFirst.err());

        // The newest file gone: the metadata still records it, so the loss is found, not taken for the end.
        final Path lastMissing = DamagedJournals.copy(threeCycles, folder.resolve("last-missing"));
        final Path newest = DamagedJournals.cycleFiles(lastMissing).get(2);
        Files.delete(newest);
        final CliRun last = verify(lastMissing);
        assertEquals(1, last.exitCode(), last.out());
        assertEquals(starts[2], firstBad(last), last.out());
        assertTrue(reason(last).contains("newest cycle file " + newest.getFileName() + " is missing"), last.out());
        final CliRun stats = CliRun.of("stats", "--data", lastMissing.toString());
        assertEquals(1, stats.exitCode(), "stats on a journal without its newest file: " + stats.out());
        assertTrue(stats.err().contains("newest cycle file " + newest.getFileName() + " is missing"), stats.err());
    }

    @Test
    void aSnapshotFromALongerJournalIsStaleAndStateSkipsIt() throws Exception {
        final JournalFixture longer = new JournalFixture(folder.resolve("longer"));
        longer.write(1, 900);
        final Path stale = new SnapshotStore(longer.dataDir.resolve("snapshots"), 10).newestFirst().get(0);
        final long staleSequence = StateRebuild.sequenceInName(stale);
        assertTrue(staleSequence > lastSequence, staleSequence + " vs " + lastSequence);
        final Path copy = DamagedJournals.copy(data, folder.resolve("with-stale"));
        Files.copy(stale, copy.resolve("snapshots").resolve(stale.getFileName()));

        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        assertFalse(run.out().contains("FIRST BAD SEQUENCE"), "the journal itself is sound: " + run.out());
        assertTrue(run.out().contains("SNAPSHOT PROBLEM " + stale.getFileName() + ": its sequence " + staleSequence
            + " is beyond the journal's end (sequence " + lastSequence + ")"), run.out());
        assertTrue(run.out().contains("matches the journal at sequence " + snapshot.sequence()), run.out());

        final CliRun state = CliRun.of("state", "--data", copy.toString());
        assertEquals(0, state.exitCode(), state.err());
        assertTrue(state.err().contains("warning: snapshot skipped: " + stale.getFileName()), state.err());
        assertTrue(state.out().contains("rebuilt from    " + snapshot.file().getFileName()), state.out());
    }

    @Test
    void anOlderSnapshotUnderANewerNameIsStaleAndStateSkipsIt() throws Exception {
        assertTrue(snapshot.sequence() < lastSequence, snapshot.sequence() + " vs " + lastSequence);
        final Path copy = DamagedJournals.copy(data, folder.resolve("renamed"));
        final String newerName = String.format("snapshot-%020d.snap", lastSequence);
        Files.copy(copy.resolve("snapshots").resolve(snapshot.file().getFileName()), copy.resolve("snapshots").resolve(newerName));

        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("SNAPSHOT PROBLEM " + newerName + ": its name says sequence " + lastSequence
            + " but it holds the state at sequence " + snapshot.sequence()), run.out());

        final CliRun state = CliRun.of("state", "--data", copy.toString());
        assertEquals(0, state.exitCode(), state.err());
        assertTrue(state.err().contains("warning: snapshot skipped: " + newerName), state.err());
        assertTrue(state.out().contains("rebuilt from    " + snapshot.file().getFileName()), state.out());
    }

    @Test
    void aSnapshotWhoseStateDisagreesWithTheJournalIsNamed() throws Exception {
        final Path copy = DamagedJournals.copy(data, folder.resolve("wrong-hash"));
        final SnapshotStore store = new SnapshotStore(copy.resolve("snapshots"), 10);
        final LoadedSnapshot loaded = store.load(store.newestFirst().get(0));
        final BusinessLogic logic = loaded.logic();
        final ExpandableDirectByteBuffer command = new ExpandableDirectByteBuffer(256);
        new CommandEncoder().adjustStock(command, 2, 5); // five units no journal entry accounts for
        new CommandExecutor(logic).execute(command, JournalFixture.START_MS, new CommandResult());
        logic.appliedSequence(loaded.info().sequence());
        final StateOutput state = new StateOutput(1 << 16);
        logic.writeTo(state);
        store.write(loaded.info().sequence(), loaded.info().journalPosition(), logic.stateHash(), state);

        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        assertFalse(run.out().contains("FIRST BAD SEQUENCE"), run.out());
        assertTrue(run.out().contains(String.format("SNAPSHOT PROBLEM %s: its state hash %016x differs from the journal's at"
            + " sequence %d (%016x)", snapshot.file().getFileName(), logic.stateHash(), snapshot.sequence(),
            snapshot.stateHash())), run.out());
    }

    @Test
    void aDamagedSnapshotFileIsNamedAndTheJournalStillVerified() throws Exception {
        final Path copy = DamagedJournals.copy(data, folder.resolve("damaged-snapshot"));
        final Path file = copy.resolve("snapshots").resolve(snapshot.file().getFileName());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() - 1);
        }
        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("SNAPSHOT PROBLEM " + file.getFileName() + ": the file is damaged: state length"),
            run.out());
        assertTrue(run.out().contains("(sequences 1.." + lastSequence + ")"), run.out());
    }

    @Test
    void aDamagedSnapshotEarlierInTheJournalDoesNotKeepTheLaterOneFromBeingCompared() throws Exception {
        // Snapshots load on their own thread and are compared in the order of their names'
        // sequences: one that fails to load must be passed over, not waited at.
        final Path copy = DamagedJournals.copy(data, folder.resolve("damaged-earlier"));
        final String earlierName = String.format("snapshot-%020d.snap", 1);
        Files.write(copy.resolve("snapshots").resolve(earlierName), new byte[] {1, 2, 3});

        final CliRun run = verify(copy);
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.out().contains("SNAPSHOT PROBLEM " + earlierName + ": the file is damaged"), run.out());
        assertTrue(run.out().contains(snapshot.file().getFileName() + ": state hash "
            + String.format("%016x", snapshot.stateHash()) + " matches the journal at sequence " + snapshot.sequence()), run.out());
        assertTrue(run.out().contains("(sequences 1.." + lastSequence + ")"), run.out());
    }

    @Test
    void aMissingFolderIsAOneLineUsageError() {
        final CliRun run = verify(folder.resolve("nowhere"));
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        final CliRun noJournal = verify(folder);
        assertEquals(2, noJournal.exitCode());
        assertTrue(noJournal.err().contains("holds no journal"), noJournal.err());
    }

    private static CliRun verify(Path dataDir) {
        return CliRun.of("verify", "--data", dataDir.toString());
    }

    private static long firstBad(CliRun run) {
        final Matcher matcher = FIRST_BAD.matcher(run.out());
        assertTrue(matcher.find(), run.out() + run.err());
        return Long.parseLong(matcher.group(1));
    }

    private static String reason(CliRun run) {
        final Matcher matcher = FIRST_BAD.matcher(run.out());
        assertTrue(matcher.find(), run.out() + run.err());
        return matcher.group(2);
    }

    private static Path last(List<Path> paths) {
        return paths.get(paths.size() - 1);
    }
}
