package io.surge.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;

/**
 * The HTML report of {@code stats}: one self-contained file (inline CSS, charts as inline SVG
 * drawn here, the charts' data as inline JSON, a few lines of inline script for hover read-outs).
 * It loads nothing from anywhere, so it opens offline and can be mailed around. Every text taken
 * from the journal or the command line is escaped.
 */
final class StatsHtmlReport {
    /** Charts plot at most this many points; longer series are averaged over consecutive buckets. */
    static final int MAX_POINTS = 3_600;
    /** The id of the inline JSON block holding the charts' data. */
    static final String DATA_ID = "surge-stats-data";

    private static final String[] PALETTE = {"#1f77b4", "#2ca02c", "#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int WIDTH = 960;
    private static final int HEIGHT = 280;
    private static final int LEFT = 80;
    private static final int RIGHT = 36;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;

    /** One line of a chart. */
    record Series(String name, String color, double[] values) {
    }

    /** One chart: its series share the time axis of the report. */
    record Chart(String id, String title, String unit, boolean money, List<Series> series) {
    }

    private StatsHtmlReport() {
    }

    static String render(StatsReport report) {
        final StatsCollector stats = report.stats;
        final StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<title>Surge journal stats: ").append(escape(report.dataDir)).append("</title>\n")
            .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
            .append("<h1>Surge journal stats</h1>\n<p class=\"meta\">").append(escape(report.dataDir));
        if (report.from != null || report.to != null) {
            html.append(" &middot; --from ").append(escape(report.from == null ? "start" : report.from))
                .append(" --to ").append(escape(report.to == null ? "end" : report.to));
        }
        html.append("</p>\n");
        if (stats.entries == 0) {
            html.append("<p>No entries").append(report.from != null || report.to != null ? " in the range asked for" : "")
                .append(".</p>\n</body>\n</html>\n");
            return html.toString();
        }
        summary(html, report);

        final Axis axis = Axis.of(report);
        final List<Chart> charts = charts(report, axis);
        for (Chart chart : charts) {
            svg(html, chart, axis, report);
        }

        tables(html, report);
        data(html, axis, charts, report);
        html.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    // ---- the charts ----

    /** The time axis of the charts: which buckets each point averages. */
    record Axis(int buckets, int step, int points, long[] startMs) {
        static Axis of(StatsReport report) {
            final StatsTimeline timeline = report.stats.timeline;
            final int buckets = timeline.size();
            final int step = Math.max(1, (buckets + MAX_POINTS - 1) / MAX_POINTS);
            final int points = (buckets + step - 1) / step;
            final long[] startMs = new long[points];
            for (int p = 0; p < points; p++) {
                startMs[p] = timeline.startMs(p * step);
            }
            return new Axis(buckets, step, points, startMs);
        }

        /** Per point, the mean of a per-bucket figure over the point's buckets. */
        double[] mean(IntToLongFunction perBucket, double scale) {
            final double[] values = new double[points];
            for (int p = 0; p < points; p++) {
                final int from = p * step;
                final int to = Math.min(buckets, from + step);
                long sum = 0;
                for (int b = from; b < to; b++) {
                    sum += perBucket.applyAsLong(b);
                }
                values[p] = sum * scale / (to - from);
            }
            return values;
        }
    }

    static List<Chart> charts(StatsReport report, Axis axis) {
        final StatsTimeline timeline = report.stats.timeline;
        final String per = "per " + report.by.label();
        final List<Chart> charts = new ArrayList<>();
        charts.add(new Chart("orders", "Orders " + per, "orders", false, List.of(
            new Series("placed", PALETTE[0], axis.mean(timeline::placed, 1)),
            new Series("reserved", PALETTE[1], axis.mean(timeline::reserved, 1)),
            new Series("rejected", PALETTE[2], axis.mean(timeline::rejected, 1)),
            new Series("paid", PALETTE[3], axis.mean(timeline::paid, 1)))));
        final List<Series> rejections = new ArrayList<>();
        for (StatsReport.Rejections reasons : report.rejections()) {
            if (reasons.orders() > 0) {
                final int code = reasons.code();
                rejections.add(new Series(reasons.reason(), PALETTE[(2 + rejections.size()) % PALETTE.length],
                    axis.mean(b -> timeline.rejected(b, code), 1)));
            }
        }
        charts.add(new Chart("rejections", "Rejected orders " + per + " by reason", "orders", false, rejections));
        charts.add(new Chart("gmv", "GMV " + per, "GMV", true, List.of(
            new Series("reserved", PALETTE[1], axis.mean(timeline::gmvReservedCents, 0.01)),
            new Series("paid", PALETTE[3], axis.mean(timeline::gmvPaidCents, 0.01)))));
        return charts;
    }

    private static void svg(StringBuilder html, Chart chart, Axis axis, StatsReport report) {
        html.append("<section class=\"chart\">\n<h2>").append(escape(chart.title())).append("</h2>\n");
        double max = 0;
        for (Series series : chart.series()) {
            for (double value : series.values()) {
                max = Math.max(max, value);
            }
        }
        final double tick = niceTick(max);
        final int ticks = max <= 0 ? 1 : (int) Math.ceil(max / tick - 1e-9);
        final double top = ticks * tick;
        final int plotHeight = HEIGHT - TOP - BOTTOM;
        html.append("<svg id=\"chart-").append(chart.id()).append("\" data-chart=\"").append(chart.id())
            .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" role=\"img\" aria-label=\"").append(escape(chart.title())).append("\">\n");
        for (int i = 0; i <= ticks; i++) {
            final double y = y(i * tick, top);
            html.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(coordinate(y)).append("\" y2=\"").append(coordinate(y)).append("\"/>")
                .append("<text class=\"y\" x=\"").append(LEFT - 6).append("\" y=\"").append(coordinate(y + 4)).append("\">")
                .append(escape(axisNumber(i * tick))).append("</text>\n");
        }
        final int labels = Math.min(6, axis.points());
        final DateTimeFormatter format = DateTimeFormatter.ofPattern(
            axis.startMs()[axis.points() - 1] - axis.startMs()[0] >= 86_400_000L ? "MM-dd HH:mm" : "HH:mm:ss", Locale.ROOT);
        for (int label = 0; label < labels; label++) {
            final int point = labels == 1 ? 0 : (int) Math.round((axis.points() - 1) * (double) label / (labels - 1));
            html.append("<text class=\"x\" x=\"").append(coordinate(x(point, axis.points()))).append("\" y=\"")
                .append(HEIGHT - BOTTOM + 18).append("\">")
                .append(escape(format.format(Instant.ofEpochMilli(axis.startMs()[point]).atZone(report.zone))))
                .append("</text>\n");
        }
        for (Series series : chart.series()) {
            final double[] values = series.values();
            if (values.length == 1) {
                html.append("<circle cx=\"").append(coordinate(x(0, 1))).append("\" cy=\"")
                    .append(coordinate(y(values[0], top))).append("\" r=\"3\" fill=\"").append(series.color()).append("\"/>\n");
                continue;
            }
            html.append("<polyline class=\"line\" stroke=\"").append(series.color()).append("\" points=\"");
            for (int p = 0; p < values.length; p++) {
                decimal(html, x(p, values.length), 1).append(',');
                decimal(html, y(values[p], top), 1).append(' ');
            }
            html.setLength(html.length() - 1);
            html.append("\"><title>").append(escape(series.name())).append("</title></polyline>\n");
        }
        html.append("<line class=\"cursor\" x1=\"0\" x2=\"0\" y1=\"").append(TOP).append("\" y2=\"").append(TOP + plotHeight)
            .append("\" visibility=\"hidden\"/>\n</svg>\n<div class=\"legend\">");
        for (Series series : chart.series()) {
            html.append("<span><i style=\"background:").append(series.color()).append("\"></i>").append(escape(series.name()))
                .append("</span>");
        }
        if (chart.series().isEmpty()) {
            html.append("<span>none</span>");
        }
        html.append("</div>\n<p class=\"caption\">").append(escape(caption(chart, axis, report)))
            .append("</p>\n<p class=\"readout\" id=\"readout-").append(chart.id()).append("\">&nbsp;</p>\n</section>\n");
    }

    private static String caption(Chart chart, Axis axis, StatsReport report) {
        final String bucket = report.by.label();
        String caption = (chart.money() ? "GMV (decimal)" : "Orders") + " per " + bucket + " of engine time, zone "
            + report.zone.getId() + ", from " + report.time(axis.startMs()[0]) + " (" + axis.buckets() + " " + bucket + "s)";
        if (axis.step() > 1) {
            caption += "; each point is the mean of " + axis.step() + " " + bucket + "s";
        }
        return caption + ".";
    }

    private static double x(int point, int points) {
        final int plotWidth = WIDTH - LEFT - RIGHT;
        return points <= 1 ? LEFT + plotWidth / 2.0 : LEFT + plotWidth * (double) point / (points - 1);
    }

    private static double y(double value, double top) {
        final int plotHeight = HEIGHT - TOP - BOTTOM;
        return TOP + plotHeight - (top == 0 ? 0 : plotHeight * value / top);
    }

    /** A gridline step of 1, 2 or 5 times a power of ten that splits {@code max} into at most five steps. */
    static double niceTick(double max) {
        if (max <= 0) {
            return 1;
        }
        final double magnitude = Math.pow(10, Math.floor(Math.log10(max / 5)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * magnitude * 5 >= max) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String axisNumber(double value) {
        if (value >= 1e9) {
            return trim(value / 1e9) + "G";
        }
        if (value >= 1e6) {
            return trim(value / 1e6) + "M";
        }
        if (value >= 1e4) {
            return trim(value / 1e3) + "k";
        }
        return trim(value);
    }

    /** A non-negative number with at most two decimals, trailing zeros dropped: 3, 2.5, 0.25. */
    static String trim(double value) {
        return decimal(new StringBuilder(12), value, 2).toString();
    }

    /** An SVG coordinate with one decimal. */
    private static String coordinate(double value) {
        return decimal(new StringBuilder(8), value, 1).toString();
    }

    /**
     * Appends {@code value} rounded to {@code decimals} places, without trailing zeros. Written out
     * by hand because a chart has tens of thousands of numbers and String.format is slow.
     */
    static StringBuilder decimal(StringBuilder out, double value, int decimals) {
        final long scale = decimals == 1 ? 10 : 100;
        final long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale);
        long fraction = scaled % scale;
        if (fraction != 0) {
            out.append('.');
            if (decimals == 2) {
                out.append(fraction / 10);
                fraction %= 10;
            }
            if (fraction != 0) {
                out.append(fraction);
            }
        }
        return out;
    }

    // ---- the tables ----

    private static void summary(StringBuilder html, StatsReport report) {
        final StatsCollector stats = report.stats;
        html.append("<div class=\"cards\">\n");
        card(html, "orders placed", Long.toString(stats.ordersPlaced));
        card(html, "reserved", Long.toString(stats.ordersReserved));
        card(html, "rejected", Long.toString(stats.ordersRejected));
        card(html, "paid", Long.toString(stats.ordersPaid));
        card(html, "GMV reserved", StatsReport.money(stats.gmvReservedCents));
        card(html, "GMV paid", StatsReport.money(stats.gmvPaidCents));
        card(html, "SKUs sold out", Long.toString(stats.soldOutCount));
        html.append("</div>\n");
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"entries", stats.firstSequence + ".." + stats.lastSequence + " (" + stats.entries + " entries, "
            + stats.events + " events)"});
        rows.add(new String[] {"engine time", report.time(stats.firstTimeMs) + " .. " + report.time(stats.lastTimeMs) + " ("
            + Duration.ofMillis(stats.lastTimeMs - stats.firstTimeMs) + ")"});
        rows.add(new String[] {"peak " + report.by.label(), StatsTextReport.peakText(report)});
        if (report.firstOrderBucket >= 0) {
            rows.add(new String[] {"average", StatsTextReport.averageText(report)});
        }
        rows.add(new String[] {"cancelled", stats.ordersCancelled + " orders, GMV " + StatsReport.money(stats.gmvCancelledCents)});
        rows.add(new String[] {"expired", stats.ordersExpired + " orders, GMV " + StatsReport.money(stats.gmvExpiredCents)});
        table(html, null, new String[] {"", ""}, rows, "facts");
    }

