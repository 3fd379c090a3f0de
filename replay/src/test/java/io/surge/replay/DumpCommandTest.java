package io.surge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dump} on a journal the real engine wrote (JournalFixture: payments, cancels, expiries,
 * a sell-out, rejections). Expected entries are worked out from the journal read directly.
 */
class DumpCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Long> MERCHANT_2_SKUS = Set.of(1L, 5L, 9L, 13L, 17L); // merchant = 1 + sku % 4

    @TempDir
    static Path folder;
    static Path dataDir;
    static List<DecodedEntry> journal;

    @BeforeAll
    static void writeJournal() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        fixture.write(1, 300);
        dataDir = fixture.dataDir;
        journal = readAll(dataDir);
    }

    static List<DecodedEntry> readAll(Path data) {
        final List<DecodedEntry> entries = new ArrayList<>();
        try (JournalScan scan = new JournalScan(DataDir.of(data))) {
            final MessageDecoder decoder = new MessageDecoder();
            scan.scan((buffer, offset, length, position) -> entries.add(decoder.decode(buffer, offset, position)));
        }
        return entries;
    }

    @Test
    void jsonLinesHoldEveryEntryWithItsCommandAndEvents() {
        final List<JsonNode> lines = json("--zone", "+08:00");
        assertEquals(journal.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            final DecodedEntry expected = journal.get(i);
            final JsonNode line = lines.get(i);
            assertEquals(expected.sequence(), line.get("sequence").asLong());
            assertEquals(expected.engineTimeMs(), line.get("timeMs").asLong());
            assertEquals(expected.engineTimeMs(), Instant.from(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .parse(line.get("time").asText())).toEpochMilli());
            assertTrue(line.get("time").asText().endsWith("+08:00"), line.toString());
            assertEquals(expected.command().type(), line.get("command").get("type").asText());
            assertEquals(expected.events().size(), line.get("events").size());
            for (int e = 0; e < expected.events().size(); e++) {
                assertEquals(expected.events().get(e).type(), line.get("events").get(e).get("type").asText());
            }
        }
        final JsonNode firstOrder = lines.stream().filter(line -> line.get("command").get("type").asText().equals("PlaceOrder"))
            .findFirst().orElseThrow();
        // order 1: SKU 2, quantity 2 at 20.99
        assertEquals("2026-11-11T00:00:00.100+08:00", firstOrder.get("time").asText());
        assertEquals(1, firstOrder.get("command").get("orderId").asLong());
        assertEquals(2, firstOrder.get("command").get("customerId").asLong());
        final JsonNode line = firstOrder.get("command").get("lines").get(0);
        assertEquals(List.of(2L, 2L, 2099L), List.of(line.get("sku").asLong(), line.get("quantity").asLong(),
            line.get("unitPriceCents").asLong()));
        final JsonNode reserved = firstOrder.get("events").get(0);
        assertEquals("OrderReserved", reserved.get("type").asText());
        assertEquals(4198, reserved.get("totalCents").asLong());
        assertEquals(JournalFixture.START_MS + 100 + JournalFixture.TIMEOUT_MS, reserved.get("expiresAtMs").asLong());
    }

    @Test
    void typeMatchesCommandOrEventNamesIgnoringCase() {
        final List<Long> expected = sequences(entry -> hasType(entry, "CancelOrder") || hasType(entry, "SkuSoldOut"));
        assertTrue(expected.size() > 5, "the fixture cancels orders and sells SKU 1 out");
        assertEquals(expected, sequencesOf(json("--type", "cancelorder", "--type", "SKUSOLDOUT")));
        assertEquals(expected, sequencesOf(json("--type", "CancelOrder,SkuSoldOut")));
    }

    @Test
    void orderFollowsOneOrderThroughItsLife() {
        // order 13 is reserved and left to expire in the final tick; order 14 is cancelled; order 10 paid
        assertEquals(List.of("PlaceOrder", "Tick"), commandTypesOf(json("--order", "13")));
        assertEquals(List.of("PlaceOrder", "CancelOrder"), commandTypesOf(json("--order", "14")));
        assertEquals(List.of("PlaceOrder", "ConfirmPayment"), commandTypesOf(json("--order", "10")));
        assertEquals(List.of(), json("--order", "999999"));
    }

    @Test
    void customerMatchesOrdersAndFulfilmentRequests() {
        final List<Long> expected = sequences(entry -> messages(entry).anyMatch(message ->
            message instanceof Message.PlaceOrder order && order.customerId() == 3
                || message instanceof Message.FulfilmentRequested request && request.customerId() == 3));
        assertTrue(expected.size() > 20);
        assertEquals(expected, sequencesOf(json("--customer", "3")));
    }

    @Test
    void skuMatchesAnyMessageNamingItIncludingOrderLines() {
        final List<Long> expected = sequences(entry -> messages(entry).anyMatch(message -> skusOf(message).contains(1L)));
        final List<JsonNode> lines = json("--sku", "1");
        assertEquals(expected, sequencesOf(lines));
        assertTrue(commandTypesOf(lines).containsAll(List.of("DefineSku", "DefineSale", "PlaceOrder")));
        assertTrue(lines.stream().anyMatch(line -> line.toString().contains("SkuSoldOut")));
    }

    @Test
    void merchantMatchesItsIdsAndTheLinesOfItsSkus() {
        final List<Long> expected = sequences(entry -> messages(entry).anyMatch(message ->
            merchantOf(message) == 2 || skusOf(message).stream().anyMatch(MERCHANT_2_SKUS::contains)));
        final List<JsonNode> lines = json("--merchant", "2");
        assertEquals(expected, sequencesOf(lines));
        // order 4 (SKU 5 of merchant 2) is only reserved: no message carries a merchant id
        assertTrue(lines.stream().anyMatch(line -> line.get("command").path("orderId").asLong() == 4));
        // the SKU definitions lie before --from, yet still count
        final List<Long> fromLater = expected.stream().filter(sequence -> sequence >= 100).collect(Collectors.toList());
        assertEquals(fromLater, sequencesOf(json("--merchant", "2", "--from", "100")));
    }

    @Test
    void reasonMatchesRejections() {
        final List<Long> expected = sequences(entry -> messages(entry).anyMatch(message ->
            message instanceof Message.OrderRejected rejected && rejected.reason().equals("OUT_OF_STOCK")));
        assertFalse(expected.isEmpty());
        assertEquals(expected, sequencesOf(json("--reason", "out_of_stock")));
        final CliRun unknown = CliRun.of("dump", "--data", dataDir.toString(), "--reason", "SOLD_OUT");
        assertEquals(ReplayMain.EXIT_USAGE, unknown.exitCode());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
    }

    @Test
    void filtersCombine() {
        final List<Long> expected = sequences(entry -> hasType(entry, "OrderRejected")
            && messages(entry).anyMatch(message -> message instanceof Message.PlaceOrder order && order.customerId() == 2));
        assertFalse(expected.isEmpty());
        assertEquals(expected, sequencesOf(json("--type", "OrderRejected", "--customer", "2")));
    }

    @Test
    void fromAndToBySequenceAreInclusive() {
        assertEquals(range(50, 60), sequencesOf(json("--from", "50", "--to", "60")));
        assertEquals(range(journal.size() - 2, journal.size()), sequencesOf(json("--from", String.valueOf(journal.size() - 2))));
    }

    @Test
    void fromAndToByTimeCompareEngineTimes() {
        final long fromMs = JournalFixture.START_MS + 10_000;
        final long toMs = JournalFixture.START_MS + 12_000;
        final List<Long> expected = sequences(entry -> entry.engineTimeMs() >= fromMs && entry.engineTimeMs() <= toMs);
        assertTrue(expected.size() > 20);
        assertEquals(expected, sequencesOf(json("--from", "2026-11-11T00:00:10+08:00", "--to", "2026-11-10T16:00:12Z")));
        // a time without an offset is in --zone, the zone the table prints
        assertEquals(expected, sequencesOf(json("--from", "2026-11-11T00:00:10", "--to", "2026-11-11T00:00:12",
            "--zone", "Asia/Shanghai")));
        assertEquals(expected, sequencesOf(json("--from", "2026-11-10T16:00:10", "--to", "2026-11-10T16:00:12", "--zone", "UTC")));
        // a time in another offset; a time and a sequence mixed
        final String fromElsewhere = Instant.ofEpochMilli(fromMs).atOffset(ZoneOffset.ofHours(-5)).toString();
        assertEquals("2026-11-10T11:00:10-05:00", fromElsewhere);
        assertEquals(expected, sequencesOf(json("--from", fromElsewhere, "--to", String.valueOf(expected.get(expected.size() - 1)))));
        // relative times are relative to now: the fixture's journal lies in 2026-11-11 engine time
        final CliRun relative = CliRun.of("dump", "--data", dataDir.toString(), "--from=-10m", "--format", "json");
        assertEquals(0, relative.exitCode(), relative.err());
        final CliRun bad = CliRun.of("dump", "--data", dataDir.toString(), "--from", "yesterday");
        assertEquals(ReplayMain.EXIT_USAGE, bad.exitCode());
        assertTrue(bad.err().contains("yesterday"), bad.err());
    }

    @Test
    void limitStopsAfterThatManyEntries() {
        assertEquals(range(1, 5), sequencesOf(json("--limit", "5")));
        final List<Long> cancels = sequences(entry -> hasType(entry, "CancelOrder"));
        assertEquals(cancels.subList(0, 3), sequencesOf(json("--type", "CancelOrder", "--limit", "3")));
        assertEquals(ReplayMain.EXIT_USAGE, CliRun.of("dump", "--data", dataDir.toString(), "--limit", "0").exitCode());
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsAUsageError() {
        final CliRun sequences = CliRun.of("dump", "--data", dataDir.toString(), "--from", "200", "--to", "100");
        assertEquals(ReplayMain.EXIT_USAGE, sequences.exitCode());
        assertTrue(sequences.err().contains("--from 200 comes after --to 100"), sequences.err());
        final CliRun times = CliRun.of("stats", "--data", dataDir.toString(), "--from", "2026-11-11T00:10:00Z",
            "--to", "2026-11-11T00:00:00Z");
        assertEquals(ReplayMain.EXIT_USAGE, times.exitCode());
        assertTrue(times.err().contains("comes after --to"), times.err());
    }

    @Test
    void reversePrintsNewestFirstAcrossChunks() {
        final List<Long> all = range(1, journal.size());
        final List<Long> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, sequencesOf(json("--reverse")));
        assertEquals(reversed, sequencesOf(json("--reverse", "--reverse-chunk", "7")));
        assertEquals(reversed.subList(0, 3), sequencesOf(json("--reverse", "--limit", "3", "--reverse-chunk", "2")));

        final List<Long> paid = new ArrayList<>(sequences(entry -> hasType(entry, "PaymentConfirmed")
            && entry.sequence() >= 40 && entry.sequence() <= 300));
        java.util.Collections.reverse(paid);
        assertEquals(paid, sequencesOf(json("--reverse", "--reverse-chunk", "5", "--type", "PaymentConfirmed",
            "--from", "40", "--to", "300")));
        assertEquals(paid.subList(0, 4), sequencesOf(json("--reverse", "--reverse-chunk", "5", "--type", "PaymentConfirmed",
            "--from", "40", "--to", "300", "--limit", "4")));
    }

    @Test
    void tableAlignsTimesAndMoneyInColumns() {
        final CliRun run = CliRun.of("dump", "--data", dataDir.toString(), "--zone", "+08:00");
        assertEquals(0, run.exitCode(), run.err());
        final List<String> rows = run.out().lines().collect(Collectors.toList());
        assertEquals(journal.size() + 1, rows.size());
        final String header = rows.get(0);
        assertTrue(header.matches("\\s*SEQ\\s+TIME\\s+COMMAND\\s+ORDER\\s+CUSTOMER\\s+AMOUNT\\s+DETAILS"), header);
        final int timeStart = header.indexOf("TIME");
        final int amountStart = header.indexOf("CUSTOMER") + "CUSTOMER".length() + 2;
        final int amountEnd = header.indexOf("AMOUNT") + "AMOUNT".length();
        final int seqEnd = header.indexOf("SEQ") + "SEQ".length();
        int amounts = 0;
        for (int i = 1; i < rows.size(); i++) {
            final String row = rows.get(i);
            final DecodedEntry entry = journal.get(i - 1);
            assertEquals(String.valueOf(entry.sequence()), row.substring(0, seqEnd).trim(), row);
            assertTrue(row.substring(timeStart, timeStart + 29).matches("2026-11-1[01]T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+08:00"), row);
            final String amount = row.substring(amountStart, amountEnd);
            final long totalCents = entry.events().stream().mapToLong(DumpCommandTest::totalCentsOf).sum();
            if (entry.events().stream().anyMatch(event -> totalCentsOf(event) > 0)) {
                assertEquals(Formats.money(totalCents), amount.trim(), row);
                assertTrue(amount.matches(" *\\d+\\.\\d\\d"), row);
                assertEquals(' ', row.charAt(amountEnd), row);
                amounts++;
            } else {
                assertTrue(amount.isBlank(), row);
            }
        }
        assertTrue(amounts > 300, "rows with money: " + amounts);
        final String firstOrder = rows.stream().filter(row -> row.contains("PlaceOrder")).findFirst().orElseThrow();
        assertTrue(firstOrder.contains("2026-11-11T00:00:00.100+08:00"), firstOrder);
        assertTrue(firstOrder.contains("41.98"), firstOrder);
        assertTrue(firstOrder.contains("lines=[sku 2: 2 @ 20.99] -> OrderReserved"), firstOrder);
    }

    @Test
    void csvHasOneRowPerMessageInStableColumns() {
        final CliRun run = CliRun.of("dump", "--data", dataDir.toString(), "--format", "csv", "--zone", "UTC");
        assertEquals(0, run.exitCode(), run.err());
        final List<String> rows = run.out().lines().collect(Collectors.toList());
        assertEquals("sequence,time,timeMs,kind,type,orderId,customerId,sku,merchantId,amount,reason,lines,detail",
            rows.get(0));
        final long messages = journal.stream().mapToLong(entry -> 1 + entry.events().size()).sum();
        assertEquals(messages + 1, rows.size());
        for (String row : rows) {
            assertEquals(13, row.split(",", -1).length, row);
        }
        // order 5 is paid: SKU 6 (merchant 3), 2 at 60.99, customer 6
        final List<String> payment = rows.stream().filter(row -> row.contains(",PaymentConfirmed,5,")
            || row.contains(",FulfilmentRequested,5,") || row.contains(",ConfirmPayment,5,")).collect(Collectors.toList());
        assertEquals(3, payment.size(), String.join("\n", payment));
        final String[] command = payment.get(0).split(",", -1);
        assertEquals(List.of("2026-11-10T16:00:00.500+00:00", "command", "ConfirmPayment", "5"),
            List.of(command[1], command[3], command[4], command[5]));
        final String[] paid = payment.get(1).split(",", -1);
        assertEquals(List.of("event", "PaymentConfirmed", "5", "121.98"), List.of(paid[3], paid[4], paid[5], paid[9]));
        final String[] fulfil = payment.get(2).split(",", -1);
        assertEquals(List.of("FulfilmentRequested", "5", "6", "6", "3", "121.98", "6:2:60.99"),
            List.of(fulfil[4], fulfil[5], fulfil[6], fulfil[7], fulfil[8], fulfil[9], fulfil[11]));
        final String rejected = rows.stream().filter(row -> row.contains(",OrderRejected,")).findFirst().orElseThrow();
        assertTrue(rejected.split(",", -1)[10].matches("[A-Z_]+"), rejected);
        assertTrue(rejected.split(",", -1)[12].startsWith("lineIndex="), rejected);
    }

    @Test
    void csvQuotesFieldsThatNeedIt() {
        assertEquals("plain", CsvPrinter.escape("plain"));
        assertEquals("\"a,b\"", CsvPrinter.escape("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvPrinter.escape("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvPrinter.escape("two\nlines"));
    }

    @Test
    void helpShowsExamples() {
        final CliRun run = CliRun.of("dump", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Examples:"), run.out());
        assertTrue(run.out().contains("--reverse"), run.out());
        assertTrue(run.out().lines().allMatch(line -> line.length() <= 80), run.out());
    }

    @Test
    void aMissingFolderIsOneLineAndExitTwo() {
        final CliRun run = CliRun.of("dump", "--data", folder.resolve("nowhere").toString());
        assertEquals(ReplayMain.EXIT_USAGE, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("no such directory"), run.err());
        assertEquals(ReplayMain.EXIT_USAGE, CliRun.of("dump", "--data", dataDir.toString(), "--type", "Refund").exitCode());
        assertEquals(ReplayMain.EXIT_USAGE, CliRun.of("dump", "--data", dataDir.toString(), "--zone", "Mars/Base").exitCode());
        assertEquals(ReplayMain.EXIT_USAGE, CliRun.of("dump", "--data", dataDir.toString(), "--format", "xml").exitCode());
    }

    @Test
    void aDamagedEntryStopsTheDumpNamingItsSequenceWithExitOne() throws IOException {
        final Path copy = folder.resolve("damaged");
        copyJournal(dataDir, copy);
        final DecodedEntry victim = journal.get(99);
        flipByteInBody(copy, victim.sequence(), victim.engineTimeMs());
        final CliRun run = CliRun.of("dump", "--data", copy.toString(), "--format", "json");
        assertEquals(ReplayMain.EXIT_PROBLEM, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("sequence 100"), run.err());
        assertEquals(range(1, 99), sequencesOf(parse(run.out())), "entries before the damage are printed");
    }

    // ---- helpers ----

    private static List<JsonNode> json(String... options) {
        final List<String> args = new ArrayList<>(List.of("dump", "--data", dataDir.toString(), "--format", "json"));
        args.addAll(List.of(options));
        final CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.err());
        return parse(run.out());
    }

    static List<JsonNode> parse(String jsonLines) {
        return jsonLines.lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect(Collectors.toList());
    }

    static List<Long> sequencesOf(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("sequence").asLong()).collect(Collectors.toList());
    }

    private static List<String> commandTypesOf(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("command").get("type").asText()).collect(Collectors.toList());
    }

    private static List<Long> sequences(Predicate<DecodedEntry> selected) {
        return journal.stream().filter(selected).map(DecodedEntry::sequence).collect(Collectors.toList());
    }

    private static List<Long> range(long first, long last) {
        final List<Long> sequences = new ArrayList<>();
        for (long sequence = first; sequence <= last; sequence++) {
            sequences.add(sequence);
        }
        return sequences;
    }

    private static Stream<Message> messages(DecodedEntry entry) {
        return Stream.concat(Stream.of(entry.command()), entry.events().stream());
    }

    private static boolean hasType(DecodedEntry entry, String type) {
        return messages(entry).anyMatch(message -> message.type().equals(type));
    }

    private static List<Long> skusOf(Message message) {
        if (message instanceof Message.PlaceOrder order) {
            return order.lines().stream().map(Message.Line::sku).collect(Collectors.toList());
        }
        if (message instanceof Message.FulfilmentRequested request) {
            return request.lines().stream().map(Message.Line::sku).collect(Collectors.toList());
        }
        if (message instanceof Message.DefineSale sale) {
            return sale.skus();
        }
        if (message instanceof Message.OrderRejected rejected) {
            return List.of(rejected.sku());
        }
        if (message instanceof Message.DefineSku define) {
            return List.of(define.sku());
        }
        if (message instanceof Message.SkuDefined defined) {
            return List.of(defined.sku());
        }
        if (message instanceof Message.AdjustStock adjust) {
            return List.of(adjust.sku());
        }
        if (message instanceof Message.StockAdjusted adjusted) {
            return List.of(adjusted.sku());
        }
        if (message instanceof Message.SkuSoldOut soldOut) {
            return List.of(soldOut.sku());
        }
        return List.of();
    }

    private static long merchantOf(Message message) {
        if (message instanceof Message.DefineSku define) {
            return define.merchantId();
        }
        if (message instanceof Message.SkuDefined defined) {
            return defined.merchantId();
        }
        if (message instanceof Message.FulfilmentRequested request) {
            return request.merchantId();
        }
        if (message instanceof Message.SkuSoldOut soldOut) {
            return soldOut.merchantId();
        }
        return 0;
    }

    private static long totalCentsOf(Message event) {
        if (event instanceof Message.OrderReserved reserved) {
            return reserved.totalCents();
        }
        if (event instanceof Message.PaymentConfirmed paid) {
            return paid.totalCents();
        }
        if (event instanceof Message.OrderCancelled cancelled) {
            return cancelled.totalCents();
        }
        if (event instanceof Message.ReservationExpired expired) {
            return expired.totalCents();
        }
        return 0;
    }

    static void copyJournal(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("journal"));
        try (Stream<Path> files = Files.list(from.resolve("journal"))) {
            for (Path file : files.collect(Collectors.toList())) {
                Files.copy(file, to.resolve("journal").resolve(file.getFileName()));
            }
        }
    }

    /** Finds the entry by its header (sequence then engine time, little-endian) and flips a byte of its body. */
    static void flipByteInBody(Path data, long sequence, long engineTimeMs) throws IOException {
        try (Stream<Path> files = Files.list(data.resolve("journal"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cq4")).collect(Collectors.toList())) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    final MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
                    bytes.order(ByteOrder.LITTLE_ENDIAN);
                    for (int at = 0; at + 16 <= bytes.limit(); at++) {
                        if (bytes.getLong(at) == sequence && bytes.getLong(at + 8) == engineTimeMs) {
                            final int body = at - 4 + 30 + 10;
                            bytes.put(body, (byte) (bytes.get(body) ^ 0x5A));
                            bytes.force();
                            return;
                        }
                    }
                }
            }
        }
        throw new AssertionError("entry " + sequence + " not found in the journal files");
    }

    @Test
    void aCycleFileCutAtAPageBoundaryIsDumpedUpToTheCutThenReported() throws Exception {
        // Mapping a cut-short cycle file would touch pages with no file behind them (SIGBUS).
        final Path copy = DamagedJournals.copy(dataDir, folder.resolve("cut-for-dump"));
        final List<Path> cycles = DamagedJournals.cycleFiles(copy);
        final Path cycleFile = cycles.get(cycles.size() - 1);
        DamagedJournals.truncate(cycleFile, ((DamagedJournals.endOfData(cycleFile) - 1) / 4096 - 1) * 4096);
        final long cutLength = Files.size(cycleFile);
        final CliRun run = CliRun.of("dump", "--data", copy.toString(), "--format", "json");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("truncated?"), run.err());
        assertTrue(run.out().lines().count() > 0, "the entries before the cut are still dumped");
        assertEquals(cutLength, Files.size(cycleFile), "the journal itself is untouched");
    }
}
