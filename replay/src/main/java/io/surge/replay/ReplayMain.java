package io.surge.replay;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code surge replay}: operators' tools for Surge journals. They read through the engine's own
 * codec and never modify or lock a journal. Exit codes: 0 success, 1 a problem found (by
 * {@code verify}) or a damaged journal, 2 usage error (including a missing or unreadable folder).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, version = "Surge replay 0.1.0",
    description = "Inspect, follow, verify, rebuild and re-run Surge journals.",
    subcommands = {DumpCommand.class, TailCommand.class, StatsCommand.class, StateCommand.class, VerifyCommand.class,
        WhatIfCommand.class, CommandLine.HelpCommand.class})
public final class ReplayMain implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_PROBLEM = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (tests run it in-process). */
    public static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new ReplayMain());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof ReplayException replay) {
                cmd.getErr().println("surge replay " + cmd.getCommandName() + ": " + replay.getMessage());
                return replay.exitCode();
            }
            if (exception instanceof JournalProblemException damaged) {
                cmd.getErr().println("surge replay " + cmd.getCommandName() + ": journal damaged at " + damaged.getMessage());
                return EXIT_PROBLEM;
            }
            cmd.getErr().println("surge replay " + cmd.getCommandName() + ": " + exception);
            return EXIT_PROBLEM;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
