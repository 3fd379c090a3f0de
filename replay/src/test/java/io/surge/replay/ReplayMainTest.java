package io.surge.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayMainTest {
    @TempDir
    Path folder;

    @Test
    void writesAJournalTheToolsCanScan() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        fixture.write(1, 200);
        final long[] entries = {0};
        try (JournalScan scan = new JournalScan(DataDir.of(fixture.dataDir))) {
            final MessageDecoder decoder = new MessageDecoder();
            scan.scan((buffer, offset, length, position) -> {
                final DecodedEntry entry = decoder.decode(buffer, offset, position);
                assertEquals(entries[0] + 1, entry.sequence());
                entries[0]++;
                return true;
            });
        }
        assertTrue(entries[0] > 200, "entries: " + entries[0]);
    }

    @Test
    void runningOutOfMemoryIsOneLineSayingWhatToRaise() throws Exception {
        // A child JVM whose direct-memory limit cannot hold even a small state: wherever it runs out
        // (the re-executed order book, the snapshot loaded beside it), the operator gets one line.
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        fixture.write(1, 300);
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("surge.jvmFlags", "").split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-XX:MaxDirectMemorySize=128k", "-cp", System.getProperty("java.class.path"),
            ReplayMain.class.getName(), "verify", "--data", fixture.dataDir.toString()));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "verify did not finish");

        assertEquals(ReplayMain.EXIT_PROBLEM, process.exitValue(), output);
        assertTrue(output.contains("surge replay: out of memory (Cannot reserve"), output);
        assertTrue(output.contains("SURGE_JAVA_OPTS=\"-Xmx8g -XX:MaxDirectMemorySize=16g\""), output);
        assertFalse(output.contains("\tat "), "a stack trace:\n" + output);
    }

    @Test
    void aMissingFolderIsAOneLineUsageError() {
        final CliRun run = CliRun.of("--help");
        assertEquals(0, run.exitCode());
        final DataDir[] unused = new DataDir[1];
        final ReplayException e = org.junit.jupiter.api.Assertions.assertThrows(ReplayException.class,
            () -> unused[0] = DataDir.of(folder.resolve("nowhere")));
        assertTrue(e.getMessage().endsWith("no such directory"), e.getMessage());
        assertEquals(ReplayMain.EXIT_USAGE, e.exitCode());
    }

    @Test
    void noCommandIsAUsageErrorShowingTheCommands() {
        final CliRun run = CliRun.of();
        assertEquals(ReplayMain.EXIT_USAGE, run.exitCode());
        assertTrue(run.err().contains("a command is needed") && run.err().contains("verify"), run.err());
    }

    @Test
    void aBadOptionIsOneLineAndAPointerToTheHelp() {
        final CliRun run = CliRun.of("dump", "--data", folder.toString(), "--format", "xml");
        assertEquals(ReplayMain.EXIT_USAGE, run.exitCode());
        assertEquals("surge replay dump: Invalid value for option '--format': expected table, json or csv, not 'xml'\n"
            + "Try 'surge replay dump --help' for usage.", run.err().strip());
    }
}
