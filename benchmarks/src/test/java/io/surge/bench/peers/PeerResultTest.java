package io.surge.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerResultTest {
    @Test
    void totalsAddUpEveryConnectionAndGiveThroughputAndPercentiles() {
        final SessionTally first = new SessionTally();
        final SessionTally second = new SessionTally();
        for (int i = 1; i <= 1_000; i++) {
            first.reserved(i * 1_000L);
        }
        second.rejected(5_000_000L);
        second.error("Redis: connection reset");
        final RunTotals totals = new RunTotals();
        first.addTo(totals);
        second.addTo(totals);

        final PeerResult result = totals.toResult("redis", "uniform", 2, 100_000, 42, 2_000_000_000L);

        assertEquals(1_002, result.orders());
        assertEquals(501.0, result.ordersPerSecond());
        assertEquals(1_000, result.reserved());
        assertEquals(1, result.rejected());
        assertEquals(1, result.errors());
        assertEquals("Redis: connection reset", result.firstError());
        assertEquals(500, result.p50Micros(), 1);
        assertEquals(990, result.p99Micros(), 2);
        assertEquals(5_000, result.maxMicros(), 5);
        assertEquals(2.0, result.durationSeconds());
    }

    @Test
    void jsonHasTheLoadGeneratorsKeysAndReadsBack(@TempDir Path folder) throws Exception {
        final PeerResult result = new PeerResult("postgres", "hot-deep", 4, 100_000, 42, 20.0, 40_000, 2_000.0, 1_500, 3_000,
            9_000, 20_000, 50_000, 39_990, 10, 0, null);
        final Path file = folder.resolve("nested/postgres-hot-deep.json");
        result.writeJson(file);

        final JsonNode json = new ObjectMapper().readTree(file.toFile());
        for (String key : new String[] {"ordersPerSecond", "p50Micros", "p99Micros", "p999Micros", "maxMicros", "reserved",
            "rejected", "errors"}) {
            assertTrue(json.has(key), key + " in " + json);
        }
        assertEquals(2_000.0, json.get("ordersPerSecond").asDouble());
        assertEquals(result, PeerResult.readJson(file));
        assertEquals(new RunFigures(2_000.0, 9_000, 10, 0), RunFigures.read(file));
    }

    @Test
    void anEmptyRunHasZeroesNotErrors() {
        final PeerResult result = new RunTotals().toResult("redis", "uniform", 1, 100, 1, 1_000_000_000L);
        assertEquals(0, result.orders());
        assertEquals(0, result.p99Micros());
        assertEquals(0, result.maxMicros());
        assertNull(result.firstError());
    }

    @Test
    void summaryLineNamesTheRunAndItsFirstError() {
        final PeerResult result = new PeerResult("redis", "uniform", 4, 100_000, 42, 20.0, 1_000_000, 50_000.0, 100, 200,
            300, 400, 500, 999_999, 0, 1, "Redis: timeout");
        final String line = result.summaryLine();
        assertTrue(line.startsWith("redis uniform: 50,000 orders/s"), line);
        assertTrue(line.endsWith("first error: Redis: timeout"), line);
    }
}
