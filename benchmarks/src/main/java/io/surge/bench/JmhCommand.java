package io.surge.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code surge bench jmh [REGEX] [JMH options]}: runs the JMH suite ({@code io.surge.benchmarks.*})
 * in this JVM through {@code org.openjdk.jmh.Main}, which forks a JVM per trial with this JVM's
 * flags (so the Chronicle/Agrona flags the launcher passes reach the forks). Every argument goes to
 * JMH unchanged: {@code -h} lists JMH's options, {@code -l} the benchmarks.
 */
@Command(name = "jmh", description = {"Runs the JMH benchmarks (JMH prints its table at the end).",
    "Arguments go to JMH: a regex of benchmarks (e.g. PipelineBenchmark), -f/-wi/-i/-p..., -l to list, -h for JMH's help.",
    "See benchmarks/README.md for quick and full runs."})
public final class JmhCommand implements Callable<Integer> {
    @Parameters(paramLabel = "JMH-ARGS", description = "a benchmark regex and/or JMH options")
    List<String> arguments = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (arguments.contains("--help")) { // JMH knows only -h: show ours, then JMH's
            spec.commandLine().usage(System.out);
            System.out.println();
            org.openjdk.jmh.Main.main(new String[] {"-h"});
            return 0;
        }
        org.openjdk.jmh.Main.main(arguments.toArray(new String[0]));
        return 0;
    }
}
