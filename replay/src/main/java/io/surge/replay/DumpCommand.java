package io.surge.replay;

import io.surge.engine.codec.EntryHeader;
import org.agrona.collections.LongArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code surge replay dump}: prints the journal's entries (a command with the events it
 * produced), optionally a range of them and only those matching filters. Streams: each entry is
 * decoded once, when it is in range, and printed at once. {@code --reverse} reads the journal
 * twice, first marking a place every {@value #REVERSE_CHUNK_ENTRIES} entries, then reading those
 * chunks from the last to the first, so memory stays bounded with or without {@code --limit}.
 */
@Command(name = "dump", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Prints journal entries. An entry is one command with the events it produced.",
        "table: one row per entry (SEQ TIME COMMAND ORDER CUSTOMER AMOUNT DETAILS); AMOUNT is the sum of the"
            + " entry's order totals; DETAILS the command's other fields, then -> and its events.",
        "json: one JSON object per entry and line: sequence, time (ISO-8601), timeMs, command {type, fields},"
            + " events [{type, fields}]; fields keep their journal names (money in cents: totalCents; times in"
            + " epoch ms: expiresAtMs).",
        "csv: a header row, then one row per message (the command, then its events), columns: "
            + "sequence,time,timeMs,kind,type,orderId,customerId,sku,merchantId,amount,reason,lines,detail.",
        "Filters select whole entries: an entry is printed when every filter given matches some message of it.",
        ""},
    footer = {
        "",
        "Examples:",
        "  surge replay dump --data data --limit 20",
        "  # what happened to order 1042",
        "  surge replay dump --data data --order 1042",
        "  # when SKU 7 sold out",
        "  surge replay dump --data data --sku 7 --type SkuSoldOut",
        "  # rejections for lack of stock in the first five minutes of 11.11 in Beijing",
        "  surge replay dump --data data --reason OUT_OF_STOCK --zone Asia/Shanghai \\",
        "      --from 2026-11-11T00:00 --to 2026-11-11T00:05",
        "  # the last 50 entries of the past ten minutes, newest first, in UTC+8",
        "  surge replay dump --data data --from=-10m --reverse --limit 50 --zone +08:00",
        "  surge replay dump --data data --from 1000000 --to 1000100 --format json",
        "  surge replay dump --data data --merchant 3 --format csv > merchant-3.csv",
        "",
        "Exit codes: 0 done, 1 the journal is damaged (the message names the",
        "sequence), 2 usage error (also a missing or unreadable folder)."})
