package io.surge.engine;

import io.surge.engine.config.EngineConfig;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.recovery.JournalCorruptException;
import io.surge.engine.snapshot.SnapshotStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshots on command, periodically and at shutdown; restarts from the newest usable one. */
class SnapshotRecoveryTest {
    @TempDir
    Path dataDir;

    private EngineConfig config() {
        return EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(0).snapshotOnShutdown(false)
            .snapshotEveryEntries(0).snapshotEveryMs(0).build();
    }

    private static void placeOrders(Engine engine, long fromId, int count) throws Exception {
        for (long orderId = fromId; orderId < fromId + count; orderId++) {
            final Outcome outcome = engine.placeOrder(orderId, orderId % 7 + 1, new OrderLines().add(1 + orderId % 3, 1, 100)).get();
            assertTrue(outcome.status() == Status.RESERVED || outcome.status() == Status.REJECTED, outcome.toString());
            if (orderId % 2 == 0) {
                engine.confirmPayment(orderId).get();
            }
        }
    }

    private static void defineCatalogue(Engine engine) throws Exception {
        for (long sku = 1; sku <= 3; sku++) {
            assertEquals(Status.ACCEPTED, engine.defineSku(sku, 1, 100, 500).get().status());
        }
    }

    @Test
    void restartsFromTheSnapshotPlusTheJournalTail() throws Exception {
        final long hash;
        final long snapshotSequence;
        try (Engine engine = Engine.start(config())) {
            defineCatalogue(engine);
            placeOrders(engine, 1, 300);
            final Outcome snapshot = engine.snapshot().get();
            assertEquals(Status.ACCEPTED, snapshot.status(), snapshot.toString());
            snapshotSequence = snapshot.sequence();
            placeOrders(engine, 1_000, 200);
            hash = engine.stateHash().get();
        }
        try (Engine engine = Engine.start(config())) {
            assertNotNull(engine.recovery().snapshot());
            assertEquals(snapshotSequence, engine.recovery().snapshot().sequence());
            assertTrue(engine.recovery().entriesReplayed() > 0 && engine.recovery().entriesReplayed() < 500,
                "replayed " + engine.recovery().entriesReplayed());
            assertEquals(hash, engine.stateHash().get());
        }
    }

    @Test
    void skipsADamagedSnapshotWithAWarningAndUsesAnOlderOne() throws Exception {
        final long hash;
        try (Engine engine = Engine.start(config())) {
            defineCatalogue(engine);
            placeOrders(engine, 1, 100);
            engine.snapshot().get();
            placeOrders(engine, 1_000, 100);
            engine.snapshot().get();
            placeOrders(engine, 2_000, 50);
            hash = engine.stateHash().get();
        }
        final List<Path> snapshots = new SnapshotStore(dataDir.resolve("snapshots"), 3).newestFirst();
        assertEquals(2, snapshots.size());
        flipByte(snapshots.get(0), Files.size(snapshots.get(0)) / 2);
        try (Engine engine = Engine.start(config())) {
            assertEquals(snapshots.get(1), engine.recovery().snapshot().file());
            assertEquals(1, engine.recovery().skipped().size());
            assertTrue(engine.recovery().skipped().get(0).contains("checksum"), engine.recovery().skipped().get(0));
            assertEquals(hash, engine.stateHash().get());
        }
    }

    @Test
    void replaysTheWholeJournalWhenNoSnapshotIsUsable() throws Exception {
        final long hash;
        try (Engine engine = Engine.start(config())) {
            defineCatalogue(engine);
            placeOrders(engine, 1, 100);
            engine.snapshot().get();
            hash = engine.stateHash().get();
        }
        final Path snapshot = new SnapshotStore(dataDir.resolve("snapshots"), 3).newestFirst().get(0);
        try (RandomAccessFile file = new RandomAccessFile(snapshot.toFile(), "rw")) {
            file.setLength(file.length() - 10); // truncated
        }
        try (Engine engine = Engine.start(config())) {
            assertNull(engine.recovery().snapshot());
            assertEquals(1, engine.recovery().skipped().size());
            assertEquals(hash, engine.stateHash().get());
        }
    }

