package io.surge.bench.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Surge, Redis and PostgreSQL side by side: orders/s per workload, the ratios Surge/Redis and
 * Surge/PostgreSQL, p99 latencies, and the targets met or missed, as plain text or
 * markdown. A run that failed shows as "failed" and counts as a missed target. Immutable.
 */
public final class ComparisonTable {
    /** Surge at least this many times Redis's orders/s. */
    public static final double REDIS_TARGET = 10;
    /** Surge at least this many times PostgreSQL's orders/s. */
    public static final double POSTGRES_TARGET = 100;
    /** Surge on hot-deep keeps at least this share of its uniform orders/s. */
    public static final double HOT_DEEP_TARGET = 0.95;

    static final String SURGE = "surge";
    static final String REDIS = "redis";
    static final String POSTGRES = "postgres";
    private static final String[] SYSTEMS = {SURGE, REDIS, POSTGRES};
    private static final Map<String, String> DISPLAY = Map.of(SURGE, "Surge", REDIS, "Redis", POSTGRES, "PostgreSQL");

    private final List<String> workloads;
    private final Set<String> systemsRun;
    private final Map<String, RunFigures> runs;
    private final String heading;

    /** A table for a run of all three systems. */
    public ComparisonTable(List<String> workloads, Map<String, RunFigures> runs, String heading) {
        this(workloads, Set.of(SYSTEMS), runs, heading);
    }

    /**
     * @param workloads  the rows, in order
     * @param systemsRun the systems that were meant to run ("surge", "redis", "postgres"); the others show as "not run"
     * @param runs       figures keyed by {@link #key(String, String)}; a missing key of a system that ran is a failed run
     * @param heading    the line above the table (what was run)
     */
    public ComparisonTable(List<String> workloads, Set<String> systemsRun, Map<String, RunFigures> runs, String heading) {
        this.workloads = List.copyOf(workloads);
        this.systemsRun = Set.copyOf(systemsRun);
        this.runs = Map.copyOf(runs);
        this.heading = heading;
    }

    /** The key of one run: {@code system + "-" + workload}, as in the result file names. */
    public static String key(String system, String workload) {
        return system + "-" + workload;
    }

    /** Surge's orders/s over {@code peer}'s on {@code workload}, if both ran. */
    public Optional<Double> ratio(String peer, String workload) {
        final RunFigures surge = runs.get(key(SURGE, workload));
        final RunFigures other = runs.get(key(peer, workload));
        if (surge == null || other == null || other.ordersPerSecond() <= 0) {
            return Optional.empty();
        }
        return Optional.of(surge.ordersPerSecond() / other.ordersPerSecond());
    }

    /** Surge's hot-deep orders/s as a share of its uniform orders/s, if both ran. */
    public Optional<Double> hotDeepShare() {
        final RunFigures uniform = runs.get(key(SURGE, "uniform"));
        final RunFigures hotDeep = runs.get(key(SURGE, "hot-deep"));
        if (uniform == null || hotDeep == null || uniform.ordersPerSecond() <= 0) {
            return Optional.empty();
        }
        return Optional.of(hotDeep.ordersPerSecond() / uniform.ordersPerSecond());
    }