    private static void card(StringBuilder html, String label, String value) {
        html.append("<div class=\"card\"><div class=\"value\">").append(escape(value)).append("</div><div class=\"label\">")
            .append(escape(label)).append("</div></div>\n");
    }

    private static void tables(StringBuilder html, StatsReport report) {
        final StatsCollector stats = report.stats;
        html.append("<div class=\"columns\">\n");
        countTable(html, "Commands by type", report.commandsByType());
        countTable(html, "Events by type", report.eventsByType());
        final List<String[]> rejections = new ArrayList<>();
        for (StatsReport.Rejections row : report.rejections()) {
            rejections.add(new String[] {row.reason(), Long.toString(row.orders()), Long.toString(row.commands())});
        }
        table(html, "Rejections by reason", new String[] {"reason", "orders", "other commands"}, rejections, null);
        html.append("</div>\n<div class=\"columns\">\n");
        topTable(html, report, stats.skus, true, StatsTotals.Rank.UNITS);
        topTable(html, report, stats.skus, true, StatsTotals.Rank.GMV);
        html.append("</div>\n<div class=\"columns\">\n");
        topTable(html, report, stats.merchants, false, StatsTotals.Rank.UNITS);
        topTable(html, report, stats.merchants, false, StatsTotals.Rank.GMV);
        html.append("</div>\n");
        final List<String[]> soldOut = new ArrayList<>();
        final int shown = Math.min(report.top, stats.soldOutCount);
        for (int i = 0; i < shown; i++) {
            soldOut.add(new String[] {report.time(stats.soldOutAtMs[i]), Long.toString(stats.soldOutSku[i]),
                Long.toString(stats.soldOutMerchant[i]), Long.toString(stats.soldOutSequence[i])});
        }
        table(html, "SKUs sold out: " + stats.soldOutCount + " (first sell-out of each, earliest first)",
            new String[] {"time", "sku", "merchant", "sequence"}, soldOut, null);
        if (stats.soldOutCount > shown) {
            html.append("<p class=\"caption\">&hellip; and ").append(stats.soldOutCount - shown).append(" more.</p>\n");
        }
    }

