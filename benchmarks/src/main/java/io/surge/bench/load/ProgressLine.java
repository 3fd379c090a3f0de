package io.surge.bench.load;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress of a run on stderr, once a second: one line rewritten in place ({@code \r}) on a
 * terminal, plain lines otherwise (logs, CI). Called from the thread that runs the load.
 */
public final class ProgressLine implements ProgressListener {
    private final PrintStream out;
    private final boolean terminal;
    private final long durationSeconds;
    private final String label;
    private int previousLength;

    public ProgressLine(PrintStream out, boolean terminal, long durationSeconds, String label) {
        this.out = out;
        this.label = label;
        this.terminal = terminal;
        this.durationSeconds = durationSeconds;
    }

    @Override
    public void second(SecondSample sample, Measurements.Counts totals) {
        final String line = String.format(Locale.ROOT,
            "%s %s  sent %s/s  answered %s/s  p99 %s µs  max %s µs  reserved %s  rejected %s  errors %s",
            label, sample.second() <= durationSeconds ? sample.second() + "/" + durationSeconds + " s" : "past the end", TextReport.number(sample.sent()), TextReport.number(sample.answered()),
            TextReport.number(sample.p99Micros()), TextReport.number(sample.maxMicros()), TextReport.number(totals.reserved()),
            TextReport.number(totals.rejected()), TextReport.number(totals.errors()));
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, previousLength - line.length())));
            previousLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void finished() {
        if (terminal && previousLength > 0) {
            out.println();
        }
    }
}
