package io.surge.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surge.engine.Engine;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code stats} on a journal written by the real engine ({@link JournalFixture}). What the report
 * should say is worked out separately, by decoding the same journal with {@link MessageDecoder}
 * (the collector walks the SBE messages itself), and from the fixture's fixed shape: 200 orders,
 * one every 100 ms from a whole minute.
 */
class StatsCommandTest {
    private static final int ORDERS = 200;
    private static final ZoneId UTC = ZoneOffset.UTC;

    @TempDir
    static Path folder;

    private static Path dataDir;
    private static Expected expected;

    /** Figures from decoding the journal with MessageDecoder. */
    private static final class Expected {
        final Map<String, Long> commands = new TreeMap<>();
        final Map<String, Long> events = new TreeMap<>();
        final Map<String, Long> orderRejects = new TreeMap<>();
        final Map<String, Long> commandRejects = new TreeMap<>();
        final Map<Long, Long> placedPerSecond = new TreeMap<>();
        final Map<Long, Long> unitsPaidBySku = new TreeMap<>();
        final Map<Long, Long> gmvPaidBySku = new TreeMap<>();
        final Map<Long, long[]> firstSoldOut = new LinkedHashMap<>();
        long entries;
        long gmvReserved;
        long gmvPaid;
        long gmvCancelled;
        long gmvExpired;
    }

    @BeforeAll
    static void writeJournal() throws Exception {
        dataDir = folder.resolve("data");
        new JournalFixture(dataDir).write(1, ORDERS);
        expected = decode(dataDir);
    }

    private static Expected decode(Path data) {
        final Expected e = new Expected();
        final MessageDecoder decoder = new MessageDecoder();
        try (JournalScan scan = new JournalScan(DataDir.of(data))) {
            scan.scan((buffer, offset, length, position) -> {
                final DecodedEntry entry = decoder.decode(buffer, offset, position);
                e.entries++;
                e.commands.merge(entry.command().type(), 1L, Long::sum);
                if (entry.command() instanceof Message.PlaceOrder) {
                    e.placedPerSecond.merge(Math.floorDiv(entry.engineTimeMs(), 1000L), 1L, Long::sum);
                }
                for (Message event : entry.events()) {
                    e.events.merge(event.type(), 1L, Long::sum);
                    if (event instanceof Message.OrderRejected rejected) {
                        e.orderRejects.merge(rejected.reason(), 1L, Long::sum);
                    } else if (event instanceof Message.CommandRejected rejected) {
                        e.commandRejects.merge(rejected.reason(), 1L, Long::sum);
                    } else if (event instanceof Message.OrderReserved reserved) {
                        e.gmvReserved += reserved.totalCents();
                    } else if (event instanceof Message.PaymentConfirmed paid) {
                        e.gmvPaid += paid.totalCents();
                    } else if (event instanceof Message.OrderCancelled cancelled) {
                        e.gmvCancelled += cancelled.totalCents();
                    } else if (event instanceof Message.ReservationExpired expired) {
                        e.gmvExpired += expired.totalCents();
                    } else if (event instanceof Message.FulfilmentRequested fulfilment) {
                        for (Message.Line line : fulfilment.lines()) {
                            e.unitsPaidBySku.merge(line.sku(), (long) line.quantity(), Long::sum);
                            e.gmvPaidBySku.merge(line.sku(), line.quantity() * line.unitPriceCents(), Long::sum);
                        }
                    } else if (event instanceof Message.SkuSoldOut soldOut) {
                        e.firstSoldOut.putIfAbsent(soldOut.sku(),
                            new long[] {entry.engineTimeMs(), entry.sequence(), soldOut.merchantId()});
                    }
                }
                return true;
            });
        }
        return e;
    }

    @Test
    void countsCommandsAndEventsByTypeAsDecoded() {
        final CliRun run = stats();
        assertEquals(expected.commands, counts(section(run.out(), "Commands by type")));
        assertEquals(expected.events, counts(section(run.out(), "Events by type")));
        assertEquals((long) ORDERS, expected.commands.get("PlaceOrder"), "every order placed is journaled once");
        final long events = expected.events.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(run.out().contains("1.." + expected.entries + " (" + expected.entries + " entries, " + events + " events)"),
            run.out());
    }

