package io.surge.engine.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code surge serve} in a child JVM, as operators run it, for the command-line integration tests. */
final class ServeProcess {
    private ServeProcess() {
    }

    /**
     * Starts {@code serve} with the project's JVM flags, {@code jvmOptions} and {@code serveArguments};
     * its output (stdout and stderr) goes to {@code log}.
     */
    static Process start(Path log, List<String> jvmOptions, List<String> serveArguments) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("surge.jvmFlags", "").split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SurgeMain.class.getName(), "serve"));
        command.addAll(serveArguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    }

    /** SIGTERM, as a service manager or Ctrl-C sends it; a clean stop exits 0. */
    static void stop(Process server, Path log) throws Exception {
        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "serve did not stop within 60 s after SIGTERM");
        assertEquals(0, server.exitValue(), "exit code after SIGTERM; log:\n" + Files.readString(log));
    }

    static void awaitLog(Process server, Path log, String text) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            if (!server.isAlive()) {
                fail("serve exited (" + server.exitValue() + ") before logging '" + text + "':\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                fail("serve did not log '" + text + "' within 90 s:\n" + Files.readString(log));
            }
            Thread.sleep(5);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
