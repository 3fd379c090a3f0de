package io.surge.engine.cli;

import io.surge.engine.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code surge} command line: {@code surge demo}, and the subcommands later issues add.
 * Exit codes: 0 success, 1 failure (with a one-line reason), 2 usage error.
 */
@Command(name = "surge", mixinStandardHelpOptions = true, version = "Surge 0.1.0",
    description = "A single-writer flash-sale order engine: no overselling, every outcome journaled.",
    subcommands = {DemoCommand.class, ServeCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "The ./surge launcher also runs:",
        "  replay  Operators' journal tools: dump, tail, stats, state, verify, what-if",
        "          (./surge replay --help)",
        "  bench   Benchmarks: jmh [REGEX], load --target URL ... (./surge bench --help)"})
public final class SurgeMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new SurgeMain());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("surge " + cmd.getCommandName() + ": " + describe(exception));
            return 1;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A failure in one line: the first message found along its causes. Shared by Surge's command lines. */
    public static String describe(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
