package io.surge.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text report of {@code stats}: aligned sections, money as decimals, ISO-8601 times. */
final class StatsTextReport {
    private StatsTextReport() {
    }

    static void print(StatsReport report, PrintWriter out) {
        final StatsCollector stats = report.stats;
        final StatsTimeline timeline = stats.timeline;
        out.println("Surge journal stats: " + report.dataDir);
        if (stats.entries == 0) {
            out.println("  no entries" + (report.from != null || report.to != null ? " in the range asked for" : ""));
            return;
        }
        final Table summary = new Table(null, null).left(0, 1);
        if (report.from != null || report.to != null) {
            summary.row("range", "--from " + (report.from == null ? "start" : report.from)
                + " --to " + (report.to == null ? "end" : report.to));
        }
        summary.row("entries", stats.firstSequence + ".." + stats.lastSequence + " (" + stats.entries + " entries, "
            + stats.events + " events)");
        summary.row("engine time", report.time(stats.firstTimeMs) + " .. " + report.time(stats.lastTimeMs)
            + " (" + Duration.ofMillis(stats.lastTimeMs - stats.firstTimeMs) + ")");
        summary.row("buckets", timeline.size() + " " + report.by.label() + "s, zone " + report.zone.getId());
        summary.print(out);

        section(out, "Commands by type");
        typeTable(report.commandsByType()).print(out);
        section(out, "Events by type");
        typeTable(report.eventsByType()).print(out);

        section(out, "Rejections by reason");
        final List<StatsReport.Rejections> rejections = report.rejections();
        if (rejections.isEmpty()) {
            out.println("  none");
        } else {
            final Table table = new Table("reason", "orders", "other commands").left(0);
            for (StatsReport.Rejections row : rejections) {
                table.row(row.reason(), row.orders(), row.commands());
            }
            table.print(out);
        }

        section(out, "Orders");
        final Table orders = new Table(null, null).left(0);
        orders.row("placed", stats.ordersPlaced);
        orders.row("reserved", stats.ordersReserved);
        orders.row("rejected", stats.ordersRejected);
        orders.row("paid", stats.ordersPaid);
        orders.row("cancelled", stats.ordersCancelled);
        orders.row("expired", stats.ordersExpired);
        orders.print(out);
        final Table rate = new Table(null, null).left(0, 1);
        rate.row("peak " + report.by.label(), peakText(report));
        if (report.firstOrderBucket >= 0) {
            rate.row("average", averageText(report));
        }
        rate.print(out);

        section(out, "GMV");
        final Table gmv = new Table(null, null).left(0);
        gmv.row("reserved", StatsReport.money(stats.gmvReservedCents));
        gmv.row("paid", StatsReport.money(stats.gmvPaidCents));
        gmv.row("cancelled", StatsReport.money(stats.gmvCancelledCents));
        gmv.row("expired", StatsReport.money(stats.gmvExpiredCents));
        gmv.print(out);

        topTable(out, report, stats.skus, true, StatsTotals.Rank.UNITS);
        topTable(out, report, stats.skus, true, StatsTotals.Rank.GMV);
        topTable(out, report, stats.merchants, false, StatsTotals.Rank.UNITS);
        topTable(out, report, stats.merchants, false, StatsTotals.Rank.GMV);

        section(out, "SKUs sold out: " + stats.soldOutCount + " (first sell-out of each, earliest first)");
        if (stats.soldOutCount > 0) {
            final Table soldOut = new Table("time", "sku", "merchant", "sequence").left(0);
            final int shown = Math.min(report.top, stats.soldOutCount);
            for (int i = 0; i < shown; i++) {
                soldOut.row(report.time(stats.soldOutAtMs[i]), stats.soldOutSku[i], stats.soldOutMerchant[i],
                    stats.soldOutSequence[i]);
            }
            soldOut.print(out);
            if (stats.soldOutCount > shown) {
                out.println("  ... and " + (stats.soldOutCount - shown) + " more (--top to list more)");
            }
        }

        section(out, "Orders per " + report.by.label() + " (" + report.by.label() + "s with orders)");
        final Table series = new Table(report.by.label(), "placed", "reserved", "rejected", "paid", "GMV reserved", "GMV paid")
            .left(0);
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.hasOrders(i)) {
                series.row(report.time(timeline.startMs(i)), timeline.placed(i), timeline.reserved(i), timeline.rejected(i),
                    timeline.paid(i), StatsReport.money(timeline.gmvReservedCents(i)), StatsReport.money(timeline.gmvPaidCents(i)));
            }
        }
        if (series.isEmpty()) {
            out.println("  none");
        } else {
            series.print(out);
        }
    }

    /** The busiest bucket: when, and what happened to its orders. */
    static String peakText(StatsReport report) {
        if (report.peak < 0) {
            return "none (no orders placed)";
        }
        final StatsTimeline timeline = report.stats.timeline;
        final int peak = report.peak;
        String text = report.time(timeline.startMs(peak)) + ": " + timeline.placed(peak) + " placed ("
            + timeline.reserved(peak) + " reserved, " + timeline.rejected(peak) + " rejected)";
        if (report.by != StatsCommand.Granularity.SECOND) {
            text += String.format(Locale.ROOT, ", %.1f orders/s", report.perSecond(timeline.placed(peak)));
        }
        return text;
    }

    /** Orders placed per second from the first bucket with orders to the last. */
    static String averageText(StatsReport report) {
        final long buckets = report.lastOrderBucket - report.firstOrderBucket + 1L;
        return String.format(Locale.ROOT, "%.1f orders/s over the %d %s%s from the first order to the last",
            report.averagePlacedPerSecond(), buckets, report.by.label(), buckets == 1 ? "" : "s");
    }

    static String topTitle(StatsReport report, StatsTotals totals, boolean skus, StatsTotals.Rank rank) {
        return "Top " + report.top + " " + (skus ? "SKUs" : "merchants") + " by " + (rank == StatsTotals.Rank.UNITS ? "units" : "GMV")
            + " paid (" + totals.active() + " with orders reserved or paid)";
    }

    private static void topTable(PrintWriter out, StatsReport report, StatsTotals totals, boolean skus, StatsTotals.Rank rank) {
        section(out, topTitle(report, totals, skus, rank));
        final int[] top = totals.top(report.top, rank);
        if (top.length == 0) {
            out.println("  none");
            return;
        }
        final Table table = skus
            ? new Table("#", "sku", "merchant", "units paid", "GMV paid", "units reserved", "GMV reserved")
            : new Table("#", "merchant", "units paid", "GMV paid", "units reserved", "GMV reserved");
        for (int rankIndex = 0; rankIndex < top.length; rankIndex++) {
            final int i = top[rankIndex];
            final List<Object> row = new ArrayList<>(List.of(rankIndex + 1, totals.key(i)));
            if (skus) {
                row.add(totals.owner(i));
            }
            row.addAll(List.of(totals.unitsPaid(i), StatsReport.money(totals.gmvPaidCents(i)),
                totals.unitsReserved(i), StatsReport.money(totals.gmvReservedCents(i))));
            table.row(row.toArray());
        }
        table.print(out);
    }

    private static Table typeTable(List<StatsReport.Count> counts) {
        long total = 0;
        for (StatsReport.Count count : counts) {
            total += count.count();
        }
        final Table table = new Table(null, null, null).left(0);
        for (StatsReport.Count count : counts) {
            table.row(count.name(), count.count(), String.format(Locale.ROOT, "%.1f%%", 100.0 * count.count() / total));
        }
        table.row("total", total, "");
        return table;
    }

    private static void section(PrintWriter out, String title) {
        out.println();
        out.println(title);
    }

    /** Columns padded to their widest cell; numbers right-aligned, chosen columns left-aligned. */
    static final class Table {
        private final String[] headers;
        private final boolean[] leftAligned;
        private final List<String[]> rows = new ArrayList<>();

        /** Headers, or all nulls for a table without a header line. */
        Table(String... headers) {
            this.headers = headers;
            this.leftAligned = new boolean[headers.length];
        }

        Table left(int... columns) {
            for (int column : columns) {
                leftAligned[column] = true;
            }
            return this;
        }

        void row(Object... cells) {
            final String[] row = new String[headers.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = String.valueOf(cells[i]);
            }
            rows.add(row);
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        void print(PrintWriter out) {
            final boolean headed = headers[0] != null;
            final int[] widths = new int[headers.length];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = headed ? headers[i].length() : 0;
                for (String[] row : rows) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            if (headed) {
                printRow(out, headers, widths);
            }
            for (String[] row : rows) {
                printRow(out, row, widths);
            }
        }

        private void printRow(PrintWriter out, String[] cells, int[] widths) {
            final StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < cells.length; i++) {
                final String pad = " ".repeat(widths[i] - cells[i].length());
                line.append(' ').append(leftAligned[i] ? cells[i] + pad : pad + cells[i]);
                if (i < cells.length - 1) {
                    line.append(' ');
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
