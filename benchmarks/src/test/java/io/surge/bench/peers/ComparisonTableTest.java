package io.surge.bench.peers;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTableTest {
    private static final List<String> WORKLOADS = List.of("uniform", "hot-deep");

    private static ComparisonTable table(Map<String, RunFigures> runs) {
        return new ComparisonTable(WORKLOADS, runs, "heading");
    }

    private static Map<String, RunFigures> allRuns() {
        return Map.of(
            "surge-uniform", new RunFigures(1_000_000, 900, 0, 0),
            "surge-hot-deep", new RunFigures(970_000, 950, 1_234, 0),
            "redis-uniform", new RunFigures(50_000, 20_000, 0, 0),
            "redis-hot-deep", new RunFigures(125_000, 21_000, 0, 0),
            "postgres-uniform", new RunFigures(5_000, 9_000, 0, 0),
            "postgres-hot-deep", new RunFigures(2_000, 15_000, 0, 3));
    }

    @Test
    void ratiosAreSurgeOverEachPeerPerWorkload() {
        final ComparisonTable table = table(allRuns());
        assertEquals(20.0, table.ratio("redis", "uniform").orElseThrow(), 1e-9);
        assertEquals(7.76, table.ratio("redis", "hot-deep").orElseThrow(), 1e-9);
        assertEquals(200.0, table.ratio("postgres", "uniform").orElseThrow(), 1e-9);
        assertEquals(0.97, table.hotDeepShare().orElseThrow(), 1e-9);
    }

    @Test
    void textTableShowsRatesRatiosAndTargetsMetOrMissed() {
        final String text = table(allRuns()).toText();
        assertTrue(text.contains("uniform   1,000,000   50,000       5,000        20.0x              200x"), text);
        assertTrue(text.contains("hot-deep    970,000  125,000       2,000         7.8x              485x"), text);
        assertTrue(text.contains("Target Surge >= 10x Redis: uniform 20.0x (met), hot-deep 7.8x (MISSED)"), text);
        assertTrue(text.contains("Target Surge >= 100x PostgreSQL: uniform 200x (met), hot-deep 485x (met)"), text);
        assertTrue(text.contains("Target Surge on hot-deep >= 95.0% of uniform: 97.0% (met)"), text);
        assertTrue(text.contains("PostgreSQL hot-deep: 3 orders ended in errors"), text);
        assertTrue(text.contains("Surge hot-deep: 1,234 orders rejected (the comparison expects none"), text);
        assertFalse(text.contains("Surge uniform: 0 orders rejected"), text);
    }

    @Test
    void aFailedRunShowsAsFailedAndItsRatiosAsNotMeasured() {
        final Map<String, RunFigures> runs = new java.util.HashMap<>(allRuns());
        runs.remove("surge-hot-deep");
        final ComparisonTable table = table(runs);
        final String text = table.toText();
        assertTrue(text.contains("hot-deep     failed"), text);
        assertTrue(text.contains("hot-deep not measured"), text);
        assertTrue(text.contains("Target Surge on hot-deep >= 95.0% of uniform: not measured"), text);
        assertTrue(text.contains("Surge hot-deep: the run failed"), text);
        assertFalse(table.hotDeepShare().isPresent());
    }

    @Test
    void markdownIsAPipeTableWithTheSameFigures() {
        final String markdown = table(allRuns()).toMarkdown();
        assertTrue(markdown.contains("| workload | Surge orders/s | Redis orders/s | PostgreSQL orders/s | Surge/Redis | Surge/PostgreSQL |"),
            markdown);
        assertTrue(markdown.contains("| uniform | 1,000,000 | 50,000 | 5,000 | 20.0x | 200x |"), markdown);
        assertTrue(markdown.contains("- Target Surge >= 10x Redis: uniform 20.0x (met), hot-deep 7.8x (MISSED)"), markdown);
    }

    @Test
    void jsonMapCarriesRatiosAndTheHotDeepShare() {
        final Map<String, Object> json = table(allRuns()).toJsonMap();
        final List<?> rows = (List<?>) json.get("rows");
        final Map<?, ?> uniform = (Map<?, ?>) rows.get(0);
        assertEquals("uniform", uniform.get("workload"));
        assertEquals(20.0, (Double) uniform.get("surgeOverRedis"), 1e-9);
        assertEquals(0.97, (Double) json.get("surgeHotDeepShareOfUniform"), 1e-9);
    }

    @Test
    void ratiosBelowAHundredKeepOneDecimal() {
        assertEquals("9.9x", ComparisonTable.times(Optional.of(9.94)));
        assertEquals("123x", ComparisonTable.times(Optional.of(123.4)));
        assertEquals("-", ComparisonTable.times(Optional.empty()));
    }
}
