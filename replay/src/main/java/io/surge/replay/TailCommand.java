package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code surge replay tail}: the last entries of a journal and, with {@code --follow}, new ones
 * as the engine writes them. Finding the last N reads the journal once, keeping only the
 * positions of the last N entries, then reads those again to print them. Following polls the
 * read-only tailer every {@value #POLL_INTERVAL_MS} ms until Ctrl-C, an interrupt or {@link #stop()}.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Prints the last entries of a journal (an entry is one command with the events it produced) and, with"
            + " --follow, new entries as the engine writes them. Works on the journal of a running engine.",
        "Formats as for dump: table (one row per entry), json (one object per entry and line), csv (one row"
            + " per message).",
        ""},
    footer = {
        "",
        "Examples:",
        "  # the last 10 entries",
        "  surge replay tail --data data",
        "  surge replay tail --data data -n 100 --zone +08:00",
        "  # new entries only, as JSON lines, until Ctrl-C",
        "  surge replay tail --data data -n 0 --follow --format json",
        "",
        "Exit codes: 0 done (or stopped), 1 the journal is damaged (the message",
        "names the sequence), 2 usage error (also a missing or unreadable folder)."})
public final class TailCommand implements Callable<Integer> {
    static final int DEFAULT_ENTRIES = 10;
    static final int MAX_ENTRIES = 1_000_000;
    static final long POLL_INTERVAL_MS = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The Surge data folder (holds journal/).")
    Path data;

    @Option(names = "-n", paramLabel = "N", description = "How many of the last entries to print (default 10, at most 1,000,000).")
    int entries = DEFAULT_ENTRIES;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new entries as they are written (stop with Ctrl-C).")
    boolean follow;

    @Mixin
    OutputOptions output = new OutputOptions();

    private volatile boolean stopped;

    /** Asks a following tail to finish (from any thread); it returns after its current poll. */
    public void stop() {
        stopped = true;
    }

    @Override
    public Integer call() {
        final DataDir dataDir = DataDir.of(data);
        if (entries < 0 || entries > MAX_ENTRIES) {
            throw new ReplayException("-n must be between 0 and " + MAX_ENTRIES + ", not " + entries);
        }
        try (JournalScan scan = new JournalScan(dataDir);
             EntryPrinter printer = output.printer(spec.commandLine().getOut())) {
            printLast(scan, printer);
            printer.flush();
            if (follow) {
                followUntilStopped(scan, printer);
            }
        }
        return ReplayMain.EXIT_OK;
    }

    /** Follows until stopped; Ctrl-C or SIGTERM stop it too, and that is a success (exit 0), as the help says. */
    private void followUntilStopped(JournalScan scan, EntryPrinter printer) {
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread onSignal = new Thread(() -> {
            stop();
            try {
                finished.await(2, TimeUnit.SECONDS); // the current poll ends and its entries are flushed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(ReplayMain.EXIT_OK);
        }, "tail-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            follow(scan, printer);
            printer.flush();
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook ends it with exit 0
        }
    }

    /**
     * Prints the last {@link #entries} entries, leaving the scan just after the last one. Starts
     * from the newest group and steps back group by group, so the time does not grow with the
     * journal's length.
     */
    private void printLast(JournalScan scan, EntryPrinter printer) {
        final long newestGroup = scan.lastPosition();
        if (newestGroup < 0) {
            return; // empty: a follow starts from the first entry
        }
        final long newestFirst = scan.firstSequenceAt(newestGroup);
        if (newestFirst < 1 || !scan.seek(newestGroup, newestFirst)) {
            throw new JournalProblemException(scan.expectedSequence(), newestGroup, "the newest group cannot be read");
        }
        scan.scan((buffer, offset, length, position) -> true);
        final long last = scan.expectedSequence() - 1;
        if (entries == 0) {
            return;
        }
        final long from = Math.max(1, last - entries + 1);
        long group = newestGroup;
        long first = newestFirst;
        while (first > from) {
            final long previous = scan.previousPosition(group);
            if (previous < 0) {
                break;
            }
            group = previous;
            first = scan.firstSequenceAt(group);
            if (first < 1) {
                throw new JournalProblemException(from, group, "a damaged entry lies among the last " + entries);
            }
        }
        if (!scan.seek(group, from)) {
            throw new JournalProblemException(from, group, "the entry read a moment ago cannot be found again");
        }
        final MessageDecoder decoder = new MessageDecoder();
        scan.scan((buffer, offset, length, position) -> {
            printer.print(decoder.decode(buffer, offset, position));
            return EntryHeader.sequence(buffer, offset) < last;
        });
    }

    /** Prints new entries as they come (the scan goes on where the last one stopped), until stopped. */
    private void follow(JournalScan scan, EntryPrinter printer) {
        final MessageDecoder decoder = new MessageDecoder();
        final long[] printed = {0};
        while (!stopped && !Thread.currentThread().isInterrupted() && !printer.outputClosed()) {
            final long before = printed[0];
            scan.scan((buffer, offset, length, position) -> {
                printer.print(decoder.decode(buffer, offset, position));
                printed[0]++;
                return !stopped;
            });
            if (printed[0] != before) {
                printer.flush();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_INTERVAL_MS));
        }
    }
}
