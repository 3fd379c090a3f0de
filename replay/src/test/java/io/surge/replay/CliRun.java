package io.surge.replay;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs {@code surge replay ...} in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        final StringWriter err = new StringWriter();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream previousOut = System.out;
        final int exit;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            final var commandLine = ReplayMain.commandLine();
            commandLine.setOut(new PrintWriter(capture, true));
            commandLine.setErr(new PrintWriter(err, true));
            exit = commandLine.execute(args);
        } finally {
            System.setOut(previousOut);
        }
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
