package io.surge.engine;

import io.surge.engine.config.EngineConfig;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.journal.JournalAppender;
import io.surge.engine.pipeline.EngineUnavailableException;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the journal cannot take more (an I/O error, a full disk), the engine stops acknowledging,
 * says why, and loses nothing it acknowledged before.
 */
class JournalFailureTest {
    @TempDir
    Path dataDir;

    private EngineConfig config() {
        return EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(1).snapshotOnShutdown(false).build();
    }

    @Test
    void haltsWhenAppendingFailsAndKeepsEveryAcknowledgedOrder() throws Exception {
        final AtomicBoolean diskBroken = new AtomicBoolean();
        final List<Long> acknowledged = new ArrayList<>();
        final List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        try (Engine engine = Engine.start(config(), appender -> failing(appender, diskBroken), null)) {
            engine.defineSku(1, 1, 100, 1_000_000).get();
            for (long orderId = 1; orderId <= 200; orderId++) {
                outcomes.add(engine.placeOrder(orderId, 7, new OrderLines().add(1, 1, 100)));
            }
            for (CompletableFuture<Outcome> outcome : outcomes) {
                assertEquals(Status.RESERVED, outcome.get().status());
                acknowledged.add(outcome.get().orderId());
            }
            diskBroken.set(true);
            final Outcome afterFailure = engine.placeOrder(1_000, 7, new OrderLines().add(1, 1, 100)).get();
            assertEquals(Status.FAILED, afterFailure.status());
            assertTrue(afterFailure.failure().contains("disk on fire"), afterFailure.failure());
            assertNotNull(engine.haltReason());
            final EngineUnavailableException refused = assertThrows(EngineUnavailableException.class,
                () -> engine.placeOrder(1_001, 7, new OrderLines().add(1, 1, 100)));
            assertTrue(refused.getMessage().contains("halted"), refused.getMessage());
        }
        try (Engine engine = Engine.start(config())) {
            for (long orderId : acknowledged) {
                final Outcome retry = engine.placeOrder(orderId, 7, new OrderLines().add(1, 1, 100)).get();
                assertEquals(Status.RESERVED, retry.status(), "acknowledged order " + orderId + " was lost");
            }
            assertEquals(acknowledged.size(), engine.sku(1).get().orElseThrow().reserved(),
                "only acknowledged orders hold stock after recovery");
        }
    }

    @Test
    void haltsBeforeTheDiskFillsUp() throws Exception {
        final AtomicLong freeBytes = new AtomicLong(Long.MAX_VALUE);
        try (Engine engine = Engine.start(config().toBuilder().minFreeBytes(64L << 20).build(), appender -> appender,
            freeBytes::get)) {
            engine.defineSku(1, 1, 100, 1_000).get();
            assertEquals(Status.RESERVED, engine.placeOrder(1, 7, new OrderLines().add(1, 1, 100)).get().status());
            freeBytes.set(10L << 20);
            // The guard looks at most every 50 ms, on the next batch (an order or the periodic tick).
            final long deadline = System.nanoTime() + 5_000_000_000L;
            while (engine.haltReason() == null && System.nanoTime() < deadline) {
                try {
                    final Outcome outcome = engine.placeOrder(2, 7, new OrderLines().add(1, 1, 100)).get();
                    assertTrue(outcome.status() == Status.RESERVED || outcome.status() == Status.FAILED, outcome.toString());
                } catch (EngineUnavailableException e) {
                    break;
                }
                Thread.sleep(10);
            }
            assertNotNull(engine.haltReason(), "the engine kept journaling with the disk nearly full");
            assertThrows(EngineUnavailableException.class, () -> engine.placeOrder(3, 7, new OrderLines().add(1, 1, 100)));
            assertTrue(engine.haltReason().contains("journal disk nearly full"), engine.haltReason());
            assertTrue(engine.haltReason().contains("journal.minFreeBytes"), engine.haltReason());
        }
        try (Engine engine = Engine.start(config().toBuilder().minFreeBytes(0).build())) {
            assertTrue(engine.sku(1).get().orElseThrow().reserved() >= 1, "the acknowledged order survives");
            assertEquals(Status.RESERVED, engine.placeOrder(1, 7, new OrderLines().add(1, 1, 100)).get().status());
        }
    }

