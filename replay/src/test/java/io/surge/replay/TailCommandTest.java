package io.surge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.surge.engine.Engine;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tail} on journals the real engine wrote, and {@code tail --follow} while an engine writes. */
class TailCommandTest {
    private static final long WAIT_MS = 10_000;

    @TempDir
    static Path folder;
    static Path dataDir;
    static long lastSequence;

    @BeforeAll
    static void writeJournal() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        fixture.write(1, 60);
        dataDir = fixture.dataDir;
        final List<DecodedEntry> journal = DumpCommandTest.readAll(dataDir);
        lastSequence = journal.get(journal.size() - 1).sequence();
        assertEquals(journal.size(), lastSequence);
    }

    @Test
    void printsTheLastNEntries() {
        assertEquals(range(lastSequence - 4, lastSequence), sequencesOf("-n", "5"));
        assertEquals(range(lastSequence, lastSequence), sequencesOf("-n", "1"));
        assertEquals(List.of(), sequencesOf("-n", "0"));
        assertEquals(range(1, lastSequence), sequencesOf("-n", "100000"));
    }

    @Test
    void stepsBackAcrossGroupsAndCycleFilesFromTheEnd() throws Exception {
        final Path cycled = folder.resolve("cycled");
        final long[] cycleStarts = DamagedJournals.rewriteIntoCycles(dataDir, cycled, 3);
        final long reachingIntoTheFirstCycle = lastSequence - cycleStarts[1] + 3;
        for (long n : new long[] {1, 7, reachingIntoTheFirstCycle, lastSequence, lastSequence + 5}) {
            final CliRun run = CliRun.of("tail", "--data", cycled.toString(), "--format", "json", "-n", String.valueOf(n));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(range(Math.max(1, lastSequence - n + 1), lastSequence),
                DumpCommandTest.sequencesOf(DumpCommandTest.parse(run.out())), "tail -n " + n);
        }
    }

    @Test
    void printsTenEntriesByDefaultAsATable() {
        final CliRun run = CliRun.of("tail", "--data", dataDir.toString(), "--zone", "+08:00");
        assertEquals(0, run.exitCode(), run.err());
        final List<String> rows = run.out().lines().collect(Collectors.toList());
        assertEquals(TailCommand.DEFAULT_ENTRIES + 1, rows.size(), run.out());
        assertTrue(rows.get(0).trim().startsWith("SEQ"), rows.get(0));
        assertEquals(String.valueOf(lastSequence - 9), rows.get(1).trim().split("\\s+")[0]);
        assertEquals(String.valueOf(lastSequence), rows.get(10).trim().split("\\s+")[0]);
        assertTrue(rows.get(10).contains("Tick"), rows.get(10));
    }

    @Test
    void printsCsvRowsPerMessage() {
        final CliRun run = CliRun.of("tail", "--data", dataDir.toString(), "-n", "2", "--format", "csv");
        assertEquals(0, run.exitCode(), run.err());
        final List<String> rows = run.out().lines().collect(Collectors.toList());
        assertEquals(String.join(",", CsvPrinter.COLUMNS), rows.get(0));
        assertTrue(rows.get(1).startsWith((lastSequence - 1) + ",") && rows.get(1).contains(",command,AdjustStock,"), rows.get(1));
        assertTrue(rows.get(rows.size() - 1).startsWith(lastSequence + ",") && rows.get(rows.size() - 1).contains(",event,"),
            rows.get(rows.size() - 1));
    }

    @Test
    void rejectsBadCountsAndFolders() {
        assertEquals(ReplayMain.EXIT_USAGE, CliRun.of("tail", "--data", dataDir.toString(), "-n", "-1").exitCode());
        final CliRun missing = CliRun.of("tail", "--data", folder.resolve("nowhere").toString());
        assertEquals(ReplayMain.EXIT_USAGE, missing.exitCode());
        assertEquals(1, missing.err().lines().count(), missing.err());
        final CliRun help = CliRun.of("tail", "--help");
        assertTrue(help.out().contains("Examples:") && help.out().contains("--follow"), help.out());
    }

    @Test
    void followPrintsEntriesTheEngineWritesAfterItStarted() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("live"));
        fixture.write(1, 20);
        try (Engine engine = Engine.start(fixture.config())) {
            final Following tail = Following.start(fixture.dataDir, "-n", "1", "--follow", "--format", "json");
            final long before = tail.awaitLines(1).get(0).get("sequence").asLong();
            final OrderLines lines = new OrderLines();
            for (long orderId = 1001; orderId <= 1005; orderId++) {
                fixture.clock.addAndGet(100);
                lines.clear().add(4, 1, JournalFixture.priceOf(4));
                assertEquals(Status.RESERVED, engine.placeOrder(orderId, 7, lines).get().status());
            }
            final List<JsonNode> printed = tail.awaitLines(6);
            tail.stop();
            final List<JsonNode> followed = printed.subList(1, printed.size());
            assertEquals(range(before + 1, before + 5), followed.stream().map(line -> line.get("sequence").asLong())
                .collect(Collectors.toList()));
            assertEquals(List.of(1001L, 1002L, 1003L, 1004L, 1005L), followed.stream()
                .map(line -> line.get("command").get("orderId").asLong()).collect(Collectors.toList()));
            assertTrue(followed.stream().allMatch(line -> line.get("events").get(0).get("type").asText().equals("OrderReserved")));
        }
    }

    @Test
    void followStopsWhenInterrupted() throws Exception {
        final Following tail = Following.start(dataDir, "-n", "3", "--follow", "--format", "json");
        assertEquals(range(lastSequence - 2, lastSequence), tail.awaitLines(3).stream()
            .map(line -> line.get("sequence").asLong()).collect(Collectors.toList()));
        tail.thread.interrupt();
        tail.thread.join(WAIT_MS);
        assertFalse(tail.thread.isAlive());
        assertEquals(0, tail.exitCode.get());
    }

    /** A {@code tail --follow} running in its own thread, its output readable while it runs. */
    private static final class Following {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final AtomicInteger exitCode = new AtomicInteger(-1);
        TailCommand command;
        Thread thread;

        static Following start(Path data, String... options) {
            final Following following = new Following();
            final CommandLine commandLine = ReplayMain.commandLine();
            commandLine.setOut(new PrintWriter(following.out, true));
            commandLine.setErr(new PrintWriter(following.err, true));
            following.command = commandLine.getSubcommands().get("tail").getCommand();
            final List<String> args = new ArrayList<>(List.of("tail", "--data", data.toString()));
            args.addAll(List.of(options));
            following.thread = new Thread(() -> following.exitCode.set(commandLine.execute(args.toArray(new String[0]))),
                "tail-follow");
            following.thread.start();
            return following;
        }

        List<JsonNode> awaitLines(int count) throws InterruptedException {
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (System.nanoTime() < deadline) {
                final String text = out.toString();
                if (text.lines().count() >= count && text.endsWith("\n")) {
                    return DumpCommandTest.parse(text);
                }
                assertTrue(thread.isAlive(), "tail ended early: " + err);
                Thread.sleep(5);
            }
            throw new AssertionError("waited for " + count + " lines, got: " + out + err);
        }

        void stop() throws InterruptedException {
            command.stop();
            thread.join(WAIT_MS);
            assertFalse(thread.isAlive());
            assertEquals(0, exitCode.get(), err.toString());
        }
    }

    private static List<Long> sequencesOf(String... options) {
        final List<String> args = new ArrayList<>(List.of("tail", "--data", dataDir.toString(), "--format", "json"));
        args.addAll(List.of(options));
        final CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.err());
        return DumpCommandTest.sequencesOf(DumpCommandTest.parse(run.out()));
    }

    private static List<Long> range(long first, long last) {
        final List<Long> sequences = new ArrayList<>();
        for (long sequence = first; sequence <= last; sequence++) {
            sequences.add(sequence);
        }
        return sequences;
    }
}
