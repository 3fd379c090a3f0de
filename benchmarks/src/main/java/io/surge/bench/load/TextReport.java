package io.surge.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Prints a run's result as a table for people. Stateless. */
public final class TextReport {
    private TextReport() {
    }

    public static void print(LoadResult result, PrintStream out) {
        final String mode = result.closedLoop()
            ? "closed loop (--rate max), window " + result.window() + " per connection"
            : "paced, " + number(Math.round(result.offeredPerSecond())) + " orders/s offered";
        out.printf(Locale.ROOT, "Surge load: %s against %s, %d connection%s, %s, %s s%n", result.workload(), result.target(),
            result.connections(), result.connections() == 1 ? "" : "s", mode, trim(result.durationSeconds()));
        if (!result.closedLoop()) {
            row(out, "offered", number(Math.round(result.offeredPerSecond())) + " orders/s");
        }
        row(out, "achieved", number(Math.round(result.ordersPerSecond())) + " orders/s  (" + number(result.reserved()
            + result.rejected()) + " decided in " + String.format(Locale.ROOT, "%.2f", result.elapsedSeconds()) + " s)");
        row(out, "sent", number(result.sent()));
        row(out, "reserved", number(result.reserved()));
        row(out, "rejected", number(result.rejected()));
        for (Map.Entry<String, Long> reason : result.rejectionsByReason().entrySet()) {
            out.printf(Locale.ROOT, "    %-18s %14s%n", reason.getKey(), number(reason.getValue()));
        }
        row(out, "errors", number(result.errors()) + (result.firstError() != null ? "  (e.g. " + result.firstError() + ")" : ""));
        if (result.paid() + result.cancelled() + result.followUpsRejected() + result.followUpErrors() > 0) {
            row(out, "paid", number(result.paid()));
            row(out, "cancelled", number(result.cancelled()));
            row(out, "left to expire", number(result.leftToExpire()));
            if (result.followUpsRejected() + result.followUpErrors() > 0) {
                row(out, "follow-ups failed", number(result.followUpsRejected()) + " rejected, " + number(result.followUpErrors())
                    + " errors");
            }
        }
        final LoadResult.Latency latency = result.latency();
        out.printf(Locale.ROOT, "  latency in µs, from each order's %s to its answer:%n",
            result.closedLoop() ? "actual send" : "intended send time");
        out.printf(Locale.ROOT, "    %10s %10s %10s %10s %10s%n", "p50", "p90", "p99", "p99.9", "max");
        out.printf(Locale.ROOT, "    %10s %10s %10s %10s %10s%n", number(latency.p50Micros()), number(latency.p90Micros()),
            number(latency.p99Micros()), number(latency.p999Micros()), number(latency.maxMicros()));
    }

    private static void row(PrintStream out, String label, String value) {
        out.printf(Locale.ROOT, "  %-20s %14s%n", label, value);
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String trim(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }
}
