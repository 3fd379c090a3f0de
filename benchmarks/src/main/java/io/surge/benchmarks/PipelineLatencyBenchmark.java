package io.surge.benchmarks;

import io.surge.engine.Engine;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.journal.Durability;
import io.surge.engine.pipeline.ResultListener;
import io.surge.engine.pipeline.WaitStrategyKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's own latency, without a network: one order at a time from publishing to its
 * acknowledgement (decided, journaled, answered), through the real ring, logic thread, Chronicle
 * journal and result hand-off. JMH's sample mode gives the percentiles.
 * <p>
 * The caller parks while it waits (a spinning caller would take one of the two cores from the
 * pipeline's threads), and each answer unparks it, so a round trip includes two thread wake-ups
 * besides the pipeline's own hand-offs. Closed loop, one order in flight: this is the floor under
 * the latency a client sees, not a throughput figure ({@link PipelineBenchmark} is that).
 * <p>
 * Parameters: {@code waitStrategy} of the pipeline's threads; the journal is in
 * {@code page-cache} mode. Orders are never paid; with 100,000 SKUs of effectively unlimited
 * stock every one is reserved (an iteration fails otherwise).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipelineLatencyBenchmark {
    @Param({"backoff", "sleeping", "yielding", "blocking"})
    public String waitStrategy;

    private Catalogue catalogue;
    private Path dataDir;
    private Engine engine;
    private final OrderLines lines = new OrderLines();
    private final Answer answer = new Answer();
    private long nextOrderId = 1;
    private int nextSku;

    @Setup(Level.Trial)
    public void startEngine() {
        catalogue = new Catalogue(Catalogue.DEFAULT_SIZE, 42);
        dataDir = TempDirs.create("surge-bench-latency-");
        engine = Engine.start(PipelineBenchmark.config(dataDir, catalogue, Durability.PAGE_CACHE,
            WaitStrategyKind.fromConfigName(waitStrategy), 65_536));
    }

    @Benchmark
    public long placeOneOrder() {
        final int sku = nextSku;
        nextSku = (nextSku + 7_919) % catalogue.size; // a prime stride: every SKU in turn, at random-looking places
        lines.clear().add(catalogue.skuIds[sku], 1, catalogue.pricesCents[sku]);
        answer.expect();
        engine.placeOrder(nextOrderId, 1 + nextOrderId % 100_000, lines, answer, nextOrderId);
        nextOrderId++;
        return answer.await();
    }

    @TearDown(Level.Iteration)
    public void checkIteration() {
        if (answer.notReserved > 0) {
            throw new IllegalStateException(answer.notReserved + " orders were not reserved");
        }
    }

    @TearDown(Level.Trial)
    public void stopEngine() {
        try {
            engine.close();
        } finally {
            TempDirs.delete(dataDir);
        }
    }

    /** One reusable listener: the journal thread sets the answer and unparks the waiting caller. */
    static final class Answer implements ResultListener {
        private volatile Thread waiter;
        private volatile boolean answered;
        private long sequence;
        long notReserved;

        void expect() {
            waiter = Thread.currentThread();
            answered = false;
        }

        @Override
        public void onResult(long correlationId, CommandResult result) {
            if (result.status() != Status.RESERVED) {
                notReserved++;
            }
            sequence = result.sequence();
            answered = true;
            LockSupport.unpark(waiter);
        }

        long await() {
            while (!answered) {
                LockSupport.park(this);
            }
            return sequence;
        }
    }
}