    /** The table for a terminal. */
    public String toText() {
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"workload", "Surge", "Redis", "PostgreSQL", "Surge/Redis", "Surge/PostgreSQL"});
        for (String workload : workloads) {
            rows.add(throughputRow(workload));
        }
        final List<String[]> latency = new ArrayList<>();
        latency.add(new String[] {"p99 latency (us)", "Surge", "Redis", "PostgreSQL"});
        for (String workload : workloads) {
            latency.add(latencyRow(workload));
        }
        final StringBuilder text = new StringBuilder(heading).append('\n');
        text.append(align(rows)).append('\n').append(align(latency)).append('\n');
        for (String line : targetLines()) {
            text.append(line).append('\n');
        }
        for (String line : errorLines()) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    /** The table as markdown. */
    public String toMarkdown() {
        final StringBuilder text = new StringBuilder(heading).append("\n\n");
        text.append("| workload | Surge orders/s | Redis orders/s | PostgreSQL orders/s | Surge/Redis | Surge/PostgreSQL |\n");
        text.append("|---|---:|---:|---:|---:|---:|\n");
        for (String workload : workloads) {
            text.append("| ").append(String.join(" | ", throughputRow(workload))).append(" |\n");
        }
        text.append("\n| p99 latency (µs) | Surge | Redis | PostgreSQL |\n|---|---:|---:|---:|\n");
        for (String workload : workloads) {
            text.append("| ").append(String.join(" | ", latencyRow(workload))).append(" |\n");
        }
        text.append('\n');
        for (String line : targetLines()) {
            text.append("- ").append(line.trim()).append('\n');
        }
        for (String line : errorLines()) {
            text.append("- ").append(line.trim()).append('\n');
        }
        return text.toString();
    }

    /** Everything as a JSON-ready map: the runs, the ratios and the targets. */
    public Map<String, Object> toJsonMap() {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("heading", heading);
        final List<Map<String, Object>> rows = new ArrayList<>();
        for (String workload : workloads) {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("workload", workload);
            for (String system : SYSTEMS) {
                row.put(system, runs.get(key(system, workload)));
            }
            row.put("surgeOverRedis", ratio(REDIS, workload).orElse(null));
            row.put("surgeOverPostgres", ratio(POSTGRES, workload).orElse(null));
            rows.add(row);
        }
        json.put("rows", rows);
        json.put("surgeHotDeepShareOfUniform", hotDeepShare().orElse(null));
        json.put("targets", targetLines().stream().map(String::trim).toList());
        return json;
    }

    private String[] throughputRow(String workload) {
        return new String[] {workload, rate(SURGE, workload), rate(REDIS, workload), rate(POSTGRES, workload),
            times(ratio(REDIS, workload)), times(ratio(POSTGRES, workload))};
    }

    private String[] latencyRow(String workload) {
        return new String[] {workload, p99(SURGE, workload), p99(REDIS, workload), p99(POSTGRES, workload)};
    }

    private List<String> targetLines() {
        final List<String> lines = new ArrayList<>();
        lines.add("Target Surge >= " + number(REDIS_TARGET) + "x Redis: " + ratioVerdicts(REDIS, REDIS_TARGET));
        lines.add("Target Surge >= " + number(POSTGRES_TARGET) + "x PostgreSQL: " + ratioVerdicts(POSTGRES, POSTGRES_TARGET));
        if (workloads.contains("uniform") && workloads.contains("hot-deep")) {
            lines.add("Target Surge on hot-deep >= " + percent(HOT_DEEP_TARGET) + " of uniform: " + hotDeepShare()
                .map(share -> percent(share) + " " + verdict(share >= HOT_DEEP_TARGET))
                .orElse("not measured"));
        }
        return lines;
    }

    private String ratioVerdicts(String peer, double target) {
        final List<String> parts = new ArrayList<>();
        for (String workload : workloads) {
            parts.add(workload + " " + ratio(peer, workload).map(r -> times(Optional.of(r)) + " " + verdict(r >= target))
                .orElse("not measured"));
        }
        return String.join(", ", parts);
    }

    private List<String> errorLines() {
        final List<String> lines = new ArrayList<>();
        for (String workload : workloads) {
            for (String system : SYSTEMS) {
                final RunFigures figures = runs.get(key(system, workload));
                if (figures == null && systemsRun.contains(system)) {
                    lines.add(DISPLAY.get(system) + " " + workload + ": the run failed (see its log)");
                } else if (figures != null) {
                    if (figures.errors() > 0) {
                        lines.add(String.format(Locale.ROOT, "%s %s: %,d orders ended in errors (not counted as reserved or rejected)",
                            DISPLAY.get(system), workload, figures.errors()));
                    }
                    if (figures.rejected() > 0) {
                        // Every workload here has stock that never runs out: a rejection means a
                        // limit was hit, and rejecting is cheaper than reserving, so the rate flatters.
                        lines.add(String.format(Locale.ROOT, "%s %s: %,d orders rejected (the comparison expects none; "
                            + "its orders/s counts them, and a rejection costs less than a reservation)",
                            DISPLAY.get(system), workload, figures.rejected()));
                    }
                }
            }
        }
        return lines;
    }

    private String rate(String system, String workload) {
        final RunFigures figures = runs.get(key(system, workload));
        return figures == null ? missing(system) : String.format(Locale.ROOT, "%,.0f", figures.ordersPerSecond());
    }

    private String p99(String system, String workload) {
        final RunFigures figures = runs.get(key(system, workload));
        return figures == null ? missing(system) : String.format(Locale.ROOT, "%,d", figures.p99Micros());
    }

    private String missing(String system) {
        return systemsRun.contains(system) ? "failed" : "not run";
    }

    static String times(Optional<Double> ratio) {
        return ratio.map(r -> String.format(Locale.ROOT, r >= 100 ? "%.0fx" : "%.1fx", r)).orElse("-");
    }

    private static String verdict(boolean met) {
        return met ? "(met)" : "(MISSED)";
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    /** Left-aligns the first column, right-aligns the others. */
    static String align(List<String[]> rows) {
        final int columns = rows.get(0).length;
        final int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        final StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                text.append(c == 0 ? String.format("%-" + widths[c] + "s", row[c]) : String.format("  %" + widths[c] + "s", row[c]));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
