package io.surge.bench.load;

import io.surge.bench.workload.CatalogueSpec;
import io.surge.bench.workload.Workload;
import io.surge.bench.workload.Workloads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code surge bench load}: loads a workload's catalogue through the admin API, drives the target
 * (paced or closed loop), prints the table, writes the JSON and HTML reports. Runs on the calling
 * thread (plus a sender thread per connection and the network threads).
 */
@Command(name = "load", sortOptions = false, mixinStandardHelpOptions = true,
    description = {
        "Drives a running Surge server with orders and measures throughput and latency.",
        "",
        "Paced (--rate N, open loop): order k of a connection has an intended send time fixed in advance "
            + "(start + k / per-connection rate). Latency runs from that intended time to the answer, so when "
            + "the server (or the network, or this generator) stalls, every order that should have gone out "
            + "meanwhile carries the stall: no coordinated omission. Orders are sent late rather than skipped.",
        "",
        "--rate max (closed loop) finds the saturation throughput: each connection keeps up to --window "
            + "orders unanswered (HTTP: 1, no pipelining) and sends the next as soon as one is answered; "
            + "latency then runs from the actual send, and the achieved rate is the throughput at saturation.",
        "",
        "Before the run the catalogue the workload needs (SKUs 1,000,001 and up; singles-day: 2,000,001 and up) and its sale, if any, are "
            + "(re)defined through the admin HTTP API.",
        ""},
    footer = {"", "Workloads: " + Workloads.VALID + " (see benchmarks/README.md).",
        "Exit codes: 0 the run completed (errors are in the report), 1 the run could not start or finish, 2 usage error."})
