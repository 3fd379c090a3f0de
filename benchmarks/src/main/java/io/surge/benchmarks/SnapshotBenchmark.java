package io.surge.benchmarks;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.NoOpEventSink;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.SerializedStateHash;
import io.surge.engine.domain.StateOutput;
import io.surge.engine.domain.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a snapshot costs, per part, with {@code liveOrders} open reservations (1-3 lines each, on
 * the 100,000-SKU benchmark catalogue, dense order ids) and a full 1M-id idempotency window:
 * <ul>
 *   <li>{@code capture}: the business-logic thread's share, copying the state into the
 *   snapshot writer's reused off-heap chunks;</li>
 *   <li>{@code captureIntoNewBuffer}: the same into a buffer allocated on the spot, as the
 *   first capture of a process paid before the snapshot thread grew the buffer ahead;</li>
 *   <li>{@code hashCapturedBytes}: the snapshot thread's state hash, read from the copy;</li>
 *   <li>{@code stateHash}: the same hash from the live state, which the logic thread used to
 *   compute inside every capture.</li>
 * </ul>
 * Milliseconds per snapshot. The engine's periodic snapshot comes every 10M entries; in the TCP
 * and peers runs that is about 10M open reservations, so scale by ten.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:MaxDirectMemorySize=3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapshotBenchmark {
    private static final long START_MS = 1_700_000_000_000L;

    @Param({"1000000"})
    public int liveOrders;

    private BusinessLogic logic;
    private final StateOutput output = new StateOutput();

    @Setup
    public void setUp() {
        final Catalogue catalogue = new Catalogue(Catalogue.DEFAULT_SIZE, 42);
        logic = new BusinessLogic(new DecisionSettings(3_600_000L, 1 << 20, DecisionSettings.DEFAULT_MAX_SKUS,
            Math.max(liveOrders, DecisionSettings.DEFAULT_MAX_LIVE_ORDERS), DecisionSettings.DEFAULT_MAX_SALES));
        final NoOpEventSink events = new NoOpEventSink();
        catalogue.defineAll(logic, START_MS, events);
        final SplittableRandom random = new SplittableRandom(7);
        final CommandResult result = new CommandResult();
        final OrderLines lines = new OrderLines();
        for (long orderId = 1; orderId <= liveOrders; orderId++) {
            lines.clear();
            final int merchant = random.nextInt(catalogue.merchantCount());
            final int first = merchant * Catalogue.SKUS_PER_MERCHANT + random.nextInt(Catalogue.SKUS_PER_MERCHANT - 3);
            final int lineCount = 1 + random.nextInt(3);
            for (int line = 0; line < lineCount; line++) {
                lines.add(catalogue.skuIds[first + line], 1 + random.nextInt(3), catalogue.pricesCents[first + line]);
            }
            logic.placeOrder(START_MS, orderId, 1 + random.nextInt(1_000_000), lines, events, result.reset());
            if (result.status() != Status.RESERVED) {
                throw new IllegalStateException("order " + orderId + " not reserved: " + result);
            }
        }
        capture(); // the chunks now hold a state of this size, as after the snapshot thread grew them
        if (SerializedStateHash.of(output.toInput()) != logic.stateHash()) {
            throw new IllegalStateException("the hash of the captured bytes differs from stateHash()");
        }
    }

    @Benchmark
    public long capture() {
        output.reset();
        logic.writeTo(output);
        return output.length();
    }

    @Benchmark
    public long captureIntoNewBuffer() {
        final StateOutput fresh = new StateOutput();
        logic.writeTo(fresh);
        return fresh.length();
    }

    @Benchmark
    public long hashCapturedBytes() {
        return SerializedStateHash.of(output.toInput());
    }

    @Benchmark
    public long stateHash() {
        return logic.stateHash();
    }
}
