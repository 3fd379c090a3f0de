package io.surge.engine.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.surge.engine.cli.ServeProcess.awaitLog;
import static io.surge.engine.cli.ServeProcess.freePort;
import static io.surge.engine.cli.ServeProcess.stop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code capacity.preallocateOrders} in a child JVM, where the direct-memory limit can be set:
 * the memory is made ready before the server listens, and a preallocation the JVM cannot hold
 * stops start-up with one line naming the setting, before anything listens.
 */
class ServePreallocationIT {
    @TempDir
    Path workDir;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void theMemoryIsReadyBeforeTheServerListens() throws Exception {
        final Path log = workDir.resolve("serve.log");
        final Process server = startServe(50_000, "512m", log);
        awaitLog(server, log, "Surge listening");
        final String output = Files.readString(log);
        final int madeRoom = output.indexOf("Made room for 50000 open reservations before taking input");
        assertTrue(madeRoom >= 0, output);
        assertTrue(madeRoom < output.indexOf("Surge listening"), output);
        assertTrue(output.contains("MB for snapshots"), output);

        stop(server, log);
    }

    @Test
    void aPreallocationTheJvmCannotHoldStopsStartupNamingTheSetting() throws Exception {
        final Path log = workDir.resolve("serve.log");
        // A million reservations need about 190 MB off the heap; the limit is 64 MB.
        final Process server = startServe(1_000_000, "64m", log);
        assertTrue(server.waitFor(90, TimeUnit.SECONDS), "serve did not give up within 90 s");
        final String output = Files.readString(log);
        assertEquals(1, server.exitValue(), output);
        assertTrue(output.contains("surge serve: capacity.preallocateOrders: no memory for 1000000 open reservations"), output);
        assertTrue(output.contains("-XX:MaxDirectMemorySize"), output);
        assertFalse(output.contains("Surge listening"), output);
        assertFalse(output.contains("\tat "), "a stack trace:\n" + output);
    }

    private Process startServe(int preallocateOrders, String maxDirectMemory, Path log) throws IOException {
        final Path config = Files.writeString(workDir.resolve("engine.yaml"), """
            capacity:
              maxLiveOrders: 1000000
              preallocateOrders: %d
            seed:
              catalogue: ""
              sales: ""
            """.formatted(preallocateOrders));
        final Process process = ServeProcess.start(log, List.of("-Xmx512m", "-XX:MaxDirectMemorySize=" + maxDirectMemory),
            List.of("--config", config.toString(), "--data", workDir.resolve("data").toString(),
                "--tcp-port", Integer.toString(freePort()), "--http-port", Integer.toString(freePort())));
        children.add(process);
        return process;
    }
}