    @Test
    void countsRejectionsByReasonForOrdersAndOtherCommands() {
        final Map<String, Long> orders = new TreeMap<>();
        final Map<String, Long> commands = new TreeMap<>();
        for (String[] row : rows(section(stats().out(), "Rejections by reason"))) {
            if (!row[0].equals("reason")) {
                putIfNonZero(orders, row[0], Long.parseLong(row[1]));
                putIfNonZero(commands, row[0], Long.parseLong(row[2]));
            }
        }
        assertFalse(expected.orderRejects.isEmpty(), "the fixture rejects some orders");
        assertEquals(expected.orderRejects, orders);
        assertEquals(expected.commandRejects, commands);
    }

    @Test
    void gmvReservedPaidCancelledAndExpiredAreExact() {
        final Map<String, String> gmv = new TreeMap<>();
        for (String[] row : rows(section(stats().out(), "GMV"))) {
            gmv.put(row[0], row[1]);
        }
        assertTrue(expected.gmvPaid > 0 && expected.gmvCancelled > 0 && expected.gmvExpired > 0, "the fixture pays, cancels, expires");
        assertEquals(Formats.money(expected.gmvReserved), gmv.get("reserved"));
        assertEquals(Formats.money(expected.gmvPaid), gmv.get("paid"));
        assertEquals(Formats.money(expected.gmvCancelled), gmv.get("cancelled"));
        assertEquals(Formats.money(expected.gmvExpired), gmv.get("expired"));
    }

