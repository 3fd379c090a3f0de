package io.surge.benchmarks;

import io.surge.engine.Engine;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.journal.Durability;
import io.surge.engine.pipeline.WaitStrategyKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The whole engine: {@link Engine#start} on a temporary data directory (100,000 SKUs seeded),
 * then the benchmark thread publishes through the zero-allocation
 * {@link Engine#placeOrder(long, long, io.surge.engine.domain.OrderLines,
 * io.surge.engine.pipeline.ResultListener, long) placeOrder}/{@code confirmPayment}/{@code cancelOrder}
 * with one reusable listener that counts answers. Each invocation publishes
 * {@value #ORDERS_PER_INVOCATION} orders and then pays 90% and cancels 5% of the previous
 * invocation's orders (the other 5% expire through the engine's ticks after
 * {@value #RESERVATION_TIMEOUT_MS} ms), and waits until all {@code 19,500} commands are
 * journaled and acknowledged. The score is <b>orders</b> per second; commands per second are
 * 1.95 times that.
 * <p>
 * Parameters: {@code durability} {@code page-cache} or {@code fsync} (one fsync per journal
 * batch); {@code waitStrategy} {@code yielding}, {@code backoff} (the default) or {@code sleeping}
 * (busy-spin is pointless on a 2-core machine). One engine per trial (per parameter
 * combination), in a fresh folder deleted at the end of the trial; it runs at least
 * {@value #WARM_ORDERS} orders and {@value #WARM_MS} ms
 * before JMH's warm-up, so the idempotency window is full and expiries flow: nothing grows while
 * measuring (which is what makes {@code -prof gc} meaningful: JMH counts allocation in
 * iteration-level set-up too, so the engine must not start per iteration). An iteration fails
 * if any command FAILED or more than 5% were rejected (payments after expiry: the machine stalled
 * the engine for seconds), and warns about any rejection.
 * <p>
 * Disk: the journal grows by about 230 bytes per order (the order, its payment with fulfilment
 * request, or its cancellation), so about 0.7 GB per second at 3M orders/s; the default trial
 * (8 one-second iterations plus warm-up) writes a few GB, deleted when the trial ends.
 * <p>
 * Allocation: {@code -prof gc} reports all allocation in the JVM (publishing thread, both
 * pipeline threads, the ticker) divided by orders; ~0 B/op means the whole order path is
 * allocation-free.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipelineBenchmark {
    static final int ORDERS_PER_INVOCATION = 10_000;
    static final long RESERVATION_TIMEOUT_MS = 2_000;
    static final int MAX_EXPIRIES_PER_TICK = 16_384;
    static final int WARM_ORDERS = 1_200_000;
    /** Longer than the reservation timeout, so expiries are flowing before measurement. */
    static final long WARM_MS = RESERVATION_TIMEOUT_MS + 500;
    /** Payments that arrive after expiry (only when the machine stalls for seconds): warned about up to this share. */
    static final double MAX_REJECTED_FRACTION = 0.05;

    @Param({"page-cache", "fsync"})
    public String durability;

    @Param({"yielding", "backoff", "sleeping"})
    public String waitStrategy;

    @Param({"65536"})
    public int ringSize;

    /** {@code uniform} or {@code hot} (90% of orders start with one of ten hot SKUs), as in {@link BusinessLogicBenchmark}. */
    @Param({"uniform"})
    public String workload;

    private Catalogue catalogue;
    private OrderMix mix;
    private Path dataDir;
    private Engine engine;
    private EngineDriver driver;

    @Setup(Level.Trial)
    public void startEngine() {
        catalogue = new Catalogue(Catalogue.DEFAULT_SIZE, 42);
        mix = new OrderMix(catalogue, "hot".equals(workload), ORDERS_PER_INVOCATION, 32, 7);
        dataDir = TempDirs.create("surge-bench-pipeline-");
        engine = Engine.start(config(dataDir, catalogue, Durability.fromConfigName(durability),
            WaitStrategyKind.fromConfigName(waitStrategy), ringSize));
        driver = new EngineDriver(engine, mix);
        driver.warmUp(WARM_ORDERS, WARM_MS);
    }

    @Benchmark
    @OperationsPerInvocation(ORDERS_PER_INVOCATION)
    public long placeAndSettle() {
        driver.runBatch();
        return driver.published();
    }

    /** Every iteration must have been answered without failures (and almost no late payments). */
    @TearDown(Level.Iteration)
    public void checkIteration() {
        driver.check(MAX_REJECTED_FRACTION);
        driver.resetCounts();
    }

    @TearDown(Level.Trial)
    public void stopEngine() {
        try {
            engine.close();
        } finally {
            TempDirs.delete(dataDir);
        }
    }

    static EngineConfig config(Path dataDir, Catalogue catalogue, Durability durability, WaitStrategyKind waitStrategy,
        int ringSize) {
        if (durability == null || waitStrategy == null) {
            throw new IllegalArgumentException("durability page-cache|fsync, waitStrategy blocking|sleeping|backoff|yielding|busy-spin");
        }
        return EngineConfig.builder(dataDir)
            .ringSize(ringSize)
            .waitStrategy(waitStrategy)
            .durability(durability)
            .minFreeBytes(0)
            .snapshotEveryEntries(0)
            .snapshotEveryMs(0)
            .snapshotOnShutdown(false)
            .reservationTimeoutMs(RESERVATION_TIMEOUT_MS)
            .maxExpiriesPerTick(MAX_EXPIRIES_PER_TICK)
            .catalogue(catalogue.definitions())
            .build();
    }
}
