package io.surge.bench.peers;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The script's own options, checked before it installs, builds or starts anything. */
class RunPeersScriptTest {
    private static final Path SCRIPT = Path.of("peers/run-peers");

    @Test
    void helpListsEveryOptionIncludingTheSettle() throws Exception {
        final Result help = run("--help");
        assertEquals(0, help.exitCode, help.output);
        for (String option : List.of("--duration", "--warmup", "--connections", "--skus", "--workloads", "--systems",
            "--seed", "--repeat", "--settle", "--surge-durability", "--surge-preallocate", "--out", "--keep")) {
            assertTrue(help.output.contains(option), option + " missing from: " + help.output);
        }
    }

    @Test
    void aBadSettleIsRefusedWithAOneLineReason() throws Exception {
        final Result bad = run("--settle", "soon");
        assertNotEquals(0, bad.exitCode);
        assertTrue(bad.output.contains("--settle must be a whole number of seconds, not 'soon'"), bad.output);
    }

    @Test
    void aPreallocationAboveTheLiveOrderCapacityIsRefused() throws Exception {
        final Result bad = run("--surge-preallocate", "20000000");
        assertNotEquals(0, bad.exitCode);
        assertTrue(bad.output.contains("--surge-preallocate must be a whole number from 0 to 16000000, not '20000000'"), bad.output);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... options) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT.toAbsolutePath() + " is not executable");
        final List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(options));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "run-peers did not finish");
        return new Result(process.exitValue(), output);
    }
}
