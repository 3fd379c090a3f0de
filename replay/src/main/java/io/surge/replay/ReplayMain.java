package io.surge.replay;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.Callable;

/**
 * {@code surge replay}: operators' tools for Surge journals. They read through the engine's own
 * codec and never modify or lock a journal. Exit codes: 0 success, 1 a problem found (by
 * {@code verify}) or a damaged journal, 2 usage error (including a missing or unreadable folder).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, version = "Surge replay 0.1.0",
    description = "Inspect, follow, verify, rebuild and re-run Surge journals.",
    footer = {"", "Examples:",
        "  surge replay dump --data data/serve --order 1001",
        "  surge replay tail --data data/serve --follow",
        "  surge replay stats --data data/serve --html report.html",
        "  surge replay verify --data data/serve",
        "  surge replay help dump",
        "", "Exit codes: 0 success, 1 a problem found (verify) or a damaged journal, 2 usage error."},
    subcommands = {DumpCommand.class, TailCommand.class, StatsCommand.class, StateCommand.class, VerifyCommand.class,
        WhatIfCommand.class, CommandLine.HelpCommand.class})
public final class ReplayMain implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_PROBLEM = 1;
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exitCode;
        try {
            exitCode = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            // A journal of tens of millions of orders rebuilds a state of gigabytes, much of it off
            // the heap: say what to raise instead of a stack trace.
            System.err.println("surge replay: out of memory (" + e.getMessage() + "); give the JVM more, e.g."
                + " SURGE_JAVA_OPTS=\"-Xmx8g -XX:MaxDirectMemorySize=16g\"");
            exitCode = EXIT_PROBLEM;
        }
        System.exit(exitCode);
    }

    /** The configured command line (tests run it in-process). */
    public static CommandLine commandLine() {
        final CommandLine commandLine = new CommandLine(new ReplayMain());
        // A mistyped option gets one line and a pointer to the help, not the whole help.
        commandLine.setParameterExceptionHandler((problem, args) -> {
            final CommandLine cmd = problem.getCommandLine();
            cmd.getErr().println("surge replay " + cmd.getCommandName() + ": " + problem.getMessage());
            cmd.getErr().println("Try 'surge replay " + (cmd.getCommandName().equals("replay") ? "" : cmd.getCommandName() + " ")
                + "--help' for usage.");
            return EXIT_USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if (exception instanceof ReplayException replay) {
                cmd.getErr().println("surge replay " + cmd.getCommandName() + ": " + replay.getMessage());
                return replay.exitCode();
            }
            if (exception instanceof JournalProblemException damaged) {
                cmd.getErr().println("surge replay " + cmd.getCommandName() + ": journal damaged at " + damaged.getMessage());
                return EXIT_PROBLEM;
            }
            if (exception instanceof FileSystemException file) {
                // A path given on the command line that cannot be used as asked: a usage error.
                cmd.getErr().println("surge replay " + cmd.getCommandName() + ": " + describe(file));
                return EXIT_USAGE;
            }
            cmd.getErr().println("surge replay " + cmd.getCommandName() + ": " + exception.getClass().getSimpleName() + ": "
                + exception.getMessage());
            return EXIT_PROBLEM;
        });
        return commandLine;
    }

    static String describe(FileSystemException e) {
        final String what = e instanceof NoSuchFileException ? "no such file or folder"
            : e instanceof NotDirectoryException ? "not a folder"
            : e instanceof FileAlreadyExistsException ? "already exists"
            : e instanceof AccessDeniedException ? "permission denied"
            : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
        return e.getFile() + ": " + what;
    }

    /** No command: the usage, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("surge replay: a command is needed");
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }
}
