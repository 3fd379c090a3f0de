package io.surge.benchmarks;

import io.surge.engine.codec.EventEncoder;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.EngineCounters;
import io.surge.engine.domain.EventSink;
import io.surge.engine.domain.NoOpEventSink;
import io.surge.engine.domain.OrderLines;
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
 * Business-logic decisions per second, alone: no ring, no codecs on the command side, no journal.
 * <p>
 * A catalogue of 100,000 SKUs (1,000 merchants); each invocation is one {@link OrderMix} batch of
 * 1,000 orders of 1–3 lines, the previous batch's 900 payments and 50 cancellations, and one tick
 * (engine time moves 1 ms per batch, reservations time out after 1 s, so 50 orders per batch
 * expire a thousand batches later). That is {@value #DECISIONS_PER_BATCH} decisions per
 * invocation; the score is decisions (commands decided) per second. The state stays bounded:
 * about 50,000 live reservations and a full 1M-order idempotency window.
 * <p>
 * Parameters: {@code workload} {@code uniform} (first line uniform over the catalogue) or
 * {@code hot} (90% of orders start with one of ten hot SKUs of effectively unlimited stock);
 * {@code sink} {@code noop} (events discarded) or {@code sbe} (events SBE-encoded by the
 * engine's {@link EventEncoder} into one reused off-heap buffer, as the pipeline does);
 * {@code skus} and {@code dedupWindow} (defaults 100,000 and the engine's 1,048,576) to see how
 * much of the cost is cache misses in the SKU and idempotency tables.
 * <p>
 * Allocation: run with {@code -prof gc}; {@code gc.alloc.rate.norm} is bytes allocated per
 * decision and should be ~0 (the state is warmed to its steady size in setup, so no structure
 * grows while measuring).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BusinessLogicBenchmark {
    static final int ORDERS_PER_BATCH = 1_000;
    /** Orders, plus payments and cancellations of the previous batch, plus one tick. */
    static final int DECISIONS_PER_BATCH =
        ORDERS_PER_BATCH + ORDERS_PER_BATCH * (OrderMix.PAY_PER_MILLE + OrderMix.CANCEL_PER_MILLE) / 1000 + 1;
    static final long RESERVATION_TIMEOUT_MS = 1_000;
    static final int MAX_EXPIRIES_PER_TICK = 1_024;
    /** Enough batches that the 1M idempotency window is full and expiries run at their steady rate. */
    static final int WARM_BATCHES = 2_500;
    static final long START_MS = 1_700_000_000_000L;

    @Param({"uniform", "hot"})
    public String workload;

    @Param({"noop", "sbe"})
    public String sink;

    /** SKUs in the catalogue (a multiple of 100, at least 1,000). */
    @Param({"100000"})
    public int skus;

    /** Orders the idempotency window remembers (the engine default: 1,048,576). */
    @Param({"1048576"})
    public int dedupWindow;

    private BusinessLogic logic;
    private OrderMix mix;
    private DirectDriver driver;

    @Setup(Level.Trial)
    public void setUp() {
        final Catalogue catalogue = new Catalogue(skus, 42);
        mix = new OrderMix(catalogue, "hot".equals(workload), ORDERS_PER_BATCH, 64, 7);
        logic = new BusinessLogic(new DecisionSettings(RESERVATION_TIMEOUT_MS, dedupWindow,
            DecisionSettings.DEFAULT_MAX_SKUS, DecisionSettings.DEFAULT_MAX_LIVE_ORDERS, DecisionSettings.DEFAULT_MAX_SALES));
        final NoOpEventSink noop = new NoOpEventSink();
        catalogue.defineAll(logic, START_MS, noop);
        switch (sink) {
            case "noop" -> driver = new DirectDriver(logic, noop, null);
            case "sbe" -> driver = new DirectDriver(logic, new EventEncoder(), new ExpandableDirectByteBuffer(64 * 1024));
            default -> throw new IllegalArgumentException("sink must be noop or sbe: " + sink);
        }
        if (OrderMix.commandsPerBatch(ORDERS_PER_BATCH) + 1 != DECISIONS_PER_BATCH) {
            throw new IllegalStateException("decision count per batch is wrong");
        }
        for (int i = 0; i < WARM_BATCHES; i++) {
            mix.runBatch(driver);
        }
    }

    @Benchmark
    @OperationsPerInvocation(DECISIONS_PER_BATCH)
    public long decide() {
        mix.runBatch(driver);
        return driver.nowMs;
    }

    /** A benchmark whose orders are rejected measures the wrong thing: fail loudly. */
    @TearDown(Level.Trial)
    public void check() {
        final EngineCounters counters = logic.counters();
        if (counters.ordersRejected() != 0 || counters.commandsRejected() != 0 || counters.ordersExpired() == 0) {
            throw new IllegalStateException("unexpected outcomes: " + counters.ordersRejected() + " orders and "
                + counters.commandsRejected() + " commands rejected, " + counters.ordersExpired() + " expired");
        }
        if (logic.liveOrderCount() > 3 * ORDERS_PER_BATCH + RESERVATION_TIMEOUT_MS * ORDERS_PER_BATCH / 10) {
            throw new IllegalStateException("live orders not bounded: " + logic.liveOrderCount());
        }
    }

    /**
     * Calls the business logic directly with engine time advancing 1 ms per batch. With an
     * {@link EventEncoder} sink each command's events are encoded from offset 0 of one buffer.
     */
    static final class DirectDriver implements OrderMix.Commands {
        private final BusinessLogic logic;
        private final EventSink events;
        private final EventEncoder encoder;
        private final ExpandableDirectByteBuffer buffer;
        private final CommandResult result = new CommandResult();
        long nowMs = START_MS;

        DirectDriver(BusinessLogic logic, EventSink events, ExpandableDirectByteBuffer buffer) {
            this.logic = logic;
            this.events = events;
            this.encoder = events instanceof EventEncoder ? (EventEncoder) events : null;
            this.buffer = buffer;
        }

        @Override
        public void placeOrder(long orderId, long customerId, OrderLines lines) {
            begin();
            logic.placeOrder(nowMs, orderId, customerId, lines, events, result);
        }

        @Override
        public void confirmPayment(long orderId) {
            begin();
            logic.confirmPayment(nowMs, orderId, events, result);
        }

        @Override
        public void cancelOrder(long orderId) {
            begin();
            logic.cancelOrder(nowMs, orderId, events, result);
        }

        @Override
        public void endOfBatch() {
            nowMs++;
            begin();
            logic.tick(nowMs, MAX_EXPIRIES_PER_TICK, events, result);
        }

        private void begin() {
            if (encoder != null) {
                encoder.begin(buffer, 0);
            }
        }
    }
}
