package io.surge.replay;

import io.surge.engine.config.SkuDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhatIfCommandTest {
    @TempDir
    Path folder;

    private static Path writeCatalogue(Path file, List<SkuDefinition> skus) throws IOException {
        final StringBuilder csv = new StringBuilder("sku,merchantId,priceCents,stock\n");
        for (SkuDefinition sku : skus) {
            csv.append(sku.sku()).append(',').append(sku.merchantId()).append(',').append(sku.priceCents()).append(',')
                .append(sku.stock()).append('\n');
        }
        return Files.writeString(file, csv);
    }

    private static long number(String report, String label, int column) {
        final Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+([-+\\d,]+)\\s+([-+\\d,]+)").matcher(report);
        assertTrue(m.find(), "no row '" + label + "' in\n" + report);
        return Long.parseLong(m.group(column).replace(",", ""));
    }

    @Test
    void theSameCatalogueReproducesTheRecordedOutcomesExactly() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        final long recordedHash = fixture.write(1, 300);
        final Path catalogue = writeCatalogue(folder.resolve("same.csv"), JournalFixture.catalogue());
        final CliRun run = CliRun.of("what-if", "--data", fixture.dataDir.toString(), "--catalogue", catalogue.toString(),
            "--out", folder.resolve("out").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("orders with another outcome: 0 "), run.out());
        assertEquals(number(run.out(), "orders reserved", 1), number(run.out(), "orders reserved", 2));
        assertEquals(number(run.out(), "orders rejected", 1), number(run.out(), "orders rejected", 2));
        assertEquals(number(run.out(), "orders paid", 1), number(run.out(), "orders paid", 2));
        assertTrue(run.out().contains(String.format("what-if state hash: %016x", recordedHash)),
            "the re-run must end in the recorded state\n" + run.out());
        assertTrue(Files.isDirectory(folder.resolve("out/journal")));
        assertTrue(run.out().contains("recorded SKU definitions replaced by " + catalogue + ": "
            + JournalFixture.catalogue().size() + " SKUs, 0 of them not in it"), run.out());
    }

    @Test
    void skusTheJournalDefinedButTheCatalogueLacksAreCounted() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        fixture.write(1, 50);
        final List<SkuDefinition> fewer = JournalFixture.catalogue().subList(0, 1);
        final Path catalogue = writeCatalogue(folder.resolve("fewer.csv"), fewer);
        final CliRun run = CliRun.of("what-if", "--data", fixture.dataDir.toString(), "--catalogue", catalogue.toString());
        assertEquals(0, run.exitCode(), run.err());
        final int defined = JournalFixture.catalogue().size();
        assertTrue(run.out().contains(defined + " SKUs, " + (defined - 1) + " of them not in it"), run.out());
    }

    @Test
    void anOutputPathThatIsAFileIsAOneLineUsageError() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        fixture.write(1, 10);
        final Path catalogue = writeCatalogue(folder.resolve("same.csv"), JournalFixture.catalogue());
        final Path file = Files.writeString(folder.resolve("a-file"), "x");
        final CliRun run = CliRun.of("what-if", "--data", fixture.dataDir.toString(), "--catalogue", catalogue.toString(),
            "--out", file.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertFalse(run.err().contains("java."), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void moreStockOfASoldOutSkuReservesMore() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        fixture.write(1, 300);
        final List<SkuDefinition> moreStock = JournalFixture.catalogue().stream()
            .map(sku -> sku.sku() == 1 ? new SkuDefinition(1, sku.merchantId(), sku.priceCents(), 500) : sku)
            .toList();
        final Path catalogue = writeCatalogue(folder.resolve("more.csv"), moreStock);
        final CliRun run = CliRun.of("what-if", "--data", fixture.dataDir.toString(), "--catalogue", catalogue.toString());
        assertEquals(0, run.exitCode(), run.err());
        final long recorded = number(run.out(), "orders reserved", 1);
        final long whatIf = number(run.out(), "orders reserved", 2);
        assertTrue(whatIf > recorded, run.out());
        assertTrue(number(run.out(), "  OUT_OF_STOCK", 2) < number(run.out(), "  OUT_OF_STOCK", 1), run.out());
        assertTrue(run.out().contains("REJECTED OUT_OF_STOCK -> RESERVED"), run.out());
        assertTrue(run.out().contains("SKU 1: "), "SKU 1 sold out at another time, or never\n" + run.out());
    }

    @Test
    void aBadCatalogueIsAOneLineUsageError() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        fixture.write(1, 10);
        final Path catalogue = Files.writeString(folder.resolve("bad.csv"), "sku,merchantId,priceCents,stock\n1,1,x,5\n");
        final CliRun run = CliRun.of("what-if", "--data", fixture.dataDir.toString(), "--catalogue", catalogue.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bad.csv line 2"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void refusesToWriteIntoAFolderThatIsNotEmpty() throws Exception {
        final JournalFixture fixture = new JournalFixture(folder.resolve("data"));
        fixture.write(1, 10);
        final Path catalogue = writeCatalogue(folder.resolve("same.csv"), JournalFixture.catalogue());
        final Path out = Files.createDirectories(folder.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "x");
        final CliRun run = CliRun.of("what-if", "--data", fixture.dataDir.toString(), "--catalogue", catalogue.toString(),
            "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("not empty"), run.err());
    }
}
