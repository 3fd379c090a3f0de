package io.surge.bench.peers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeersCommandLineTest {
    private static String[] run(CommandLine commandLine, String... args) {
        final StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        final int exit = commandLine.execute(args);
        return new String[] {Integer.toString(exit), err.toString()};
    }

    @Test
    void anUnknownPeerIsAOneLineError() {
        final String[] result = run(PeerLoad.commandLine(), "--peer", "mysql");
        assertEquals("1", result[0]);
        assertEquals("peer-load: unknown peer 'mysql'; valid ones: redis, postgres", result[1].trim());
    }

    @Test
    void aWorkloadWithASaleIsRefusedBeforeConnecting() {
        final String[] result = run(PeerLoad.commandLine(), "--peer", "redis", "--port", "1", "--workload", "singles-day");
        assertEquals("1", result[0]);
        assertTrue(result[1].contains("the peers do not model sales"), result[1]);
    }

    @Test
    void anUnknownWorkloadNamesTheValidOnes() {
        final String[] result = run(PeerLoad.commandLine(), "--peer", "postgres", "--port", "1", "--workload", "zigzag");
        assertEquals("1", result[0]);
        assertTrue(result[1].contains("unknown workload 'zigzag'"), result[1]);
    }

    @Test
    void badNumbersAreRefused() {
        assertEquals("1", run(PeerLoad.commandLine(), "--peer", "redis", "--connections", "0")[0]);
        assertEquals("1", run(PeerLoad.commandLine(), "--peer", "redis", "--duration", "0")[0]);
        assertEquals("1", run(PeerLoad.commandLine(), "--peer", "redis", "--window", "0")[0]);
    }

    @Test
    void aMissingServerIsAOneLineError() {
        final String[] result = run(PeerLoad.commandLine(), "--peer", "postgres", "--port", "1", "--duration", "1");
        assertEquals("1", result[0]);
        assertTrue(result[1].startsWith("peer-load: no PostgreSQL at jdbc:postgresql://127.0.0.1:1/postgres"), result[1]);
    }

    @Test
    void workloadListsSplitOnSpacesAndCommas() {
        assertEquals(java.util.List.of("uniform", "hot-deep"), PeersReport.parseWorkloads(" uniform, hot-deep "));
        assertThrows(IllegalArgumentException.class, () -> PeersReport.parseWorkloads("  "));
    }

    @Test
    void aSystemThatWasNotRunShowsAsNotRunRatherThanFailed() {
        final ComparisonTable table = new ComparisonTable(java.util.List.of("uniform"), java.util.Set.of("surge"),
            java.util.Map.of("surge-uniform", new RunFigures(10, 1, 0, 0)), "heading");
        final String text = table.toText();
        assertTrue(text.contains("uniform      10  not run     not run"), text);
        assertTrue(!text.contains("failed"), text);
    }

    @Test
    void reportReadsResultFilesAndWritesMarkdownOrJson(@TempDir Path folder) throws Exception {
        new PeerResult("redis", "uniform", 4, 100, 42, 1.0, 100, 100.0, 1, 2, 3, 4, 5, 100, 0, 0, null)
            .writeJson(folder.resolve("redis-uniform.json"));
        Files.writeString(folder.resolve("surge-uniform.json"), "{\"ordersPerSecond\": 1500, \"p99Micros\": 7, \"errors\": 0,"
            + " \"reserved\": 10, \"latency\": {\"p50Micros\": 1}}");
        final Path markdown = folder.resolve("out.md");
        final Path json = folder.resolve("out.json");

        assertEquals(0, new CommandLine(new PeersReport()).execute("--results", folder.toString(), "--workloads", "uniform",
            "--note", "Command: run-peers", "--out", markdown.toString()));
        assertEquals(0, new CommandLine(new PeersReport()).execute("--results", folder.toString(), "--workloads", "uniform",
            "--out", json.toString()));

        final String text = Files.readString(markdown);
        assertTrue(text.contains("| uniform | 1,500 | 100 | failed | 15.0x | - |"), text);
        assertTrue(text.contains("Command: run-peers"), text);
        assertTrue(Files.readString(json).contains("\"surgeOverRedis\" : 15.0"), Files.readString(json));
    }

    @Test
    void repeatedRunsAreReportedByTheirMedianAndListedUnderTheTable(@TempDir Path folder) throws Exception {
        final double[] surgeRates = {3000, 1000, 0, 2000};
        for (int run = 1; run <= 4; run++) {
            if (run != 3) { // run 3 failed: no file
                Files.writeString(folder.resolve("surge-uniform-" + run + ".json"), "{\"ordersPerSecond\": " + surgeRates[run - 1]
                    + ", \"p99Micros\": " + run + ", \"errors\": 0}");
            }
        }
        Files.writeString(folder.resolve("surge-uniform-extra.json"), "not a result file of this run");
        for (int run = 1; run <= 2; run++) {
            Files.writeString(folder.resolve("redis-uniform-" + run + ".json"), "{\"ordersPerSecond\": " + (run * 100)
                + ", \"p99Micros\": 1, \"errors\": 0}");
        }
        final Path markdown = folder.resolve("out.md");
        final Path json = folder.resolve("out.json");

        assertEquals(0, new CommandLine(new PeersReport()).execute("--results", folder.toString(), "--workloads", "uniform",
            "--systems", "surge redis", "--out", markdown.toString()));
        assertEquals(0, new CommandLine(new PeersReport()).execute("--results", folder.toString(), "--workloads", "uniform",
            "--systems", "surge redis", "--out", json.toString()));

        final String text = Files.readString(markdown);
        // Median of 3,000 / 1,000 / 2,000 is 2,000; of 100 / 200 the lower middle, 100: 20x.
        assertTrue(text.contains("| uniform | 2,000 | 100 | not run | 20.0x | - |"), text);
        assertTrue(text.contains("Runs of surge-uniform (orders/s, in order; the table shows the median): 3,000 / 1,000 / 2,000"), text);
        assertTrue(text.contains("Runs of redis-uniform (orders/s, in order; the table shows the median): 100 / 200"), text);
        assertTrue(Files.readString(json).contains("\"surge-uniform\" : [ 3000.0, 1000.0, 2000.0 ]"), Files.readString(json));
    }

    @Test
    void theMedianOfAnEvenCountIsTheLowerMiddleRun() {
        final RunFigures slow = new RunFigures(10, 1, 0, 0);
        final RunFigures middle = new RunFigures(20, 2, 0, 0);
        final RunFigures fast = new RunFigures(30, 3, 0, 0);
        assertEquals(middle, PeersReport.median(java.util.List.of(fast, slow, middle)));
        assertEquals(middle, PeersReport.median(java.util.List.of(fast, middle, slow, new RunFigures(40, 4, 0, 0))));
        assertEquals(slow, PeersReport.median(java.util.List.of(slow)));
    }
}
