package io.surge.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