    @Test
    void skipsASnapshotAheadOfTheJournal(@TempDir Path other) throws Exception {
        // A snapshot whose entries the journal no longer holds (say, a journal restored from an
        // older backup) must not be trusted: the journal is the source of truth.
        try (Engine engine = Engine.start(config())) {
            defineCatalogue(engine);
            placeOrders(engine, 1, 100);
            engine.snapshot().get();
        }
        final EngineConfig shorter = config().toBuilder().dataDir(other).build();
        final long hash;
        try (Engine engine = Engine.start(shorter)) {
            defineCatalogue(engine);
            placeOrders(engine, 1, 10);
            hash = engine.stateHash().get();
        }
        final Path stale = new SnapshotStore(dataDir.resolve("snapshots"), 3).newestFirst().get(0);
        Files.createDirectories(other.resolve("snapshots"));
        Files.copy(stale, other.resolve("snapshots").resolve(stale.getFileName()));
        try (Engine engine = Engine.start(shorter)) {
            assertNull(engine.recovery().snapshot());
            assertTrue(engine.recovery().skipped().get(0).contains("journal"),
                engine.recovery().skipped().toString());
            assertEquals(hash, engine.stateHash().get());
        }
    }

    @Test
    void writesSnapshotsPeriodicallyByEntryCountAndKeepsTheNewest() throws Exception {
        final EngineConfig periodic = config().toBuilder().snapshotEveryEntries(100).snapshotKeep(2).build();
        try (Engine engine = Engine.start(periodic)) {
            defineCatalogue(engine);
            placeOrders(engine, 1, 600);
        }
        final SnapshotStore store = new SnapshotStore(dataDir.resolve("snapshots"), 2);
        final List<Path> snapshots = store.newestFirst();
        assertEquals(2, snapshots.size(), "only the newest two are kept: " + snapshots);
        // A capture is declined while the previous file is still being written, so how close the
        // newest snapshot comes to the end depends on the machine's speed; what it covers does not.
        final long newest = store.load(snapshots.get(0)).info().sequence();
        try (Engine engine = Engine.start(periodic)) {
            assertNotNull(engine.recovery().snapshot());
            assertEquals(newest, engine.recovery().snapshot().sequence(), "recovery starts from the newest snapshot");
            assertEquals(engine.recovery().logic().appliedSequence() - newest, engine.recovery().entriesReplayed());
            assertTrue(newest >= 100, "periodic snapshots were taken, the newest at " + newest);
        }
    }

    @Test
    void writesASnapshotAtShutdownSoTheNextStartReplaysNothing() throws Exception {
        final EngineConfig withShutdownSnapshot = config().toBuilder().snapshotOnShutdown(true).build();
        try (Engine engine = Engine.start(withShutdownSnapshot)) {
            defineCatalogue(engine);
            placeOrders(engine, 1, 50);
        }
        try (Engine engine = Engine.start(withShutdownSnapshot)) {
            assertNotNull(engine.recovery().snapshot());
            assertEquals(0, engine.recovery().entriesReplayed());
        }
    }

    @Test
    void refusesToStartOnADamagedJournalEntryNamingItsSequence() throws Exception {
        try (Engine engine = Engine.start(config())) {
            defineCatalogue(engine);
            placeOrders(engine, 1, 200);
        }
        final Path cycleFile;
        try (Stream<Path> files = Files.list(dataDir.resolve("journal"))) {
            cycleFile = files.filter(file -> file.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        corruptLastEntries(cycleFile);
        final EngineStartException failure = assertThrows(EngineStartException.class, () -> Engine.start(config()));
        assertInstanceOf(JournalCorruptException.class, failure.getCause());
        assertTrue(failure.getMessage().contains("journal entry after sequence"), failure.getMessage());
    }

    /** Flips a byte well inside the written part of a journal file (past Chronicle's header). */
    private static void corruptLastEntries(Path cycleFile) throws IOException {
        final byte[] bytes = Files.readAllBytes(cycleFile);
        int last = bytes.length - 1;
        while (last > 0 && bytes[last] == 0) {
            last--;
        }
        flipByte(cycleFile, last - 40);
    }

    private static void flipByte(Path file, long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            final int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0x5A);
        }
    }
}
