package io.surge.replay;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code surge replay stats}: what a journal holds, in one read-only pass. Events by type,
 * rejections by reason, orders per second (or minute) with the peak, GMV reserved and paid, the
 * top SKUs and merchants, and when each SKU sold out, as text on stdout; {@code --html} also
 * writes one self-contained HTML file with charts over time.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {
        "Summarises a journal: events, rejections, orders/s, GMV, top SKUs, sell-outs.",
        "Events by type, rejections by reason, orders per second (or minute) with the",
        "peak, GMV reserved and paid, the top SKUs and merchants by units and GMV, and",
        "when each SKU sold out. Reads the journal once and read-only (also while the",
        "engine is writing it). --html also writes one self-contained HTML report",
        "(charts of orders, rejections and GMV over time, and the tables) that needs no",
        "network to view."},
    footer = {"", "Times are engine times. FROM and TO: a sequence number, an ISO-8601 time",
        "(2026-11-11T00:00:05+08:00, or without offset in --zone) or a time relative",
        "to now (-10m, -30s, -2h, -1d). The text report ends with every second (or",
        "minute) in which orders were placed, paid or rejected.",
        "", "Examples:",
        "  surge replay stats --data data/demo",
        "  surge replay stats --data data/demo --by minute --top 20",
        "  surge replay stats --data data/demo --html target/stats.html",
        "  surge replay stats --data data/demo --from 1000000 --to 2000000",
        "  surge replay stats --data data/demo --zone Asia/Shanghai \\",
        "      --from 2026-11-11T00:00:00 --to 2026-11-11T00:10:00",
        "", "Exit codes: 0 done, 1 the journal is damaged, 2 usage error (bad option,",
        "missing folder)."})
public final class StatsCommand implements Callable<Integer> {
    static final int MAX_TOP = 10_000;

    /** Bucket sizes for the time series. */
    enum Granularity {
        SECOND(1_000), MINUTE(60_000);

        final long bucketMs;

        Granularity(long bucketMs) {
            this.bucketMs = bucketMs;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data directory (holds journal/).")
    Path dataDir;

    @Option(names = "--by", paramLabel = "second|minute", defaultValue = "second", converter = GranularityConverter.class,
        description = "Bucket size of the time series (default: ${DEFAULT-VALUE}).")
    Granularity by;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report to FILE.")
    Path htmlFile;

    @Option(names = "--from", paramLabel = "FROM", description = "Count entries from this point on (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "TO", description = "Count entries up to this point (inclusive).")
    String to;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
        description = "Rows in the top SKU and merchant tables and the sold-out list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--zone", paramLabel = "ZONE",
        description = "Time zone of printed times and of FROM/TO without offset (default: this machine's zone).")
    String zoneName;

    @Override
    public Integer call() {
        if (top < 1 || top > MAX_TOP) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be between 1 and " + MAX_TOP);
        }
        final ZoneId zone = zone();
        final Instant now = Instant.now();
        final Point fromPoint = from == null ? null : Point.parse(from, now, zone);
        final Point toPoint = to == null ? null : Point.parse(to, now, zone);
        Point.checkRange(fromPoint, toPoint, from, to);
        final DataDir data = DataDir.of(dataDir);
        checkWritable(htmlFile);

        final StatsCollector stats;
        try (JournalScan scan = new JournalScan(data)) {
            final Progress progress = new Progress("stats", scan.lastSequence());
            stats = new StatsCollector(by.bucketMs, fromPoint, toPoint, progress);
            try {
                scan.scan(stats);
            } finally {
                progress.finish();
            }
        }

        final StatsReport report = new StatsReport(stats, data.root().toString(), by, zone, top, from, to);
        final StringWriter text = new StringWriter(64 * 1024);
        StatsTextReport.print(report, new PrintWriter(text));
        final PrintWriter out = spec.commandLine().getOut();
        out.print(text);
        out.flush();
        if (htmlFile != null) {
            try {
                Files.writeString(htmlFile, StatsHtmlReport.render(report));
            } catch (IOException e) {
                throw new ReplayException(htmlFile + ": cannot write the HTML report: " + e.getMessage());
            }
            spec.commandLine().getErr().println("surge replay stats: HTML report written to " + htmlFile);
        }
        return ReplayMain.EXIT_OK;
    }

    private ZoneId zone() {
        try {
            return zoneName == null ? ZoneId.systemDefault() : ZoneId.of(zoneName);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--zone: unknown time zone '" + zoneName + "' (try UTC, +08:00 or Asia/Shanghai)");
        }
    }

    /** Fails before the scan, not after it, when the report could not be written. */
    private static void checkWritable(Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new ReplayException(file + ": is a directory (--html wants a file name)");
        }
        final Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new ReplayException(file + ": no such directory " + parent);
        }
        if (!Files.isWritable(parent) || Files.exists(file) && !Files.isWritable(file)) {
            throw new ReplayException(file + ": not writable");
        }
    }

    /** Accepts {@code second} and {@code minute} in any case. */
    static final class GranularityConverter implements CommandLine.ITypeConverter<Granularity> {
        @Override
        public Granularity convert(String value) {
            for (Granularity granularity : Granularity.values()) {
                if (granularity.label().equalsIgnoreCase(value.trim())) {
                    return granularity;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of second, minute");
        }
    }
}
