package io.surge.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run as one self-contained HTML file: the summary table and two inline-SVG charts,
 * throughput and latency per second. No scripts, no styles or fonts fetched: it opens offline.
 * Stateless.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    static String render(LoadResult result) {
        final List<SecondSample> seconds = result.seconds();
        final double[] sent = new double[seconds.size()];
        final double[] answered = new double[seconds.size()];
        final double[] p50 = new double[seconds.size()];
        final double[] p99 = new double[seconds.size()];
        final double[] p999 = new double[seconds.size()];
        final double[] max = new double[seconds.size()];
        for (int i = 0; i < seconds.size(); i++) {
            final SecondSample sample = seconds.get(i);
            sent[i] = sample.sent();
            answered[i] = sample.answered();
            p50[i] = sample.p50Micros();
            p99[i] = sample.p99Micros();
            p999[i] = sample.p999Micros();
            max[i] = sample.maxMicros();
        }
        final String throughput = new SvgChart("Throughput", "orders per second", false)
            .add("sent", sent).add("answered", answered).render();
        final String latency = new SvgChart("Latency of the orders answered in each second ("
            + (result.closedLoop() ? "from actual send" : "from intended send time") + ")", "microseconds (log)", true)
            .add("p50", p50).add("p99", p99).add("p99.9", p999).add("max", max).render();
        final ByteArrayOutputStream table = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(table, true, StandardCharsets.UTF_8)) {
            TextReport.print(result, out);
        }
        final String title = "Surge load: " + result.workload() + " against " + result.target();
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + SvgChart.escape(title) + "</title></head>\n"
            + "<body style=\"font-family:sans-serif;max-width:960px;margin:1em auto\">\n<h1 style=\"font-size:1.3em\">"
            + SvgChart.escape(title) + "</h1>\n<pre>" + SvgChart.escape(table.toString(StandardCharsets.UTF_8)) + "</pre>\n"
            + throughput + latency + "</body></html>\n";
    }

    public static void write(Path file, LoadResult result) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(result), StandardCharsets.UTF_8);
    }
}
