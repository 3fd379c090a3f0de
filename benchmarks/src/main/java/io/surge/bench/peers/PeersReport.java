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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Reads the result files of one run-peers run ({@code <system>-<workload>.json} in one folder),
 * prints the comparison table and writes it to {@code --out}: JSON when the name ends in
 * {@code .json}, markdown otherwise.
 */
@Command(name = "peers-report", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Prints Surge, Redis and PostgreSQL side by side from run-peers' result files.")
public final class PeersReport implements Callable<Integer> {
    @Option(names = "--results", required = true, paramLabel = "DIR", description = "Folder of <system>-<workload>.json files.")
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
        final Map<String, RunFigures> runs = new LinkedHashMap<>();
        for (String workload : rows) {
            for (String system : new String[] {ComparisonTable.SURGE, ComparisonTable.REDIS, ComparisonTable.POSTGRES}) {
                final Path file = resultsDir.resolve(ComparisonTable.key(system, workload) + ".json");
                if (Files.isRegularFile(file)) {
                    runs.put(ComparisonTable.key(system, workload), RunFigures.read(file));
                }
            }
        }
        final ComparisonTable table = new ComparisonTable(rows, Set.copyOf(parseList(systems, "--systems")), runs, heading);
        System.out.print(table.toText());
        for (String note : notes) {
            System.out.println(note);
        }
        if (outFile != null) {
            write(table);
        }
        return 0;
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

    private void write(ComparisonTable table) throws IOException {
        final Path folder = outFile.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        if (outFile.getFileName().toString().endsWith(".json")) {
            final Map<String, Object> json = table.toJsonMap();
            json.put("notes", notes);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outFile.toFile(), json);
        } else {
            final StringBuilder markdown = new StringBuilder(table.toMarkdown());
            if (!notes.isEmpty()) {
                markdown.append('\n');
                for (String note : notes) {
                    markdown.append(note).append("  \n");
                }
            }
            Files.writeString(outFile, markdown.toString());
        }
        System.out.println("written: " + outFile);
    }
}
