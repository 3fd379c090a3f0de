package io.surge.engine.demo;

import io.surge.engine.config.ConfigLoader;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.GatewaySettings;
import io.surge.engine.gateway.Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/** {@code surge demo}: a Singles' Day order stream through the real engine, then a summary. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Runs a Singles' Day order stream through the real engine, then prints a summary.",
    description = {
        "Runs a Singles' Day order stream through the real pipeline and journal on the built-in",
        "catalogue (100,000 SKUs, 1,000 merchants) and flash sales, then prints a summary.",
        "The demo owns its data directory: a previous demo's folder is replaced."},
    footer = {"", "Examples:",
        "  surge demo",
        "  surge demo --orders 5000000 --json target/demo.json",
        "  surge demo --data /tmp/surge-demo",
        "  surge demo --serve            (then open the dashboard at http://127.0.0.1:7480/)"})
public final class DemoCommand implements Callable<Integer> {
    static final String MARKER = ".surge-demo";

    @Option(names = "--orders", paramLabel = "N", description = "Orders to place (default: ${DEFAULT-VALUE}).",
        defaultValue = "1000000")
    int orders;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory for journal and snapshots (default: ${DEFAULT-VALUE}).",
        defaultValue = "data/demo")
    Path dataDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
    Path jsonFile;

    @Option(names = "--seed", description = "Seed of the order stream (default: ${DEFAULT-VALUE}).", defaultValue = "1111")
    long seed;

    @Option(names = "--serve", description = {"Run behind the TCP and HTTP gateways, with the live dashboard, and keep",
        "serving after the run until Ctrl-C or SIGTERM (a graceful stop, like surge serve)."})
    boolean serve;

    @Option(names = "--http-port", paramLabel = "N", description = "With --serve: HTTP port (default: gateway.http.port, 7480).")
    Integer httpPort;

    @Option(names = "--tcp-port", paramLabel = "N", description = "With --serve: TCP port (default: gateway.tcp.port, 7400).")
    Integer tcpPort;

    @Override
    public Integer call() throws Exception {
        if (orders < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--orders must be at least 1");
        }
        if (!serve && (httpPort != null || tcpPort != null)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--http-port and --tcp-port need --serve");
        }
        prepare(dataDir);
        final EngineConfig loaded = ConfigLoader.loadBuiltIn(dataDir);
        final GatewaySettings gateway = loaded.gateway().withPorts(
            tcpPort != null ? tcpPort : loaded.gateway().tcpPort(), httpPort != null ? httpPort : loaded.gateway().httpPort());
        final EngineConfig config = loaded.toBuilder().gateway(gateway).build();
        final PrintStream out = System.out;
        final DemoRun run = new DemoRun(config, orders, seed, out, System.console() != null, serve);
        final DemoSummary summary = run.run();
        if (jsonFile != null) {
            final Path parent = jsonFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            DemoRun.writeJson(summary, jsonFile);
            out.println("  summary JSON    " + jsonFile);
        }
        if (run.server() != null) {
            serveUntilStopped(run.server(), out);
        }
        return 0;
    }

    /** Keeps the demo's engine and dashboard up until SIGTERM or Ctrl-C, then stops it gracefully (exit 0). */
    private static void serveUntilStopped(Server server, PrintStream out) throws InterruptedException {
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
            Runtime.getRuntime().halt(0); // a clean stop is a success, whatever signal asked for it
        }, "surge-shutdown"));
        out.println();
        out.println("Serving the demo's engine: dashboard " + DemoRun.dashboardAddress(server)
            + ", HTTP API on port " + server.httpPort() + ", TCP on port " + server.tcpPort());
        out.println("Sale time now runs at wall-clock speed. Ctrl-C stops (gracefully).");
        out.flush();
        stopped.await();
    }

    /**
     * The demo starts from an empty journal. A folder left by an earlier demo (it carries a marker
     * file) is cleared; any other non-empty folder is refused rather than deleted.
     */
    static void prepare(Path dataDir) throws IOException {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new IOException(dataDir + " is not a directory");
        }
        if (Files.isDirectory(dataDir)) {
            final boolean empty;
            try (Stream<Path> entries = Files.list(dataDir)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty) {
                if (!Files.exists(dataDir.resolve(MARKER))) {
                    throw new IOException(dataDir + " is not empty and was not made by a demo; choose another --data");
                }
                try (Stream<Path> tree = Files.walk(dataDir)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        }
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve(MARKER), "made by surge demo; the next demo run replaces this folder\n");
    }
}
