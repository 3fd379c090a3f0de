package io.surge.engine.demo;

import io.surge.engine.config.ConfigLoader;
import io.surge.engine.config.EngineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code surge demo}: a Singles' Day order stream through the real engine, then a summary. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Runs a Singles' Day order stream through the real pipeline and journal on the built-in",
        "catalogue (100,000 SKUs, 1,000 merchants) and flash sales, then prints a summary.",
        "The demo owns its data directory: a previous demo's folder is replaced."},
    footer = {"", "Examples:",
        "  surge demo",
        "  surge demo --orders 5000000 --json target/demo.json",
        "  surge demo --data /tmp/surge-demo"})
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

    @Override
    public Integer call() throws Exception {
        if (orders < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--orders must be at least 1");
        }
        prepare(dataDir);
        final EngineConfig config = ConfigLoader.loadBuiltIn(dataDir);
        final PrintStream out = System.out;
        final DemoSummary summary = new DemoRun(config, orders, seed, out, System.console() != null).run();
        if (jsonFile != null) {
            final Path parent = jsonFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            DemoRun.writeJson(summary, jsonFile);
            out.println("  summary JSON    " + jsonFile);
        }
        return 0;
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
