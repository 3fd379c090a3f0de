package io.surge.bench.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the result files of one run-peers run ({@code <system>-<workload>.json} in one folder,
 * or {@code <system>-<workload>-<run>.json} when runs are repeated), prints the comparison table
 * of the median runs, with every repeated run's orders/s underneath, and writes it to
 * {@code --out}: JSON when the name ends in {@code .json}, markdown otherwise.
 */
@Command(name = "peers-report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Prints Surge, Redis and PostgreSQL side by side from run-peers' result files.")
public final class PeersReport implements Callable<Integer> {
    @Option(names = "--results", required = true, paramLabel = "DIR", description = "Folder of <system>-<workload>.json (or <system>-<workload>-<run>.json) files.")
    Path resultsDir;

    @Option(names = "--workloads", defaultValue = "uniform hot-deep", paramLabel = "\"W ...\"",
        description = "Workloads, space-separated (default: ${DEFAULT-VALUE}).")
    String workloads;

    @Option(names = "--systems", defaultValue = "surge redis postgres", paramLabel = "\"S ...\"",
        description = "The systems that were run; the others show as \"not run\" (default: ${DEFAULT-VALUE}).")
    String systems;

    @Option(names = "--heading", defaultValue = "Surge, Redis and PostgreSQL side by side (orders/s)", paramLabel = "TEXT",
        description = "The line above the table.")
    String heading;

    @Option(names = "--note", paramLabel = "TEXT", description = "A line under the table (repeatable).")
    List<String> notes = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the table: JSON for *.json, else markdown.")
    Path outFile;

    public static void main(String[] args) {
        final CommandLine commandLine = new CommandLine(new PeersReport());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("peers-report: " + e.getMessage());
            return 1;
        });
        System.exit(commandLine.execute(args));
    }

    @Override
    public Integer call() throws IOException {
        final List<String> rows = parseWorkloads(workloads);
        final Map<String, RunFigures> medians = new LinkedHashMap<>();
        final Map<String, List<Double>> repeatedRuns = new LinkedHashMap<>();
        for (String workload : rows) {
            for (String system : new String[] {ComparisonTable.SURGE, ComparisonTable.REDIS, ComparisonTable.POSTGRES}) {
                final String key = ComparisonTable.key(system, workload);
                final List<RunFigures> runs = new ArrayList<>();
                for (Path file : resultFiles(resultsDir, key)) {
                    runs.add(RunFigures.read(file));
                }
                if (!runs.isEmpty()) {
                    medians.put(key, median(runs));
                }
                if (runs.size() > 1) {
                    repeatedRuns.put(key, runs.stream().map(RunFigures::ordersPerSecond).toList());
                }
            }
        }
        final List<String> allNotes = new ArrayList<>();
        repeatedRuns.forEach((key, rates) -> allNotes.add("Runs of " + key + " (orders/s, in order; the table shows the median): "
            + rates.stream().map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).collect(Collectors.joining(" / "))));
        allNotes.addAll(notes);
        final ComparisonTable table = new ComparisonTable(rows, Set.copyOf(parseList(systems, "--systems")), medians, heading);
        System.out.print(table.toText());
        for (String note : allNotes) {
            System.out.println(note);
        }
        if (outFile != null) {
            write(table, allNotes, repeatedRuns);
        }
        return 0;
    }

    /**
     * The result files of one system and workload: {@code <key>.json} for a single run, or
     * {@code <key>-1.json}, {@code <key>-2.json} … when run-peers repeats runs, in run order (a
     * failed run leaves no file and is skipped).
     */
    static List<Path> resultFiles(Path folder, String key) throws IOException {
        final Path single = folder.resolve(key + ".json");
        if (Files.isRegularFile(single)) {
            return List.of(single);
        }
        final Pattern repeated = Pattern.compile(Pattern.quote(key) + "-(\\d{1,9})\\.json");
        final Map<Integer, Path> byRun = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(file -> {
                final Matcher match = repeated.matcher(file.getFileName().toString());
                if (match.matches() && Files.isRegularFile(file)) {
                    byRun.put(Integer.parseInt(match.group(1)), file);
                }
            });
        }
        return new ArrayList<>(byRun.values());
    }

    /**
     * The run with the median orders/s (of an even count, the lower of the two middle runs):
     * a whole run rather than averaged figures, so its latency and errors belong to its rate.
     */
    static RunFigures median(List<RunFigures> runs) {
        final List<RunFigures> sorted = runs.stream().sorted(Comparator.comparingDouble(RunFigures::ordersPerSecond)).toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    static List<String> parseWorkloads(String spaceSeparated) {
        return parseList(spaceSeparated, "--workloads");
    }

    private static List<String> parseList(String spaceSeparated, String option) {
        final List<String> list = Arrays.stream(spaceSeparated.trim().split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException(option + " names nothing");
        }
        return list;
    }

    private void write(ComparisonTable table, List<String> allNotes, Map<String, List<Double>> repeatedRuns) throws IOException {
        final Path folder = outFile.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        if (outFile.getFileName().toString().endsWith(".json")) {
            final Map<String, Object> json = table.toJsonMap();
            json.put("runs", repeatedRuns);
            json.put("notes", allNotes);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outFile.toFile(), json);
        } else {
            final StringBuilder markdown = new StringBuilder(table.toMarkdown());
            if (!allNotes.isEmpty()) {
                markdown.append('\n');
                for (String note : allNotes) {
                    markdown.append(note).append("  \n");
                }
            }
            Files.writeString(outFile, markdown.toString());
        }
        System.out.println("written: " + outFile);
    }
}
