package io.surge.engine;

import io.surge.engine.config.EngineConfig;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.domain.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded API against a real engine: real ring, real journal on disk. */
class EngineApiTest {
    @TempDir
    Path dataDir;

    private final AtomicLong clockMs = new AtomicLong(1_000_000);

    private EngineConfig config() {
        return EngineConfig.builder(dataDir).ringSize(1024).minFreeBytes(0).snapshotOnShutdown(false)
            .reservationTimeoutMs(60_000).clock(clockMs::get).build();
    }

    @Test
    void answersOnlyAfterTheCommandIsJournaled() throws Exception {
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(1, 1, 100, 100).get();
            final CountDownLatch answered = new CountDownLatch(50);
            final AtomicReference<String> problem = new AtomicReference<>();
            final OrderLines lines = new OrderLines().add(1, 1, 100);
            for (long orderId = 1; orderId <= 50; orderId++) {
                engine.placeOrder(orderId, 9, lines, (correlationId, result) -> {
                    if (result.sequence() == 0 || engine.metrics().journaledSequence() < result.sequence()) {
                        problem.compareAndSet(null, "order " + correlationId + " answered before its entry "
                            + result.sequence() + " was journaled");
                    }
                    answered.countDown();
                }, orderId);
            }
            assertTrue(answered.await(10, TimeUnit.SECONDS));
            assertNull(problem.get());
        }
    }

    @Test
    void readsSkuOrderAndStatsConsistently() throws Exception {
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(42, 3, 19_900, 10).get();
            final Outcome reserved = engine.placeOrder(1001, 7, new OrderLines().add(42, 2, 19_900)).get();
            assertEquals(Status.RESERVED, reserved.status());
            assertEquals(clockMs.get() + 60_000, reserved.expiresAtMs());
            final OrderView order = engine.order(1001).get().orElseThrow();
            assertEquals(7, order.customerId());
            assertEquals(List.of(new OrderView.Line(42, 2, 19_900)), order.lines());
            assertEquals(new SkuView(42, 3, 19_900, 8, 2, 0), engine.sku(42).get().orElseThrow());
            assertEquals(Status.PAID, engine.confirmPayment(1001).get().status());
            assertTrue(engine.order(1001).get().isEmpty(), "a paid order leaves the live state");
            assertTrue(engine.sku(43).get().isEmpty());
            final EngineStats stats = engine.stats().get();
            assertEquals(1, stats.ordersReserved());
            assertEquals(1, stats.ordersPaid());
            assertEquals(2 * 19_900, stats.gmvPaidCents());
            assertEquals(engine.metrics().journaledSequence(), stats.journalSequence());
        }
    }

    @Test
    void neverOversellsWithManyConcurrentPublishers() throws Exception {
        final int threads = 4;
        final int ordersPerThread = 3_000;
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(1, 1, 100, 1_000).get();
            final List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
            final List<Thread> publishers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final long base = (t + 1) * 1_000_000L;
                final Thread publisher = new Thread(() -> {
                    final OrderLines lines = new OrderLines().add(1, 1, 100);
                    for (long i = 0; i < ordersPerThread; i++) {
                        final CompletableFuture<Outcome> outcome = engine.placeOrder(base + i, base + i, lines);
                        synchronized (outcomes) {
                            outcomes.add(outcome);
                        }
                    }
                });
                publishers.add(publisher);
                publisher.start();
            }
            for (Thread publisher : publishers) {
                publisher.join();
            }
            long reserved = 0;
            long outOfStock = 0;
            for (CompletableFuture<Outcome> outcome : outcomes) {
                final Outcome o = outcome.get(10, TimeUnit.SECONDS);
                if (o.status() == Status.RESERVED) {
                    reserved++;
                } else if (o.reason() == RejectReason.OUT_OF_STOCK) {
                    outOfStock++;
                }
            }
            assertEquals(1_000, reserved);
            assertEquals(threads * ordersPerThread - 1_000, outOfStock);
            assertEquals(new SkuView(1, 1, 100, 0, 1_000, 0), engine.sku(1).get().orElseThrow());
        }
    }

    @Test
    void expiresReservationsOnEngineTimeThroughTicks() throws Exception {
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(1, 1, 100, 10).get();
            assertEquals(Status.RESERVED, engine.placeOrder(1, 7, new OrderLines().add(1, 3, 100)).get().status());
            clockMs.addAndGet(59_999);
            engine.tick().get();
            assertFalse(engine.order(1).get().isEmpty(), "not due yet");
            clockMs.addAndGet(1);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (engine.order(1).get().isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(5); // the periodic tick does it
            }
            assertTrue(engine.order(1).get().isEmpty(), "the reservation expired");
            assertEquals(new SkuView(1, 1, 100, 10, 0, 0), engine.sku(1).get().orElseThrow());
            assertEquals(1, engine.stats().get().ordersExpired());
            assertEquals(Status.REJECTED, engine.confirmPayment(1).get().status());
        }
    }

    @Test
    void manyLargeEntriesInOneBatchDoNotStallThePipeline() throws Exception {
        // Sales of 8,000 SKUs make 64 KB entries. Held back until 200 of them queue up, they reach
        // the logic thread as one batch, more than the log between the logic and journal threads
        // holds: the logic thread must show the journal thread its progress mid-batch rather
        // than wait for space forever.
        final AtomicBoolean hold = new AtomicBoolean();
        final CountDownLatch release = new CountDownLatch(1);
        final EngineConfig held = config().toBuilder().ringSize(4096).clock(() -> {
            if (hold.get()) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return clockMs.get();
        }).build();
        try (Engine engine = Engine.start(held)) {
            final long[] skus = new long[8_000];
            final List<CompletableFuture<Outcome>> definitions = new ArrayList<>();
            for (int i = 0; i < skus.length; i++) {
                skus[i] = i + 1;
                definitions.add(engine.defineSku(skus[i], 1, 100, 10));
            }
            for (CompletableFuture<Outcome> definition : definitions) {
                definition.get(30, TimeUnit.SECONDS);
            }
            hold.set(true);
            final List<CompletableFuture<Outcome>> sales = new ArrayList<>();
            for (long saleId = 1; saleId <= 200; saleId++) {
                sales.add(engine.defineSale(saleId, 0, Long.MAX_VALUE, 2, skus));
            }
            hold.set(false);
            release.countDown();
            for (CompletableFuture<Outcome> sale : sales) {
                assertEquals(Status.ACCEPTED, sale.get(30, TimeUnit.SECONDS).status());
            }
            assertTrue(engine.metrics().journalBytesAppended() > 200L * 8_000 * 8);
        }
    }

    @Test
    void engineTimeNeverGoesBackwardsWhenTheWallClockDoes() throws Exception {
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(1, 1, 100, 10).get();
            final Outcome first = engine.placeOrder(1, 7, new OrderLines().add(1, 1, 100)).get();
            clockMs.addAndGet(-500_000);
            final Outcome second = engine.placeOrder(2, 7, new OrderLines().add(1, 1, 100)).get();
            assertTrue(second.expiresAtMs() >= first.expiresAtMs(), first + " then " + second);
        }
    }

    @Test
    void engineTimeContinuesFromTheJournalAfterARestartEvenIfTheWallClockWentBack() throws Exception {
        final long firstExpiry;
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(1, 1, 100, 10).get();
            firstExpiry = engine.placeOrder(1, 7, new OrderLines().add(1, 1, 100)).get().expiresAtMs();
        }
        clockMs.addAndGet(-500_000);
        try (Engine engine = Engine.start(config())) {
            final Outcome later = engine.placeOrder(2, 7, new OrderLines().add(1, 1, 100)).get();
            assertTrue(later.expiresAtMs() >= firstExpiry, "engine time went back across the restart: " + later);
        }
    }

    @Test
    void aRetryIsAnsweredFromMemoryWithoutJournaling() throws Exception {
        try (Engine engine = Engine.start(config())) {
            engine.defineSku(1, 1, 100, 10).get();
            final Outcome first = engine.placeOrder(5, 7, new OrderLines().add(1, 1, 100)).get();
            final Outcome retry = engine.placeOrder(5, 7, new OrderLines().add(1, 1, 100)).get();
            assertEquals(Status.RESERVED, retry.status());
            assertEquals(first.expiresAtMs(), retry.expiresAtMs());
            assertEquals(0, retry.sequence());
            final Outcome other = engine.placeOrder(5, 7, new OrderLines().add(1, 2, 100)).get();
            assertEquals(RejectReason.DUPLICATE_ORDER, other.reason());
            assertEquals(9, engine.sku(1).get().orElseThrow().available());
        }
    }
}
