package io.surge.bench;

import io.surge.bench.load.LoadCommand;
import io.surge.engine.cli.SurgeMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code surge bench}: the launcher's entry point for benchmarks. {@code jmh} runs the JMH suite,
 * {@code load} the load generator. Exit codes: 0 success, 1 failure (one line on stderr), 2 usage
 * error (one line on stderr).
 */
@Command(name = "surge bench", mixinStandardHelpOptions = true, version = "Surge 0.1.0",
    description = "Benchmarks: the JMH suite and the load generator.",
    subcommands = {JmhCommand.class, LoadCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new BenchMain());
        commandLine.getSubcommands().get("jmh").setUnmatchedOptionsArePositionalParams(true);
        commandLine.setParameterExceptionHandler((exception, args) -> {
            final CommandLine failed = exception.getCommandLine();
            final PrintWriter err = failed.getErr();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + exception.getMessage() + " (see --help)");
            err.flush();
            return 2;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + SurgeMain.describe(exception));
            failed.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