    private static void countTable(StringBuilder html, String title, List<StatsReport.Count> counts) {
        final List<String[]> rows = new ArrayList<>();
        for (StatsReport.Count count : counts) {
            rows.add(new String[] {count.name(), Long.toString(count.count())});
        }
        table(html, title, new String[] {"type", "count"}, rows, null);
    }

    private static void topTable(StringBuilder html, StatsReport report, StatsTotals totals, boolean skus, StatsTotals.Rank rank) {
        final List<String[]> rows = new ArrayList<>();
        final int[] top = totals.top(report.top, rank);
        for (int r = 0; r < top.length; r++) {
            final int i = top[r];
            final List<String> row = new ArrayList<>(List.of(Integer.toString(r + 1), Long.toString(totals.key(i))));
            if (skus) {
                row.add(Long.toString(totals.owner(i)));
            }
            row.addAll(List.of(Long.toString(totals.unitsPaid(i)), StatsReport.money(totals.gmvPaidCents(i)),
                Long.toString(totals.unitsReserved(i)), StatsReport.money(totals.gmvReservedCents(i))));
            rows.add(row.toArray(new String[0]));
        }
        final String[] headers = skus
            ? new String[] {"#", "sku", "merchant", "units paid", "GMV paid", "units reserved", "GMV reserved"}
            : new String[] {"#", "merchant", "units paid", "GMV paid", "units reserved", "GMV reserved"};
        table(html, StatsTextReport.topTitle(report, totals, skus, rank), headers, rows, null);
    }

