package io.surge.replay;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr for long runs, redrawn in place at most five times a second. Silent
 * when there is no terminal (output piped or redirected), so scripts see only the results.
 */
public final class Progress {
    private static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDrawn;
    private boolean drawn;

    public Progress(String label, long total) {
        this(label, total, System.err, System.console() != null);
    }

    Progress(String label, long total, PrintStream err, boolean enabled) {
        this.label = label;
        this.total = total;
        this.err = err;
        this.enabled = enabled;
    }

    /** Cheap enough to call per entry: it only looks at the clock every 64K calls. */
    public void update(long done) {
        if (!enabled || (done & 0xFFFF) != 0) {
            return;
        }
        final long now = System.nanoTime();
        if (now - lastDrawn < INTERVAL_NANOS) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        final double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        final String rate = String.format(Locale.ROOT, "%,.0f/s", done / seconds);
        if (total > 0) {
            final int width = 30;
            final int filled = (int) Math.min(width, done * width / total);
            err.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %,d/%,d %s ", label, "#".repeat(filled), " ".repeat(width - filled),
                Math.min(100, done * 100 / total), done, total, rate);
        } else {
            err.printf(Locale.ROOT, "\r%s %,d %s ", label, done, rate);
        }
        err.flush();
    }

    /** Clears the bar so the next output starts on a clean line. */
    public void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(100) + "\r");
            err.flush();
        }
    }
}
