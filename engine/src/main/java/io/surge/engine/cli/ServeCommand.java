package io.surge.engine.cli;

import io.surge.engine.config.ConfigLoader;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.gateway.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * {@code surge serve}: the engine behind its TCP and HTTP gateways until SIGTERM or Ctrl-C, which
 * stop taking input, drain the ring, flush the journal, write a snapshot and exit 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    header = "Runs the engine as a server (binary TCP protocol, HTTP/JSON API, live dashboard).",
    description = {"Runs the engine as a server: the binary TCP protocol (docs/protocol.md) and the",
        "HTTP/JSON API, on loopback by default. Restarting on the same --data continues where it stopped."},
    footer = {"", "Examples:",
        "  surge serve",
        "  surge serve --data /var/lib/surge --tcp-port 7400 --http-port 7480",
        "  surge serve --config config/engine.yaml"})
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "engine.yaml to use (default: the built-in one).")
    Path configFile;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data/serve",
        description = "Data directory: journal and snapshots (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--tcp-port", paramLabel = "N", description = "TCP port (default: gateway.tcp.port, 7400).")
    Integer tcpPort;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port (default: gateway.http.port, 7480).")
    Integer httpPort;

    @Override
    public Integer call() throws Exception {
        final EngineConfig loaded = configFile == null ? ConfigLoader.loadBuiltIn(dataDir) : ConfigLoader.load(configFile, dataDir);
        final GatewaySettings gateway = loaded.gateway().withPorts(
            tcpPort != null ? tcpPort : loaded.gateway().tcpPort(), httpPort != null ? httpPort : loaded.gateway().httpPort());
        final EngineConfig config = loaded.toBuilder().gateway(gateway).build();
        final CountDownLatch stopped = new CountDownLatch(1);
        // Registered before the start, so a stop asked for while the engine recovers or seeds its
        // catalogue is not an abrupt exit: it waits for the start to finish, then stops cleanly.
        final CompletableFuture<Server> started = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            final Server server;
            try {
                server = started.join();
            } catch (CompletionException e) {
                return; // the start failed, and the JVM exits with its error
            }
            server.close();
            stopped.countDown();
            // A clean stop is a success, whatever signal asked for it.
            Runtime.getRuntime().halt(0);
        }, "surge-shutdown"));
        try {
            started.complete(Server.start(config));
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
            throw e;
        }
        stopped.await();
        return 0;
    }
}
