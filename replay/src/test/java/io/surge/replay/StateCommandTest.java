package io.surge.replay;

import io.surge.engine.Engine;
import io.surge.engine.SkuView;
import io.surge.engine.codec.EntryHeader;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.execution.EntryReplayer;
import io.surge.engine.snapshot.SnapshotInfo;
import io.surge.engine.snapshot.SnapshotStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateCommandTest {
    private static final Pattern HASH = Pattern.compile("state hash\\s+([0-9a-f]{16})");
    private static final Pattern REACHED = Pattern.compile("State at sequence (\\d+), engine time (\\S+)");

    @TempDir
    static Path folder;
    static Path data;
    static long finalHash;
    static SnapshotInfo snapshot;
    static long lastSequence;

    @BeforeAll
    static void writeJournal() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        data = fixture.dataDir;
        finalHash = fixture.write(1, 300);
        final SnapshotStore store = new SnapshotStore(data.resolve("snapshots"), 10);
        final List<Path> snapshots = store.newestFirst();
        assertEquals(1, snapshots.size(), "the fixture takes one snapshot halfway");
        snapshot = store.load(snapshots.get(0)).info();
        lastSequence = replayTo(data, Long.MAX_VALUE).appliedSequence();
        assertTrue(snapshot.sequence() > 50 && snapshot.sequence() < lastSequence - 50, "snapshot at " + snapshot.sequence());
    }

    @Test
    void rebuildsTheEnginesFinalStateFromTheSnapshotAndTheTail() {
        final CliRun run = CliRun.of("state", "--data", data.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(String.format("%016x", finalHash), hash(run));
        assertEquals(lastSequence, reached(run));
        assertTrue(run.out().contains("rebuilt from    " + snapshot.file().getFileName() + " (sequence " + snapshot.sequence()
            + "), then " + (lastSequence - snapshot.sequence()) + " journal entries"), run.out());
        assertTrue(run.out().contains("SKUs            20 "), run.out());
        assertTrue(run.out().contains("live orders     0"), run.out());
    }

    @Test
    void rebuildsAPointBeforeTheSnapshotFromTheStartOfTheJournal() {
        final long point = snapshot.sequence() - 40;
        final CliRun run = CliRun.of("state", "--data", data.toString(), "--at", Long.toString(point));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(point, reached(run));
        assertEquals(String.format("%016x", replayTo(data, point).stateHash()), hash(run));
        assertTrue(run.out().contains("rebuilt from    the start of the journal, then " + point + " journal entries"), run.out());
    }

    @Test
    void rebuildsThePointOfTheSnapshotToTheEnginesSnapshotHashWithOrWithoutTheSnapshot() throws Exception {
        final String at = Long.toString(snapshot.sequence());
        final CliRun fromSnapshot = CliRun.of("state", "--data", data.toString(), "--at", at);
        assertEquals(0, fromSnapshot.exitCode(), fromSnapshot.err());
        assertEquals(String.format("%016x", snapshot.stateHash()), hash(fromSnapshot));
        assertTrue(fromSnapshot.out().contains("then 0 journal entries"), fromSnapshot.out());

        final Path withoutSnapshots = withoutSnapshots("at-snapshot");
        final CliRun fromStart = CliRun.of("state", "--data", withoutSnapshots.toString(), "--at", at);
        assertEquals(0, fromStart.exitCode(), fromStart.err());
        assertEquals(String.format("%016x", snapshot.stateHash()), hash(fromStart));
        assertTrue(fromStart.out().contains("rebuilt from    the start of the journal"), fromStart.out());
    }

    @Test
    void rebuildsAPointAfterTheSnapshotAsAFullReplayWould() throws Exception {
        final long point = snapshot.sequence() + 37;
        final CliRun fromSnapshot = CliRun.of("state", "--data", data.toString(), "--at", Long.toString(point));
        assertEquals(0, fromSnapshot.exitCode(), fromSnapshot.err());
        assertEquals(point, reached(fromSnapshot));
        assertTrue(fromSnapshot.out().contains("then 37 journal entries"), fromSnapshot.out());
        final String expected = String.format("%016x", replayTo(data, point).stateHash());
        assertEquals(expected, hash(fromSnapshot));

        final CliRun fromStart = CliRun.of("state", "--data", withoutSnapshots("after-snapshot").toString(), "--at",
            Long.toString(point));
        assertEquals(expected, hash(fromStart));
    }

    @Test
    void showsSkuCountersAsTheRestartedEngineHoldsThem() throws Exception {
        final CliRun run = CliRun.of("state", "--data", data.toString(), "--sku", "1,2", "7", "999");
        assertEquals(0, run.exitCode(), run.err());
        final Path copy = DamagedJournals.copy(data, folder.resolve("restarted"));
        try (Engine engine = Engine.start(new JournalFixture(copy).config())) {
            for (long sku : new long[] {1, 2, 7}) {
                final SkuView view = engine.sku(sku).get().orElseThrow();
                assertEquals(String.format("%12d %10d %14s %12d %12d %12d", sku, view.merchantId(),
                    Formats.money(view.priceCents()), view.available(), view.reserved(), view.sold()), row(run, sku));
            }
        }
        assertEquals(String.format("%12d   unknown SKU", 999), row(run, 999));
    }

    @Test
    void showsSkuCountersAtAPointInTheMiddle() {
        final long point = snapshot.sequence() + 11;
        final CliRun run = CliRun.of("state", "--data", data.toString(), "--at", Long.toString(point), "--sku", "1", "3");
        assertEquals(0, run.exitCode(), run.err());
        final BusinessLogic expected = replayTo(data, point);
        for (long sku : new long[] {1, 3}) {
            final long[] counters = expected.skuCounters(sku);
            assertEquals(String.format("%12d %10d %14s %12d %12d %12d", sku, 1 + sku % 4,
                Formats.money(JournalFixture.priceOf(sku)), counters[0], counters[1], counters[2]), row(run, sku));
        }
    }

    @Test
    void rebuildsATimeToTheLastEntryAtOrBeforeIt() {
        final long[] times = engineTimes(data);
        final long timeMs = times[(int) (snapshot.sequence() / 2)];
        long expected = 0;
        for (int sequence = 1; sequence < times.length; sequence++) {
            if (times[sequence] <= timeMs) {
                expected = sequence;
            }
        }
        final CliRun run = CliRun.of("state", "--data", data.toString(), "--at", Instant.ofEpochMilli(timeMs).toString(),
            "--zone", "Asia/Shanghai");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(expected, reached(run));
        assertTrue(run.out().contains(Formats.time(timeMs, ZoneId.of("Asia/Shanghai"))), run.out());
        assertEquals(String.format("%016x", replayTo(data, expected).stateHash()), hash(run));
        assertTrue(run.out().contains("the start of the journal"), "the snapshot lies after that time: " + run.out());

        final String withoutOffset = Instant.ofEpochMilli(timeMs).atZone(ZoneId.of("Asia/Shanghai")).toLocalDateTime().toString();
        final CliRun local = CliRun.of("state", "--data", data.toString(), "--at", withoutOffset, "--zone", "Asia/Shanghai");
        assertEquals(0, local.exitCode(), local.err());
        assertEquals(expected, reached(local), "--at " + withoutOffset + " read in --zone");
    }

    @Test
    void skipsADamagedSnapshotWithAWarning() throws Exception {
        final Path copy = DamagedJournals.copy(data, folder.resolve("damaged-snapshot"));
        final Path file = copy.resolve("snapshots").resolve(snapshot.file().getFileName());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 9);
            final int b = raf.read();
            raf.seek(raf.length() - 9);
            raf.write(b ^ 0x10);
        }
        final CliRun run = CliRun.of("state", "--data", copy.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(String.format("%016x", finalHash), hash(run));
        assertTrue(run.err().contains("warning: snapshot skipped: " + file.getFileName() + ": state checksum mismatch"), run.err());
        assertTrue(run.out().contains("the start of the journal"), run.out());
    }

    @Test
    void aJournalDamagedBeforeThePointIsExitOneNamingTheSequenceAndDamageAfterItDoesNotMatter() throws Exception {
        final Path copy = withoutSnapshots("damaged-journal");
        final long damaged = snapshot.sequence() + 5;
        DamagedJournals.flipByteInEntry(copy, damaged, EntryHeader.LENGTH + 3);
        final CliRun run = CliRun.of("state", "--data", copy.toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().startsWith("surge replay state: journal damaged at sequence " + damaged + " "), run.err());
        assertTrue(run.err().contains("checksum mismatch"), run.err());
        assertEquals("", run.out());

        final CliRun before = CliRun.of("state", "--data", copy.toString(), "--at", Long.toString(damaged - 1));
        assertEquals(0, before.exitCode(), before.err());
        assertEquals(String.format("%016x", replayTo(data, damaged - 1).stateHash()), hash(before));
    }

    @Test
    void rebuildsTheStateOfARunningEnginesJournal() throws Exception {
        final Path copy = DamagedJournals.copy(data, folder.resolve("running"));
        final JournalFixture running = new JournalFixture(copy);
        try (Engine engine = Engine.start(running.config())) {
            final OrderLines lines = new OrderLines();
            for (long orderId = 10_001; orderId <= 10_020; orderId++) {
                engine.placeOrder(orderId, 7, lines.clear().add(5, 1, JournalFixture.priceOf(5))).get();
            }
            final long hash = engine.stateHash().get();
            final CliRun state = CliRun.of("state", "--data", copy.toString());
            assertEquals(0, state.exitCode(), state.err());
            assertEquals(String.format("%016x", hash), hash(state));
            final CliRun verify = CliRun.of("verify", "--data", copy.toString());
            assertEquals(0, verify.exitCode(), verify.out());
        }
    }

    @Test
    void aPointPastTheEndOrAMissingFolderIsAOneLineUsageError() {
        final CliRun past = CliRun.of("state", "--data", data.toString(), "--at", Long.toString(lastSequence + 1));
        assertEquals(2, past.exitCode());
        assertEquals("surge replay state: --at " + (lastSequence + 1) + ": the journal ends at sequence " + lastSequence,
            past.err().strip());
        final CliRun missing = CliRun.of("state", "--data", folder.resolve("nowhere").toString());
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("no such directory"), missing.err());
        final CliRun badTime = CliRun.of("state", "--data", data.toString(), "--at", "yesterday");
        assertEquals(2, badTime.exitCode());
    }

    /** The state after {@code sequence}, by the engine's own replayer from the first entry. */
    static BusinessLogic replayTo(Path dataDir, long sequence) {
        final BusinessLogic logic = new BusinessLogic();
        final EntryReplayer replayer = new EntryReplayer(logic);
        try (JournalScan scan = new JournalScan(DataDir.of(dataDir))) {
            scan.scan((buffer, offset, length, position) -> {
                if (EntryHeader.sequence(buffer, offset) > sequence) {
                    return false;
                }
                assertNull(replayer.apply(buffer, offset, length));
                return true;
            });
        }
        return logic;
    }

    /** Engine time of each entry, indexed by sequence. */
    private static long[] engineTimes(Path dataDir) {
        final long[] times = new long[(int) lastSequence + 1];
        try (JournalScan scan = new JournalScan(DataDir.of(dataDir))) {
            scan.scan((buffer, offset, length, position) -> {
                times[(int) EntryHeader.sequence(buffer, offset)] = EntryHeader.engineTimeMs(buffer, offset);
                return true;
            });
        }
        return times;
    }

    private static Path withoutSnapshots(String name) throws Exception {
        final Path copy = DamagedJournals.copy(data, folder.resolve(name));
        DamagedJournals.deleteTree(copy.resolve("snapshots"));
        return copy;
    }

    private static String hash(CliRun run) {
        final Matcher matcher = HASH.matcher(run.out());
        assertTrue(matcher.find(), run.out());
        return matcher.group(1);
    }

    private static long reached(CliRun run) {
        final Matcher matcher = REACHED.matcher(run.out());
        assertTrue(matcher.find(), run.out());
        return Long.parseLong(matcher.group(1));
    }

    private static String row(CliRun run, long sku) {
        final String start = String.format("%12d ", sku);
        return run.out().lines().filter(line -> line.startsWith(start)).findFirst()
            .orElseThrow(() -> new AssertionError("no row for SKU " + sku + " in\n" + run.out()));
    }
}
