package io.surge.benchmarks;

import io.surge.engine.codec.CommandEncoder;
import io.surge.engine.codec.EntryHeader;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.EngineCounters;
import io.surge.engine.domain.NoOpEventSink;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.execution.CommandExecutor;
import org.agrona.ExpandableDirectByteBuffer;
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

import java.util.concurrent.TimeUnit;

/**
 * The whole per-command CPU work of the logic thread, without the ring: encode the command with
 * the engine's {@link CommandEncoder} into one reused off-heap {@link ExpandableDirectByteBuffer}
 * (what a producer does into a ring slot), then {@link CommandExecutor#execute} it (decode,
 * decide, SBE-encode the events behind it, write the entry header), as the business-logic
 * handler does.
 * <ul>
 *   <li>{@code encodePlaceOrder}: encoding alone, one PlaceOrder of 1–3 lines per op.</li>
 *   <li>{@code encodeAndExecute}: the {@link BusinessLogicBenchmark} mix (1,000 orders, the
 *   previous batch's 950 payments and cancellations, one tick) per invocation; the score is
 *   commands per second.</li>
 *   <li>{@code encodeExecuteAndSeal}: the same plus {@link EntryHeader#seal} (the CRC32C the
 *   journal thread computes before appending): every CPU step of a command short of the ring
 *   hand-offs and the journal write.</li>
 * </ul>
 * Allocation: {@code -prof gc} gives bytes per command ({@code gc.alloc.rate.norm}), ~0 expected.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {
    static final int ORDERS_PER_BATCH = BusinessLogicBenchmark.ORDERS_PER_BATCH;
    static final int COMMANDS_PER_BATCH = BusinessLogicBenchmark.DECISIONS_PER_BATCH;

    @Param({"uniform"})
    public String workload;

    private final ExpandableDirectByteBuffer entry = new ExpandableDirectByteBuffer(512);
    private final CommandEncoder encoder = new CommandEncoder();
    private BusinessLogic logic;
    private OrderMix mix;
    private CodecDriver driver;

    // for encodePlaceOrder: a few pre-built orders, cycled
    private final OrderLines[] sampleOrders = new OrderLines[1024];
    private int nextSample;

    @Setup(Level.Trial)
    public void setUp() {
        final Catalogue catalogue = new Catalogue(Catalogue.DEFAULT_SIZE, 42);
        final boolean hot = "hot".equals(workload);
        mix = new OrderMix(catalogue, hot, ORDERS_PER_BATCH, 64, 7);
        logic = new BusinessLogic(new DecisionSettings(BusinessLogicBenchmark.RESERVATION_TIMEOUT_MS,
            DecisionSettings.DEFAULT_DEDUP_WINDOW, DecisionSettings.DEFAULT_MAX_SKUS,
            DecisionSettings.DEFAULT_MAX_LIVE_ORDERS, DecisionSettings.DEFAULT_MAX_SALES));
        catalogue.defineAll(logic, BusinessLogicBenchmark.START_MS, new NoOpEventSink());
        driver = new CodecDriver(new CommandExecutor(logic), encoder, entry);
        for (int i = 0; i < BusinessLogicBenchmark.WARM_BATCHES; i++) {
            mix.runBatch(driver);
        }
        final OrderMix samples = new OrderMix(catalogue, hot, 1000, 2, 11);
        final int[] filled = {0};
        samples.runBatch(new OrderMix.Commands() {
            @Override
            public void placeOrder(long orderId, long customerId, OrderLines lines) {
                if (filled[0] < sampleOrders.length) {
                    final OrderLines copy = new OrderLines();
                    copy.copyFrom(lines);
                    sampleOrders[filled[0]++] = copy;
                }
            }

            @Override
            public void confirmPayment(long orderId) {
            }

            @Override
            public void cancelOrder(long orderId) {
            }

            @Override
            public void endOfBatch() {
            }
        });
        for (int i = filled[0]; i < sampleOrders.length; i++) {
            sampleOrders[i] = sampleOrders[i % filled[0]];
        }
    }

    @Benchmark
    public int encodePlaceOrder() {
        final int sample = nextSample++ & (sampleOrders.length - 1);
        return encoder.placeOrder(entry, 1_000_000L + sample, 77L, sampleOrders[sample]);
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS_PER_BATCH)
    public long encodeAndExecute() {
        driver.seal = false;
        mix.runBatch(driver);
        return driver.nowMs;
    }

    @Benchmark
    @OperationsPerInvocation(COMMANDS_PER_BATCH)
    public long encodeExecuteAndSeal() {
        driver.seal = true;
        mix.runBatch(driver);
        return driver.nowMs;
    }

    @TearDown(Level.Trial)
    public void check() {
        final EngineCounters counters = logic.counters();
        if (driver.failures != 0 || counters.ordersRejected() != 0 || counters.commandsRejected() != 0) {
            throw new IllegalStateException("unexpected outcomes: " + driver.failures + " failed, "
                + counters.ordersRejected() + " orders and " + counters.commandsRejected() + " commands rejected");
        }
    }

    /** Encodes each command into the entry buffer and executes it there, as the pipeline does in a slot. */
    static final class CodecDriver implements OrderMix.Commands {
        private final CommandExecutor executor;
        private final CommandEncoder encoder;
        private final ExpandableDirectByteBuffer entry;
        private final CommandResult result = new CommandResult();
        long nowMs = BusinessLogicBenchmark.START_MS;
        boolean seal;
        long failures;

        CodecDriver(CommandExecutor executor, CommandEncoder encoder, ExpandableDirectByteBuffer entry) {
            this.executor = executor;
            this.encoder = encoder;
            this.entry = entry;
        }

        @Override
        public void placeOrder(long orderId, long customerId, OrderLines lines) {
            encoder.placeOrder(entry, orderId, customerId, lines);
            execute();
        }

        @Override
        public void confirmPayment(long orderId) {
            encoder.confirmPayment(entry, orderId);
            execute();
        }

        @Override
        public void cancelOrder(long orderId) {
            encoder.cancelOrder(entry, orderId);
            execute();
        }

        @Override
        public void endOfBatch() {
            nowMs++;
            encoder.tick(entry, BusinessLogicBenchmark.MAX_EXPIRIES_PER_TICK);
            execute();
        }

        private void execute() {
            final int length = executor.execute(entry, nowMs, result.reset());
            if (result.status() == Status.FAILED) {
                failures++;
            }
            if (seal && length > 0) {
                EntryHeader.seal(entry, 0);
            }
        }
    }
}