    private static void table(StringBuilder html, String title, String[] headers, List<String[]> rows, String cssClass) {
        html.append("<section class=\"table\">\n");
        if (title != null) {
            html.append("<h2>").append(escape(title)).append("</h2>\n");
        }
        if (rows.isEmpty()) {
            html.append("<p>none</p>\n</section>\n");
            return;
        }
        html.append("<table").append(cssClass == null ? "" : " class=\"" + cssClass + "\"").append(">\n");
        if (!String.join("", headers).isEmpty()) {
            html.append("<tr>");
            for (String header : headers) {
                html.append("<th>").append(escape(header)).append("</th>");
            }
            html.append("</tr>\n");
        }
        for (String[] row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append(isNumber(cell) ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static boolean isNumber(String cell) {
        return !cell.isEmpty() && cell.matches("-?[0-9]+(\\.[0-9]+)?");
    }

    // ---- the charts' data, for the hover read-outs (and for anyone who wants the numbers) ----

    private static void data(StringBuilder html, Axis axis, List<Chart> charts, StatsReport report) {
        final StringBuilder json = new StringBuilder(axis.points() * 64);
        json.append("{\"bucket\":").append(jsonString(report.by.label()))
            .append(",\"bucketMs\":").append(report.by.bucketMs)
            .append(",\"step\":").append(axis.step())
            .append(",\"zone\":").append(jsonString(report.zone.getId()))
            .append(",\"time\":[");
        for (int p = 0; p < axis.points(); p++) {
            json.append(p == 0 ? "" : ",").append(jsonString(report.time(axis.startMs()[p])));
        }
        json.append("],\"charts\":[");
        for (int c = 0; c < charts.size(); c++) {
            final Chart chart = charts.get(c);
            json.append(c == 0 ? "" : ",").append("{\"id\":").append(jsonString(chart.id()))
                .append(",\"money\":").append(chart.money()).append(",\"series\":[");
            for (int s = 0; s < chart.series().size(); s++) {
                final Series series = chart.series().get(s);
                json.append(s == 0 ? "" : ",").append("{\"name\":").append(jsonString(series.name())).append(",\"values\":[");
                for (int p = 0; p < series.values().length; p++) {
                    decimal(json.append(p == 0 ? "" : ","), series.values()[p], 2);
                }
                json.append("]}");
            }
            json.append("]}");
        }
        json.append("]}");
        html.append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">").append(json).append("</script>\n");
    }

    /** A JSON string literal that is also safe inside a script element ({@code <} escaped). */
    static String jsonString(String text) {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Text made safe for HTML element content and attribute values. */
    static String escape(String text) {
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
               color: #222; background: #fafafa; margin: 24px auto; max-width: 1040px; padding: 0 16px; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h2 { font-size: 15px; margin: 20px 0 6px; }
        .meta, .caption { color: #666; font-size: 12px; margin: 2px 0; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 14px 0; }
        .card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; min-width: 110px; }
        .card .value { font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .card .label { color: #666; font-size: 12px; }
        section.chart { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 4px 14px 8px; margin: 14px 0; }
        svg { width: 100%; height: auto; display: block; }
        svg .grid { stroke: #e4e4e4; stroke-width: 1; }
        svg .line { fill: none; stroke-width: 1.6; stroke-linejoin: round; }
        svg .cursor { stroke: #888; stroke-dasharray: 3 3; }
        svg text { font-size: 11px; fill: #555; }
        svg text.y { text-anchor: end; }
        svg text.x { text-anchor: middle; }
        .legend span { margin-right: 14px; font-size: 12px; }
        .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
        .readout { font-size: 12px; font-variant-numeric: tabular-nums; min-height: 1.4em; margin: 2px 0; }
        .columns { display: flex; flex-wrap: wrap; gap: 0 28px; align-items: flex-start; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; background: #fff; }
        th, td { padding: 3px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; white-space: nowrap; }
        th { background: #f0f0f0; font-weight: 600; }
        td.n { text-align: right; }
        table.facts td:first-child { color: #666; }
        """;

    /** Hover read-outs: the values of every series at the point under the pointer. */
    private static final String SCRIPT = """
        (function () {
          var data = JSON.parse(document.getElementById('%s').textContent);
          var left = %d, width = %d;
          data.charts.forEach(function (chart) {
            var svg = document.getElementById('chart-' + chart.id);
            var readout = document.getElementById('readout-' + chart.id);
            var cursor = svg.querySelector('.cursor');
            var points = data.time.length;
            svg.addEventListener('mousemove', function (event) {
              var pt = svg.createSVGPoint();
              pt.x = event.clientX; pt.y = event.clientY;
              var x = pt.matrixTransform(svg.getScreenCTM().inverse()).x;
              var i = points <= 1 ? 0 : Math.round((x - left) / width * (points - 1));
              i = Math.max(0, Math.min(points - 1, i));
              var cx = points <= 1 ? left + width / 2 : left + width * i / (points - 1);
              cursor.setAttribute('x1', cx); cursor.setAttribute('x2', cx);
              cursor.setAttribute('visibility', 'visible');
              var parts = [data.time[i]];
              chart.series.forEach(function (series) {
                var v = series.values[i];
                parts.push(series.name + ' ' + (chart.money ? v.toFixed(2) : (Math.round(v * 100) / 100)));
              });
              readout.textContent = parts.join('   ');
            });
            svg.addEventListener('mouseleave', function () {
              cursor.setAttribute('visibility', 'hidden');
              readout.textContent = '\\u00a0';
            });
          });
        })();
        """.formatted(DATA_ID, LEFT, WIDTH - LEFT - RIGHT);
}