public final class LoadCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "URL",
        description = "tcp://HOST:PORT (binary protocol) or http://HOST:PORT (HTTP/JSON API)")
    String target;

    @Option(names = "--rate", paramLabel = "N|max", defaultValue = "10000",
        description = "orders per second over all connections, or max for closed loop (default: ${DEFAULT-VALUE})")
    String rate;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "10",
        description = "seconds of orders (default: ${DEFAULT-VALUE})")
    double durationSeconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "0",
        description = "seconds of the same load before the measured run, not counted (JIT warm-up; default: ${DEFAULT-VALUE})")
    double warmupSeconds;

    @Option(names = "--connections", paramLabel = "C", defaultValue = "4",
        description = "connections, each with its own order stream and sender thread (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--workload", paramLabel = "W", defaultValue = "uniform",
        description = "uniform, zipf:S, flash, hot-deep or singles-day (default: ${DEFAULT-VALUE})")
    String workload;

    @Option(names = "--skus", paramLabel = "N", defaultValue = "10000",
        description = "catalogue size, " + Workloads.MIN_SKUS + " to " + Workloads.MAX_SKUS + " (default: ${DEFAULT-VALUE})")
    int skus;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the result as JSON")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "also write a self-contained HTML report with charts")
    Path html;

    @Option(names = "--admin", paramLabel = "URL",
        description = "the admin HTTP API (default: the target for http://, http://HOST:7480 for tcp://)")
    String admin;

    @Option(names = "--admin-token", paramLabel = "T",
        description = "bearer token for admin calls (needed unless the server has none and we call from loopback)")
    String adminToken;

    @Option(names = "--no-catalogue", description = "do not (re)load the catalogue: it is already there as the workload needs")
    boolean noCatalogue;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "workload seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--window", paramLabel = "N", defaultValue = "256",
        description = "--rate max over tcp: unanswered orders per connection at most (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "1",
        description = "network threads shared by the connections (default: ${DEFAULT-VALUE})")
    int ioThreads;

    @Option(names = "--drain", paramLabel = "S", defaultValue = "10",
        description = "seconds to wait for answers after the last order; later ones are errors (default: ${DEFAULT-VALUE})")
    int drainSeconds;

    @Override
    public Integer call() {
        final TargetAddress address = parseTarget();
        final double ratePerSecond = parseRate();
        final URI adminUri = parseAdmin(address);
        if (!(durationSeconds > 0 && durationSeconds <= 86_400)) {
            throw usage("--duration: must be more than 0 and at most 86400 seconds, not " + durationSeconds);
        }
        if (!(warmupSeconds >= 0 && warmupSeconds <= 3_600)) {
            throw usage("--warmup: must be 0 to 3600 seconds, not " + warmupSeconds);
        }
        if (connections < 1 || connections > Workloads.MAX_STREAMS) {
            throw usage("--connections: must be 1.." + Workloads.MAX_STREAMS + ", not " + connections);
        }
        if (window < 1) {
            throw usage("--window: must be at least 1, not " + window);
        }
        if (ioThreads < 1 || ioThreads > 64) {
            throw usage("--io-threads: must be 1..64, not " + ioThreads);
        }
        if (drainSeconds < 1) {
            throw usage("--drain: must be at least 1 second, not " + drainSeconds);
        }
        final CatalogueSpec catalogue = streams(0).get(0).catalogue();
        final PrintStream err = System.err;
        if (!noCatalogue) {
            err.printf(Locale.ROOT, "surge bench load: loading %s through %s ...%n", catalogue, adminUri);
            final long started = System.nanoTime();
            new CatalogueLoader(adminUri, adminToken).load(catalogue, System.currentTimeMillis() - 1_000);
            err.printf(Locale.ROOT, "surge bench load: catalogue loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        final RunPlan plan = new RunPlan(ratePerSecond, (long) (durationSeconds * 1e9), connections, window,
            TimeUnit.SECONDS.toNanos(drainSeconds), Math.max(TimeUnit.SECONDS.toNanos(10), (long) (durationSeconds * 1e9)));
        final boolean terminal = System.console() != null;
        if (warmupSeconds > 0) {
            final RunPlan warmup = new RunPlan(ratePerSecond, (long) (warmupSeconds * 1e9), connections, window,
                TimeUnit.SECONDS.toNanos(drainSeconds), plan.overrunNanos());
            try (Target opened = Target.open(address, ioThreads)) {
                final LoadResult warm = LoadRun.run(opened, address.toString(), streams(System.currentTimeMillis()), warmup,
                    new ProgressLine(err, terminal, (long) Math.ceil(warmupSeconds), "warm-up"));
                err.printf(Locale.ROOT, "surge bench load: warm-up done: %s orders/s, %s errors (not counted)%n",
                    TextReport.number(Math.round(warm.ordersPerSecond())), TextReport.number(warm.errors()));
            }
        }
        final long runStartMillis = System.currentTimeMillis();
        final LoadResult result;
        try (Target opened = Target.open(address, ioThreads)) {
            final ProgressLine progress = new ProgressLine(err, terminal, (long) Math.ceil(durationSeconds), "load");
            result = LoadRun.run(opened, address.toString(), streams(runStartMillis), plan, progress);
        }
        TextReport.print(result, System.out);
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("skus", skus);
        settings.put("seed", seed);
        settings.put("warmupSeconds", warmupSeconds);
        settings.put("idBase", Workloads.runIdBase(runStartMillis));
        settings.put("admin", noCatalogue ? null : adminUri.toString());
        try {
            if (json != null) {
                JsonReport.write(json, result, settings);
            }
            if (html != null) {
                HtmlReport.write(html, result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
        if (result.reserved() + result.rejected() == 0 && result.errors() > 0) {
            // Nothing was decided: not a measurement of anything, whatever the figures above say.
            throw new LoadException("every order ended in an error (" + result.firstError() + "): is --target the right"
                + " server and port?");
        }
        return 0;
    }

    /**
     * One workload stream per connection, with order ids from {@link Workloads#runIdBase} of
     * {@code startMillis} (0: a base of 1, only to read the catalogue).
     */
    private List<Workload> streams(long startMillis) {
        final long idBase = startMillis == 0 ? 1 : Workloads.runIdBase(startMillis);
        final List<Workload> streams = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            try {
                streams.add(Workloads.parse(workload, skus, seed, i, connections, idBase));
            } catch (IllegalArgumentException e) {
                throw usage((e.getMessage().startsWith("a catalogue") ? "--skus: " : "--workload: ") + e.getMessage());
            }
        }
        return streams;
    }

    private TargetAddress parseTarget() {
        try {
            return TargetAddress.parse(target);
        } catch (IllegalArgumentException e) {
            throw usage("--target: " + e.getMessage());
        }
    }

    /** Orders per second, or 0 for max. */
    private double parseRate() {
        if (rate.trim().equalsIgnoreCase("max")) {
            return 0;
        }
        try {
            final double value = Double.parseDouble(rate.trim());
            if (value > 0 && value <= 100_000_000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("--rate: must be orders per second (more than 0, at most 100000000) or max, not '" + rate + "'");
    }

    private URI parseAdmin(TargetAddress address) {
        if (admin == null) {
            return address.defaultAdmin();
        }
        try {
            final URI uri = new URI(admin.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw usage("--admin: expected http://HOST:PORT, not '" + admin + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw usage("--admin: expected http://HOST:PORT, not '" + admin + "'");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