    @Test
    void aFailedFlushAnswersTheWholeBatchFailed() throws Exception {
        final AtomicBoolean failFlush = new AtomicBoolean();
        try (Engine engine = Engine.start(config(), appender -> new DelegatingAppender(appender) {
            @Override
            public void flush() {
                if (failFlush.get()) {
                    throw new IllegalStateException("fsync failed: EIO");
                }
                super.flush();
            }
        }, null)) {
            engine.defineSku(1, 1, 100, 1_000).get();
            failFlush.set(true);
            final List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
            for (long orderId = 1; orderId <= 50; orderId++) {
                try {
                    outcomes.add(engine.placeOrder(orderId, 7, new OrderLines().add(1, 1, 100)));
                } catch (EngineUnavailableException e) {
                    break; // the first failed batch halted the engine: later orders are refused at once
                }
            }
            assertTrue(outcomes.size() >= 1);
            for (CompletableFuture<Outcome> outcome : outcomes) {
                final Outcome failed = outcome.get(10, TimeUnit.SECONDS);
                assertEquals(Status.FAILED, failed.status(), "an order of a batch that was not flushed: " + failed);
            }
            assertTrue(engine.haltReason().contains("fsync failed: EIO"), engine.haltReason());
        }
        try (Engine engine = Engine.start(config())) {
            assertEquals(0, engine.sku(1).get().orElseThrow().reserved(), "nothing of a failed batch is journaled");
        }
    }

    @Test
    void refusesToStartWhenTheJournalLostItsNewestCycleFile() throws Exception {
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(1, 1, 100, 1_000).get();
            assertEquals(Status.RESERVED, engine.placeOrder(1, 7, new OrderLines().add(1, 1, 100)).get().status());
        }
        // A later cycle file, as ten minutes more of the engine's writing would have made; then lost.
        final Path journalDir = config().journalDir();
        final SetTimeProvider later = new SetTimeProvider(System.currentTimeMillis() + 10 * 60_000);
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(journalDir.toFile())
            .rollCycle(RollCycles.FIVE_MINUTELY).timeProvider(later).build();
             ExcerptAppender appender = queue.createAppender()) {
            appender.writeBytes(net.openhft.chronicle.bytes.Bytes.from("entries the engine would have written"));
        }
        final List<Path> cycles;
        try (var files = Files.list(journalDir)) {
            cycles = files.filter(file -> file.toString().endsWith(".cq4")).sorted().toList();
        }
        assertEquals(2, cycles.size(), "cycle files: " + cycles);
        Files.delete(cycles.get(1));

        final EngineStartException refused = assertThrows(EngineStartException.class, () -> Engine.start(config()));
        assertTrue(refused.getMessage().contains("newest cycle file " + journalDir.resolve(cycles.get(1).getFileName())
            + " is missing"), refused.getMessage());
    }

    @Test
    void refusesToStartWhenTheDataDirectoryIsAFile() throws IOException {
        final Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");
        final EngineStartException failure = assertThrows(EngineStartException.class,
            () -> Engine.start(EngineConfig.builder(file).build()));
        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
    }

    @Test
    void refusesASecondEngineOnTheSameDirectory() {
        try (Engine engine = Engine.start(config())) {
            final EngineStartException failure = assertThrows(EngineStartException.class, () -> Engine.start(config()));
            assertTrue(failure.getMessage().contains("another engine"), failure.getMessage());
            assertNotNull(engine.journalDirectory());
        }
    }

    private static JournalAppender failing(JournalAppender appender, AtomicBoolean broken) {
        return new DelegatingAppender(appender) {
            @Override
            public void append(DirectBuffer buffer, int offset, int length) {
                if (broken.get()) {
                    throw new IllegalStateException("disk on fire");
                }
                super.append(buffer, offset, length);
            }
        };
    }

    /** The real appender, for tests to override the one step that should fail. */
    private static class DelegatingAppender implements JournalAppender {
        private final JournalAppender delegate;

        DelegatingAppender(JournalAppender delegate) {
            this.delegate = delegate;
        }

        @Override
        public void append(DirectBuffer buffer, int offset, int length) {
            delegate.append(buffer, offset, length);
        }

        @Override
        public void flush() {
            delegate.flush();
        }

        @Override
        public long bytesAppended() {
            return delegate.bytesAppended();
        }

        @Override
        public long lastPosition() {
            return delegate.lastPosition();
        }
    }
}
