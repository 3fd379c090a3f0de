package io.surge.bench.peers;

import io.surge.bench.workload.CatalogueSpec;
import io.surge.bench.workload.Workload;
import io.surge.bench.workload.Workloads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workload's orders against Redis or PostgreSQL, closed loop at the peer's maximum rate,
 * and reports the same figures as Surge's load generator. The server must be running;
 * {@code benchmarks/peers/run-peers} starts it with durable settings.
 */
@Command(name = "peer-load", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs the same orders as `surge bench load` against Redis (Lua script via EVALSHA, pipelined)",
        "or PostgreSQL (one JDBC transaction per order), closed loop at the peer's maximum rate."},
    footer = {"", "Example:", "  peer-load --peer redis --port 16379 --workload hot-deep --duration 20 --json redis.json"})
public final class PeerLoad implements Callable<Integer> {
    /** The seed of the workloads unless one is given: the same as the Surge load generator's default. */
    static final long DEFAULT_SEED = 1;
    /** Order ids of the warm-up start here ... */
    static final long WARMUP_ID_BASE = 1;
    /** ... and those of the measured run here: far above any warm-up's (ids grow by 1,024 per order and stream). */
    static final long MEASURED_ID_BASE = 1L << 42;

    @Option(names = "--peer", required = true, paramLabel = "redis|postgres", description = "Which peer.")
    String peer;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Server host (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "N", description = "Server port (default: 16379 for redis, 15432 for postgres).")
    Integer port;

    @Option(names = "--workload", defaultValue = "uniform", paramLabel = "W",
        description = "uniform, zipf:S, flash or hot-deep (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--duration", defaultValue = "20", paramLabel = "S", description = "Seconds of load (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "S",
        description = "Seconds of the same orders first, not measured (JIT, caches; default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--connections", defaultValue = "4", paramLabel = "C", description = "Connections, one order stream each (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--skus", defaultValue = "10000", paramLabel = "N", description = "Catalogue size (default: ${DEFAULT-VALUE}).")
    int skus;

    @Option(names = "--seed", paramLabel = "S", description = "Workload seed (default: " + DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--window", defaultValue = "256", paramLabel = "N",
        description = "Redis: orders in flight per connection at most (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--flush-every", defaultValue = "64", paramLabel = "N",
        description = "Redis: orders per socket write at most (default: ${DEFAULT-VALUE}).")
    int flushEvery;

    @Option(names = "--database", defaultValue = "postgres", paramLabel = "NAME", description = "PostgreSQL database (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--user", defaultValue = "postgres", paramLabel = "NAME", description = "PostgreSQL user (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON.")
    Path jsonFile;

    /** Exit codes: 0 the run completed (errors, if any, are in the result), 1 it could not start or finish. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new PeerLoad());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("peer-load: " + e.getMessage());
            return 1;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        final PeerKind kind = PeerKind.fromCliName(peer);
        validate();
        final long runSeed = seed != null ? seed : DEFAULT_SEED;
        final CatalogueSpec catalogue = stream(runSeed, 0, MEASURED_ID_BASE).catalogue();
        if (catalogue.sale().isPresent()) {
            throw new IllegalArgumentException("the peers do not model sales, so workload '" + workload
                + "' cannot run on them; use uniform, zipf:S, flash or hot-deep");
        }
        try (Peer target = open(kind)) {
            final Map<String, String> settings = target.durabilitySettings();
            System.out.println(kind.displayName() + " settings: " + settings);
            System.out.println("loading " + catalogue + " ...");
            target.load(catalogue);
            if (warmupSeconds > 0) {
                // The same order contents under other ids, so the measured run's ids are all new.
                new ClosedLoopRun(target, i -> stream(runSeed, i, WARMUP_ID_BASE), connections, nanos(warmupSeconds), System.err)
                    .run(kind.cliName() + " " + workload + " warm-up");
            }
            final ClosedLoopRun run = new ClosedLoopRun(target, i -> stream(runSeed, i, MEASURED_ID_BASE), connections,
                nanos(durationSeconds), System.err);
            final ClosedLoopRun.Outcome outcome = run.run(kind.cliName() + " " + workload);
            final PeerResult result = outcome.totals().toResult(kind.cliName(), stream(runSeed, 0, MEASURED_ID_BASE).name(), connections,
                skus, runSeed, outcome.elapsedNanos());
            System.out.println(result.summaryLine());
            if (jsonFile != null) {
                result.writeJson(jsonFile);
            }
            // As surge bench load: a run that completed exits 0; its errors are in the result.
            return 0;
        }
    }

    private Workload stream(long runSeed, int index, long idBase) {
        return Workloads.parse(workload, skus, runSeed, index, connections, idBase);
    }

    private static long nanos(double seconds) {
        return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }

    private void validate() {
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("--duration must be more than 0 seconds");
        }
        if (!(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("--warmup must be 0 or more seconds");
        }
        if (connections < 1 || connections > Workloads.MAX_STREAMS) {
            throw new IllegalArgumentException("--connections must be 1 to " + Workloads.MAX_STREAMS);
        }
        if (window < 1 || flushEvery < 1) {
            throw new IllegalArgumentException("--window and --flush-every must be at least 1");
        }
    }

    private Peer open(PeerKind kind) {
        final int serverPort = port != null ? port : kind.defaultPort();
        return switch (kind) {
            case REDIS -> new RedisPeer(host, serverPort, window, flushEvery);
            case POSTGRES -> new PostgresPeer(host, serverPort, database, user);
        };
    }
}
