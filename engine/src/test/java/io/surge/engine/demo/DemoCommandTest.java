package io.surge.engine.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.surge.engine.cli.SurgeMain;
import io.surge.engine.codec.EntryHeader;
import io.surge.engine.codec.EntryReader;
import io.surge.engine.codec.sbe.PlaceOrderDecoder;
import io.surge.engine.journal.ChronicleJournal;
import io.surge.engine.journal.JournalTailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo end to end on the built-in configuration, as `./surge demo` runs it. */
class DemoCommandTest {
    @TempDir
    Path folder;

    @Test
    void runsTheDemoAndWritesAConsistentJsonSummary() throws Exception {
        final Path data = folder.resolve("demo-data");
        final Path json = folder.resolve("out/summary.json");
        final int exit = SurgeMain.commandLine().execute("demo", "--orders", "30000", "--data", data.toString(),
            "--json", json.toString());
        assertEquals(0, exit);
        final JsonNode summary = new ObjectMapper().readTree(json.toFile());
        for (String key : new String[] {"orders", "ordersPerSecond", "reserved", "rejected", "paid", "cancelled",
            "expired", "gmvCents", "journalBytes", "stateHash"}) {
            assertTrue(summary.has(key), "missing key " + key + " in " + summary);
        }
        assertEquals(30_000, summary.get("orders").asLong());
        assertEquals(30_000, summary.get("reserved").asLong() + summary.get("rejected").asLong());
        assertEquals(summary.get("reserved").asLong(),
            summary.get("paid").asLong() + summary.get("cancelled").asLong() + summary.get("expired").asLong(),
            "every reservation ends paid, cancelled or expired");
        assertTrue(summary.get("paid").asLong() > 0 && summary.get("cancelled").asLong() > 0
            && summary.get("expired").asLong() > 0, summary.toString());
        assertTrue(summary.get("gmvCents").asLong() > 0);
        assertTrue(summary.get("journalBytes").asLong() > 0);
        assertTrue(Files.isDirectory(data.resolve("journal")));
        long reasons = 0;
        for (JsonNode count : summary.get("rejectedByReason")) {
            reasons += count.asLong();
        }
        assertEquals(summary.get("rejected").asLong(), reasons);
        assertOrdersSpreadOverTheSale(data);

        // A second run replaces the first demo's folder.
        assertEquals(0, SurgeMain.commandLine().execute("demo", "--orders", "1000", "--data", data.toString()));
    }

    /**
     * The stream drives the sale clock over 30 sale minutes; orders queued in the ring must not be
     * stamped with a clock the producer already moved ahead (at 30k orders that once put 73% of
     * them in the last minute).
     */
    private static void assertOrdersSpreadOverTheSale(Path data) {
        final Map<Long, Integer> ordersByMinute = new TreeMap<>();
        final EntryReader reader = new EntryReader();
        try (ChronicleJournal journal = ChronicleJournal.openReadOnly(data.resolve("journal"));
             JournalTailer tailer = journal.tailer()) {
            tailer.toStart();
            while (tailer.read((buffer, offset, length, position) -> {
                final long minute = EntryHeader.engineTimeMs(buffer, offset) / 60_000;
                reader.forEachMessage(buffer, offset, (index, templateId, b, body, blockLength, version) -> {
                    if (index == 0 && templateId == PlaceOrderDecoder.TEMPLATE_ID) {
                        ordersByMinute.merge(minute, 1, Integer::sum);
                    }
                });
                return true;
            }, 1024) > 0) {
                // next chunk
            }
        }
        final int orders = ordersByMinute.values().stream().mapToInt(Integer::intValue).sum();
        final int busiest = ordersByMinute.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        assertTrue(ordersByMinute.size() >= 25 && busiest < orders / 5,
            "orders per sale minute should spread over the 30 minutes: " + ordersByMinute);
    }

    @Test
    void refusesToClearAFolderItDidNotMake() throws Exception {
        final Path data = Files.createDirectories(folder.resolve("precious"));
        Files.writeString(data.resolve("keep-me.txt"), "important");
        final StringWriter err = new StringWriter();
        final var commandLine = SurgeMain.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(1, commandLine.execute("demo", "--orders", "10", "--data", data.toString()));
        assertTrue(err.toString().contains("not empty"), err.toString());
        assertTrue(Files.exists(data.resolve("keep-me.txt")));
    }

    @Test
    void rejectsAnUnknownOptionWithUsageExitCode() {
        assertEquals(2, SurgeMain.commandLine().execute("demo", "--oders", "10"));
    }
}
