package io.surge.replay;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.EngineCounters;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.domain.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/**
 * {@code surge replay state}: the engine's state as of a point in the journal, rebuilt from the
 * newest snapshot at or before it plus the journal after that snapshot.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = {
        "Rebuilds the engine state as of a point in the journal.",
        "",
        "Starts from the newest snapshot at or before the point (damaged ones are",
        "skipped with a warning), then re-executes the journal entries after it.",
        "Prints the sequence and engine time reached, the counters of the SKUs asked",
        "for (or a summary of all SKUs and orders) and the state hash. Exit 1 when",
        "an entry it reads is damaged (entries a snapshot covers are not read: verify",
        "checks every entry)."},
    footer = {"", "Examples:",
        "  surge replay state --data data/demo",
        "  surge replay state --data data/demo --at 1500000 --sku 1 2 3",
        "  surge replay state --data data/demo --at 2026-11-11T00:05:00+08:00 --sku 42",
        "  surge replay state --data data/demo --at -10m --zone Asia/Shanghai"})
public final class StateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data directory (holds journal/ and snapshots/).")
    Path data;

    @Option(names = "--at", paramLabel = "SEQ|TIME",
        description = "Point to rebuild: a sequence number (state after that entry), an ISO-8601 time (without"
            + " offset in --zone) or a relative time such as -10m (state after the last entry at or before that engine"
            + " time). Default: the end.")
    String at;

    @Option(names = "--sku", arity = "1..*", split = ",", paramLabel = "N",
        description = "SKUs to show counters for (default: a summary of all SKUs).")
    long[] skus;

    @Option(names = "--zone", paramLabel = "ZONE",
        description = "Time zone for printed times and for an --at time without offset (default: this machine's).")
    String zone;

    @Override
    public Integer call() {
        final ZoneId zoneId = zone();
        final DataDir dataDir = DataDir.of(data);
        final Point point = at == null ? null : Point.parse(at, Instant.now(), zoneId);
        final StateRebuild.Result result = new StateRebuild(dataDir, point).run();
        final PrintWriter err = spec.commandLine().getErr();
        for (String skipped : result.skipped()) {
            err.println("surge replay state: warning: snapshot skipped: " + skipped);
        }
        err.flush();
        print(spec.commandLine().getOut(), result, zoneId);
        return ReplayMain.EXIT_OK;
    }

    private ZoneId zone() {
        try {
            return zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ReplayException("--zone " + zone + ": " + e.getMessage());
        }
    }

    private void print(PrintWriter out, StateRebuild.Result result, ZoneId zoneId) {
        final BusinessLogic logic = result.logic();
        out.printf(Locale.ROOT, "State at sequence %d, engine time %s%n", logic.appliedSequence(),
            result.engineTimeMs() == Long.MIN_VALUE ? "-" : Formats.time(result.engineTimeMs(), zoneId));
        final double replaySeconds = result.replayNanos() / 1e9;
        out.printf(Locale.ROOT, "  rebuilt from    %s, then %,d journal entries re-executed%n",
            result.snapshot() == null ? "the start of the journal"
                : result.snapshot().file().getFileName() + " (sequence " + result.snapshot().sequence() + ")",
            result.entriesReplayed());
        out.printf(Locale.ROOT, "  took            %.3f s opening the journal and loading the snapshot, %.3f s on the journal (%,.0f entries/s)%n",
            result.snapshotNanos() / 1e9, replaySeconds, result.entriesReplayed() / Math.max(replaySeconds, 1e-9));
        out.printf(Locale.ROOT, "  state hash      %016x%n", logic.stateHash());
        out.println();
        if (skus != null) {
            printSkus(out, logic);
        } else {
            printSummary(out, logic);
        }
        out.flush();
    }

    private void printSkus(PrintWriter out, BusinessLogic logic) {
        final String format = "%12s %10s %14s %12s %12s %12s%n";
        out.printf(Locale.ROOT, format, "sku", "merchant", "price", "available", "reserved", "sold");
        final CommandResult found = new CommandResult();
        for (long sku : skus) {
            logic.querySku(sku, found.reset());
            if (found.status() != Status.FOUND) {
                out.printf(Locale.ROOT, "%12d   unknown SKU%n", sku);
                continue;
            }
            out.printf(Locale.ROOT, format, sku, found.merchantId(), Formats.money(found.priceCents()),
                found.available(), found.reserved(), found.sold());
        }
    }

    private static void printSummary(PrintWriter out, BusinessLogic logic) {
        long available = 0;
        long reserved = 0;
        long sold = 0;
        for (int i = 0; i < logic.skuCount(); i++) {
            final long[] counters = logic.skuCounters(logic.skuIdAt(i));
            available += counters[0];
            reserved += counters[1];
            sold += counters[2];
        }
        final EngineCounters counters = logic.counters();
        out.printf(Locale.ROOT, "  SKUs            %,d (units available %,d, reserved %,d, sold %,d)%n",
            logic.skuCount(), available, reserved, sold);
        out.printf(Locale.ROOT, "  live orders     %,d%n", logic.liveOrderCount());
        out.printf(Locale.ROOT, "  orders          reserved %,d, rejected %,d, paid %,d, cancelled %,d, expired %,d%n",
            counters.ordersReserved(), counters.ordersRejected(), counters.ordersPaid(), counters.ordersCancelled(),
            counters.ordersExpired());
        final StringJoiner reasons = new StringJoiner(", ");
        for (RejectReason reason : RejectReason.values()) {
            if (counters.rejected(reason) > 0) {
                reasons.add(String.format(Locale.ROOT, "%s %,d", reason, counters.rejected(reason)));
            }
        }
        out.printf(Locale.ROOT, "  rejections      %s%n", reasons.length() == 0 ? "none" : reasons);
        out.printf(Locale.ROOT, "  GMV             reserved %s, paid %s%n",
            Formats.money(counters.gmvReservedCents()), Formats.money(counters.gmvPaidCents()));
        out.printf(Locale.ROOT, "  sold out        %,d time(s) a reservation took a SKU's last unit%n", counters.skusSoldOut());
        out.printf(Locale.ROOT, "  commands rejected %,d (payments, cancels and admin commands)%n", counters.commandsRejected());
    }
}