    @Test
    void listsEachSoldOutSkuOnceWithTheTimeOfItsFirstSellOut() {
        assertTrue(expected.firstSoldOut.containsKey(1L), "SKU 1 (5 units) sells out in the fixture");
        final List<String[]> rows = rows(section(stats().out(), "SKUs sold out: " + expected.firstSoldOut.size()));
        assertEquals(List.of("time", "sku", "merchant", "sequence"), List.of(rows.get(0)));
        final List<List<String>> listed = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
            listed.add(List.of(row));
        }
        final List<List<String>> wanted = new ArrayList<>();
        expected.firstSoldOut.entrySet().stream()
            .sorted(Comparator.comparingLong((Map.Entry<Long, long[]> e) -> e.getValue()[0]).thenComparingLong(e -> e.getValue()[1]))
            .forEach(e -> wanted.add(List.of(Formats.time(e.getValue()[0], UTC), Long.toString(e.getKey()),
                Long.toString(e.getValue()[2]), Long.toString(e.getValue()[1]))));
        assertEquals(wanted, listed);
    }

    @Test
    void soldOutListIsCappedByTopWithACountOfTheRest() throws Exception {
        final Path data = folder.resolve("more-sell-outs");
        final JournalFixture fixture = new JournalFixture(data);
        fixture.write(1, 40);
        try (Engine engine = Engine.start(fixture.config())) {
            final OrderLines lines = new OrderLines();
            long orderId = 1_000;
            for (long sku : new long[] {20, 19, 18}) {
                fixture.clock.addAndGet(1_000);
                final long available = engine.sku(sku).get().orElseThrow().available();
                lines.clear().add(sku, (int) available, JournalFixture.priceOf(sku));
                assertEquals(Status.RESERVED, engine.placeOrder(orderId++, 99, lines).get().status());
            }
        }
        final Expected wanted = decode(data);
        assertEquals(List.of(20L, 19L, 18L), new ArrayList<>(wanted.firstSoldOut.keySet()));

        final CliRun run = CliRun.of("stats", "--data", data.toString(), "--zone", "UTC", "--top", "1");
        assertEquals(0, run.exitCode(), run.err());
        final List<String> section = section(run.out(), "SKUs sold out: 3 ");
        assertEquals(4, section.size(), "title, header, one row, the rest: " + section);
        final long[] first = wanted.firstSoldOut.get(20L);
        assertEquals(List.of(Formats.time(first[0], UTC), "20", Long.toString(first[2]), Long.toString(first[1])),
            List.of(rows(section).get(1)));
        assertEquals("  ... and 2 more (--top to list more)", section.get(3));
    }

    @Test
    void bucketsOrdersPerSecond() {
        final Map<Long, Long> placed = new TreeMap<>();
        for (String[] row : rows(section(stats().out(), "Orders per second"))) {
            if (!row[0].equals("second")) {
                putIfNonZero(placed, OffsetDateTime.parse(row[0]).toEpochSecond(), Long.parseLong(row[1]));
            }
        }
        assertEquals(expected.placedPerSecond, placed);
        final long start = JournalFixture.START_MS / 1000;
        assertEquals(9L, placed.get(start), "orders at +100..+900 ms");
        assertEquals(10L, placed.get(start + 1));
        assertEquals(1L, placed.get(start + ORDERS / 10), "the last order at +20 s");
    }

    @Test
    void bucketsOrdersPerMinute() {
        final CliRun run = CliRun.of("stats", "--data", dataDir.toString(), "--zone", "UTC", "--by", "minute");
        assertEquals(0, run.exitCode(), run.err());
        final List<String[]> rows = rows(section(run.out(), "Orders per minute"));
        assertEquals("minute", rows.get(0)[0]);
        assertEquals(2, rows.size(), "every order falls in the sale's first minute");
        assertEquals(Formats.time(JournalFixture.START_MS, UTC), rows.get(1)[0]);
        assertEquals(Integer.toString(ORDERS), rows.get(1)[1]);
        assertTrue(run.out().matches("(?s).*\\n  peak minute\\s+" + Pattern.quote(Formats.time(JournalFixture.START_MS, UTC))
            + ": " + ORDERS + " placed .*"), run.out());
    }

    @Test
    void peakSecondIsTheEarliestOfTheBusiestSeconds() {
        final long busiest = expected.placedPerSecond.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        final long second = expected.placedPerSecond.entrySet().stream().filter(e -> e.getValue() == busiest)
            .mapToLong(Map.Entry::getKey).min().orElseThrow();
        assertEquals(JournalFixture.START_MS / 1000 + 1, second, "seconds 1..19 hold 10 orders each");
        final String out = stats().out();
        assertTrue(out.matches("(?s).*\\n  peak second\\s+" + Pattern.quote(Formats.time(second * 1000, UTC)) + ": " + busiest
            + " placed \\(.*"), out);
    }

    @Test
    void topSkusByUnitsPaidFollowTheFulfilmentRequests() {
        final List<String[]> rows = rows(section(stats().out(), "Top 10 SKUs by units paid"));
        assertEquals(List.of("#", "sku", "merchant", "units paid", "GMV paid", "units reserved", "GMV reserved"), List.of(rows.get(0)));
        final List<Map.Entry<Long, Long>> ranked = new ArrayList<>(expected.unitsPaidBySku.entrySet());
        ranked.sort(Comparator.comparing((Map.Entry<Long, Long> e) -> -e.getValue())
            .thenComparing(e -> -expected.gmvPaidBySku.get(e.getKey())));
        for (int rank = 1; rank < Math.min(rows.size(), 4); rank++) {
            final long sku = Long.parseLong(rows.get(rank)[1]);
            assertEquals(ranked.get(rank - 1).getValue(), expected.unitsPaidBySku.get(sku), "rank " + rank);
            assertEquals(expected.unitsPaidBySku.get(sku).toString(), rows.get(rank)[3]);
            assertEquals(Formats.money(expected.gmvPaidBySku.get(sku)), rows.get(rank)[4]);
            assertEquals(Long.toString(1 + sku % 4), rows.get(rank)[2], "the fixture's merchant of SKU " + sku);
        }
    }

    @Test
    void perSkuAndPerMerchantTotalsAddUpToTheOrderTotals() {
        final StatsCollector stats = collect(null, null);
        long skuPaid = 0;
        long skuReserved = 0;
        long merchantPaid = 0;
        long merchantReserved = 0;
        for (int slot : stats.skus.top(Integer.MAX_VALUE / 2, StatsTotals.Rank.GMV)) {
            skuPaid += stats.skus.gmvPaidCents(slot);
            skuReserved += stats.skus.gmvReservedCents(slot);
        }
        for (int slot : stats.merchants.top(Integer.MAX_VALUE / 2, StatsTotals.Rank.GMV)) {
            merchantPaid += stats.merchants.gmvPaidCents(slot);
            merchantReserved += stats.merchants.gmvReservedCents(slot);
        }
        assertEquals(expected.gmvPaid, skuPaid);
        assertEquals(expected.gmvPaid, merchantPaid);
        assertEquals(expected.gmvReserved, skuReserved);
        assertEquals(expected.gmvReserved, merchantReserved);
    }

    @Test
    void fromAndToNarrowTheCountToARange() {
        final long from = 100;
        final long to = 199;
        final CliRun run = CliRun.of("stats", "--data", dataDir.toString(), "--zone", "UTC", "--from", "" + from, "--to", "" + to);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Pattern.compile("entries\\s+" + from + "\\.\\." + to + " \\(" + (to - from + 1) + " entries").matcher(run.out()).find(),
            run.out());
        final Map<String, Long> commands = counts(section(run.out(), "Commands by type"));
        assertEquals(to - from + 1, commands.values().stream().mapToLong(Long::longValue).sum());
        final StatsCollector stats = collect(Point.parse("" + from), Point.parse("" + to));
        assertEquals(to - from + 1, stats.entries);
        assertEquals(stats.ordersPlaced, commands.get("PlaceOrder"));
        assertTrue(stats.merchants.active() > 0, "SKU merchants are known from definitions before the range");
        for (int slot : stats.merchants.top(10, StatsTotals.Rank.UNITS)) {
            assertTrue(stats.merchants.key(slot) >= 1 && stats.merchants.key(slot) <= 4, "merchant " + stats.merchants.key(slot));
        }
    }

    @Test
    void htmlReportIsSelfContainedAndCarriesTheChartsData() throws Exception {
        final Path html = folder.resolve("report.html");
        final CliRun run = CliRun.of("stats", "--data", dataDir.toString(), "--zone", "UTC", "--html", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        final String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("//cdn"), "no external resource");
        assertFalse(Pattern.compile("<(link|img|iframe)\\b|\\bsrc\\s*=|@import|url\\(").matcher(page).find(), "nothing loaded");
        assertEquals(3, count(page, "<svg "), "orders, rejections and GMV charts");
        assertTrue(page.contains("<polyline"), "lines drawn");

        final Matcher data = Pattern.compile("<script type=\"application/json\" id=\"" + StatsHtmlReport.DATA_ID + "\">(.*?)</script>",
            Pattern.DOTALL).matcher(page);
        assertTrue(data.find(), "the charts' data is embedded");
        final JsonNode json = new ObjectMapper().readTree(data.group(1));
        assertEquals(1, json.get("step").asInt());
        final long firstSecond = OffsetDateTime.parse(json.get("time").get(0).asText()).toEpochSecond();
        final Map<Long, Long> placed = new TreeMap<>();
        long gmvReservedCents = 0;
        for (JsonNode chart : json.get("charts")) {
            for (JsonNode series : chart.get("series")) {
                for (int i = 0; i < series.get("values").size(); i++) {
                    final double value = series.get("values").get(i).asDouble();
                    if (chart.get("id").asText().equals("orders") && series.get("name").asText().equals("placed")) {
                        putIfNonZero(placed, firstSecond + i, (long) value);
                    } else if (chart.get("id").asText().equals("gmv") && series.get("name").asText().equals("reserved")) {
                        gmvReservedCents += Math.round(value * 100);
                    }
                }
            }
        }
        assertEquals(expected.placedPerSecond, placed);
        assertEquals(expected.gmvReserved, gmvReservedCents);
        final JsonNode rejections = json.get("charts").get(1);
        assertEquals("rejections", rejections.get("id").asText());
        final List<String> reasons = new ArrayList<>();
        rejections.get("series").forEach(series -> reasons.add(series.get("name").asText()));
        assertEquals(new ArrayList<>(expected.orderRejects.keySet()), reasons.stream().sorted().toList());
        assertTrue(page.contains(Formats.money(expected.gmvPaid)), "tables carry GMV paid");
    }

    @Test
    void htmlReportEscapesTextItEmbeds() {
        final StatsCollector stats = collect(null, null);
        final String hostile = "</script><script>alert('x')</script>&\"";
        final String page = StatsHtmlReport.render(new StatsReport(stats, hostile, StatsCommand.Granularity.SECOND, UTC, 10,
            hostile, null));
        assertFalse(page.contains("<script>alert"), "no injected element");
        assertTrue(page.contains("&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"));
        assertEquals("\"\\u003c/script\\u003e\"", StatsHtmlReport.jsonString("</script>"));
    }

    @Test
    void chartNumbersAreWrittenAsShortDecimals() {
        assertEquals(List.of("0", "3", "2.5", "0.05", "0.25", "1234.57", "1", "12345678901"),
            List.of(StatsHtmlReport.trim(0.004), StatsHtmlReport.trim(3), StatsHtmlReport.trim(2.5), StatsHtmlReport.trim(0.05),
                StatsHtmlReport.trim(0.25), StatsHtmlReport.trim(1234.567), StatsHtmlReport.trim(0.999), StatsHtmlReport.trim(12345678901.0)));
        assertEquals("12.3", StatsHtmlReport.decimal(new StringBuilder(), 12.34, 1).toString());
        assertEquals("-0.5", StatsHtmlReport.decimal(new StringBuilder(), -0.5, 1).toString());
    }

    @Test
    void aDamagedJournalExitsWithOneAndNamesTheSequence() throws Exception {
        final Path damaged = folder.resolve("damaged");
        new JournalFixture(damaged).write(1, 40);
        flipInsidePlaceOrder(damaged.resolve("journal"), 23, 1 + 23 % 13);
        final CliRun run = CliRun.of("stats", "--data", damaged.toString());
        assertEquals(ReplayMain.EXIT_PROBLEM, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("surge replay stats: journal damaged at sequence "), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() {
        final CliRun missing = CliRun.of("stats", "--data", folder.resolve("nowhere").toString());
        assertEquals(ReplayMain.EXIT_USAGE, missing.exitCode());
        assertTrue(missing.err().strip().endsWith("no such directory"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        final CliRun badBy = CliRun.of("stats", "--data", dataDir.toString(), "--by", "hour");
        assertEquals(ReplayMain.EXIT_USAGE, badBy.exitCode());
        assertTrue(badBy.err().contains("'hour' is not one of second, minute"), badBy.err());

        final CliRun badHtml = CliRun.of("stats", "--data", dataDir.toString(), "--html", folder.resolve("no/such/dir/r.html").toString());
        assertEquals(ReplayMain.EXIT_USAGE, badHtml.exitCode());
        assertTrue(badHtml.err().contains("no such directory"), badHtml.err());

        final CliRun badFrom = CliRun.of("stats", "--data", dataDir.toString(), "--from", "yesterday");
        assertEquals(ReplayMain.EXIT_USAGE, badFrom.exitCode());
        assertTrue(badFrom.err().startsWith("surge replay stats: 'yesterday' is neither"), badFrom.err());
    }

    @Test
    void helpShowsTheOptionsAndExamples() {
        final CliRun run = CliRun.of("stats", "--help");
        assertEquals(0, run.exitCode());
        for (String text : List.of("--by=second|minute", "--html=FILE", "--from=FROM", "--to=TO", "--top=N", "--zone=ZONE",
            "Examples:", "surge replay stats --data data/demo --html target/stats.html")) {
            assertTrue(run.out().contains(text), text + " in\n" + run.out());
        }
    }

    // ---- helpers ----

    private static CliRun stats() {
        final CliRun run = CliRun.of("stats", "--data", dataDir.toString(), "--zone", "UTC");
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    private static StatsCollector collect(Point from, Point to) {
        final StatsCollector stats = new StatsCollector(1000, from, to, new Progress("test", 0, System.err, false));
        try (JournalScan scan = new JournalScan(DataDir.of(dataDir))) {
            scan.scan(stats);
        }
        return stats;
    }

    /** The lines of the section whose title starts with {@code title}, title included, up to the next blank line. */
    private static List<String> section(String out, String title) {
        final List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(title)) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).isBlank()) {
                    end++;
                }
                return lines.subList(i, end);
            }
        }
        throw new AssertionError("no section '" + title + "' in\n" + out);
    }

    /** A section's rows (title dropped), split on runs of spaces. */
    private static List<String[]> rows(List<String> section) {
        final List<String[]> rows = new ArrayList<>();
        for (String line : section.subList(1, section.size())) {
            if (!line.startsWith("  ...")) {
                rows.add(line.strip().split("\\s{2,}"));
            }
        }
        return rows;
    }

    /** "Name  count  share" rows, without the total. */
    private static Map<String, Long> counts(List<String> section) {
        final Map<String, Long> counts = new TreeMap<>();
        for (String[] row : rows(section)) {
            if (!row[0].equals("total")) {
                counts.put(row[0], Long.parseLong(row[1]));
            }
        }
        return counts;
    }

    private static <K> void putIfNonZero(Map<K, Long> map, K key, long value) {
        if (value != 0) {
            map.put(key, value);
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** Flips a byte of the PlaceOrder command of one order (found by its order and customer ids). */
    private static void flipInsidePlaceOrder(Path journal, long orderId, long customerId) throws IOException {
        final byte[] pattern = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(orderId).putLong(customerId).array();
        try (Stream<Path> files = Files.list(journal)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cq4")).toList()) {
                final byte[] bytes = Files.readAllBytes(file);
                for (int at = 0; at + pattern.length <= bytes.length; at++) {
                    if (Arrays.equals(bytes, at, at + pattern.length, pattern, 0, pattern.length)) {
                        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                            raf.seek(at + 8);
                            raf.write(bytes[at + 8] ^ 0x5A);
                        }
                        return;
                    }
                }
            }
        }
        throw new AssertionError("order " + orderId + " not found in " + journal);
    }

}