public final class DumpCommand implements Callable<Integer> {
    static final int REVERSE_CHUNK_ENTRIES = 4096;
    private static final long REVERSE_CHUNK_BYTES = 4 << 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "The Surge data folder (holds journal/).")
    Path data;

    @Option(names = "--from", paramLabel = "SEQ|TIME",
        description = "First entry: a sequence, an ISO-8601 time (2026-11-11T00:00:00+08:00, or without offset in"
            + " --zone) or a time relative to now (-10m, -30s, -2h, -1d; write --from=-10m).")
    String from;

    @Option(names = "--to", paramLabel = "SEQ|TIME", description = "Last entry (inclusive), as for --from.")
    String to;

    @Option(names = "--type", paramLabel = "T", arity = "1..*", split = ",",
        description = "Only entries whose command or one of whose events has one of these types (case-insensitive;"
            + " repeat or separate with commas), e.g. PlaceOrder, OrderRejected, SkuSoldOut.")
    List<String> types;

    @Option(names = "--order", paramLabel = "N", description = "Only entries with a message carrying this order id.")
    Long orderId;

    @Option(names = "--customer", paramLabel = "N",
        description = "Only entries with a message carrying this customer id (PlaceOrder, FulfilmentRequested).")
    Long customerId;

    @Option(names = "--sku", paramLabel = "N",
        description = "Only entries with a message naming this SKU (order lines count).")
    Long sku;

    @Option(names = "--merchant", paramLabel = "N",
        description = "Only entries with a message carrying this merchant id, or naming a SKU of this merchant"
            + " (as defined by the journal's SkuDefined events before it).")
    Long merchantId;

    @Option(names = "--reason", paramLabel = "R",
        description = "Only entries with a rejection for this reason (OrderRejected, CommandRejected), e.g. OUT_OF_STOCK.")
    String reason;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after printing N entries.")
    Long limit;

    @Option(names = "--reverse",
        description = "Newest first (reads the journal twice; memory stays bounded, so no --limit is needed).")
    boolean reverse;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** Entries per chunk when reading backwards (tests make it small to cross chunks). */
    @Option(names = "--reverse-chunk", hidden = true)
    int reverseChunkEntries = REVERSE_CHUNK_ENTRIES;

    @Override
    public Integer call() {
        final DataDir dataDir = DataDir.of(data);
        final Instant now = Instant.now();
        final Point fromPoint = from == null ? null : Point.parse(from, now, output.zoneId());
        final Point toPoint = to == null ? null : Point.parse(to, now, output.zoneId());
        Point.checkRange(fromPoint, toPoint, from, to);
        final EntrySelection selection = new EntrySelection(fromPoint, toPoint, types, orderId, customerId, sku, merchantId,
            reason);
        if (limit != null && limit <= 0) {
            throw new ReplayException("--limit must be positive, not " + limit);
        }
        if (reverseChunkEntries <= 0) {
            throw new ReplayException("--reverse-chunk must be positive");
        }
        final long maxPrinted = limit == null ? Long.MAX_VALUE : limit;
        try (JournalScan scan = new JournalScan(dataDir);
             EntryPrinter printer = output.printer(spec.commandLine().getOut())) {
            if (reverse) {
                printNewestFirst(scan, selection, printer, maxPrinted);
            } else {
                printInOrder(scan, selection, printer, maxPrinted);
            }
        }
        return ReplayMain.EXIT_OK;
    }

    private static void printInOrder(JournalScan scan, EntrySelection selection, EntryPrinter printer, long maxPrinted) {
        final MessageDecoder decoder = new MessageDecoder();
        final long[] printed = {0};
        scan.scan((buffer, offset, length, position) -> {
            if (selection.isPastEnd(EntryHeader.sequence(buffer, offset))) {
                return false;
            }
            final DecodedEntry entry = selection.select(decoder, buffer, offset, position);
            if (entry != null) {
                printer.print(entry);
                printed[0]++;
            }
            return printed[0] < maxPrinted && !printer.outputClosed();
        });
    }

    /**
     * First pass: marks the start of each chunk of in-range entries (and learns SKU merchants).
     * Second pass: reads the chunks from the last to the first, printing each one's matches
     * newest first. Holds at most one chunk of entries.
     */
    private void printNewestFirst(JournalScan scan, EntrySelection selection, EntryPrinter printer, long maxPrinted) {
        final MessageDecoder decoder = new MessageDecoder();
        final LongArrayList chunkPositions = new LongArrayList();
        final LongArrayList chunkSequences = new LongArrayList();
        final long[] chunk = {0, 0};
        final long[] lastSequence = {0};
        scan.scan((buffer, offset, length, position) -> {
            final long sequence = EntryHeader.sequence(buffer, offset);
            if (selection.isPastEnd(sequence)) {
                return false;
            }
            selection.learn(decoder, buffer, offset, position);
            if (selection.inRange(sequence, EntryHeader.engineTimeMs(buffer, offset))) {
                if (chunkPositions.isEmpty() || chunk[0] >= reverseChunkEntries || chunk[1] >= REVERSE_CHUNK_BYTES) {
                    chunkPositions.addLong(position);
                    chunkSequences.addLong(sequence);
                    chunk[0] = 0;
                    chunk[1] = 0;
                }
                chunk[0]++;
                chunk[1] += length;
                lastSequence[0] = sequence;
            }
            return true;
        });
        long printed = 0;
        final List<DecodedEntry> matches = new ArrayList<>();
        for (int i = chunkPositions.size() - 1; i >= 0 && printed < maxPrinted && !printer.outputClosed(); i--) {
            final long end = i + 1 < chunkSequences.size() ? chunkSequences.getLong(i + 1) - 1 : lastSequence[0];
            matches.clear();
            if (!scan.seek(chunkPositions.getLong(i), chunkSequences.getLong(i))) {
                throw new JournalProblemException(chunkSequences.getLong(i), chunkPositions.getLong(i),
                    "the entry read a moment ago cannot be found again");
            }
            scan.scan((buffer, offset, length, position) -> {
                final long sequence = EntryHeader.sequence(buffer, offset);
                if (sequence > end) {
                    return false;
                }
                if (selection.inRange(sequence, EntryHeader.engineTimeMs(buffer, offset))) {
                    final DecodedEntry entry = decoder.decode(buffer, offset, position);
                    if (selection.matches(entry)) {
                        matches.add(entry);
                    }
                }
                return sequence < end;
            });
            for (int m = matches.size() - 1; m >= 0 && printed < maxPrinted; m--) {
                printer.print(matches.get(m));
                printed++;
            }
        }
    }
}
