package io.surge.benchmarks;

import io.surge.engine.Engine;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.pipeline.ResultListener;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a running {@link Engine} with an {@link OrderMix} through the zero-allocation API: one
 * publishing thread (the caller of {@link #runBatch}) and this one {@link ResultListener} for
 * every command, with the order id as correlation id. {@link #runBatch} returns once every
 * command it published has been answered (journaled, then acknowledged).
 * <p>
 * Threads: {@link #runBatch} and the figures are for the publishing thread; {@link #onResult}
 * runs on the engine's journal thread and is the only writer of the outcome counters, which the
 * publishing thread reads after {@link #answered} says everything is in.
 */
final class EngineDriver implements OrderMix.Commands, ResultListener {
    private static final long ANSWER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final Engine engine;
    private final OrderMix mix;
    private final AtomicLong answered = new AtomicLong();
    private long published;

    // written by the journal thread only
    private long reserved;
    private long paid;
    private long cancelled;
    private long rejected;
    private long failed;
    private long other;
    private String firstProblem;
    private long countedFrom;

    EngineDriver(Engine engine, OrderMix mix) {
        this.engine = engine;
        this.mix = mix;
    }

    /** Publishes one batch of the mix and waits until all of it is answered. */
    void runBatch() {
        mix.runBatch(this);
        awaitAnswers();
    }

    /** Runs batches until at least {@code commands} more commands were published and answered. */
    void runCommands(long commands) {
        final long target = published + commands;
        while (published < target) {
            runBatch();
        }
    }

    /** Runs batches until at least {@code orders} more orders were placed and answered. */
    void run(long orders) {
        final long target = mix.nextOrderId() + orders;
        while (mix.nextOrderId() < target) {
            runBatch();
        }
    }

    /** Runs batches until at least {@code orders} more orders were placed and {@code minMs} passed; then zeroes the counts. */
    void warmUp(long orders, long minMs) {
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(minMs);
        final long target = mix.nextOrderId() + orders;
        while (mix.nextOrderId() < target || System.nanoTime() < until) {
            runBatch();
        }
        resetCounts();
    }

    /** Zeroes the outcome counters (call only when every command is answered). */
    void resetCounts() {
        reserved = 0;
        paid = 0;
        cancelled = 0;
        rejected = 0;
        failed = 0;
        other = 0;
        firstProblem = null;
        countedFrom = published;
    }

    long published() {
        return published;
    }

    @Override
    public void placeOrder(long orderId, long customerId, OrderLines lines) {
        engine.placeOrder(orderId, customerId, lines, this, orderId);
        published++;
    }

    @Override
    public void confirmPayment(long orderId) {
        engine.confirmPayment(orderId, this, orderId);
        published++;
    }

    @Override
    public void cancelOrder(long orderId) {
        engine.cancelOrder(orderId, this, orderId);
        published++;
    }

    @Override
    public void endOfBatch() {
        // the engine's own ticker expires reservations
    }

    @Override
    public void onResult(long correlationId, CommandResult result) {
        switch (result.status()) {
            case RESERVED -> reserved++;
            case PAID -> paid++;
            case CANCELLED -> cancelled++;
            case REJECTED -> {
                rejected++;
                if (firstProblem == null) {
                    firstProblem = "order " + correlationId + ": " + result;
                }
            }
            case FAILED -> {
                failed++;
                if (firstProblem == null) {
                    firstProblem = "order " + correlationId + ": " + result;
                }
            }
            default -> other++;
        }
        answered.lazySet(answered.get() + 1);
    }

    private void awaitAnswers() {
        final long target = published;
        if (answered.get() >= target) {
            return;
        }
        final long deadline = System.nanoTime() + ANSWER_TIMEOUT_NANOS;
        int spins = 0;
        while (answered.get() < target) {
            Thread.yield();
            if ((++spins & 0xFFF) == 0 && System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + answered.get() + " of " + target
                    + " commands answered within 120 s; engine halt reason: " + engine.haltReason());
            }
        }
    }

    /**
     * Throws when a command failed, or more than {@code maxRejectedFraction} were rejected; warns
     * (on standard output, which JMH shows) about fewer rejections. Rejections here are payments
     * that arrived after their reservation expired, which happens only when the machine stalls
     * the engine for longer than the reservation timeout; many of them mean the figure measures
     * something else than the intended mix.
     */
    void check(double maxRejectedFraction) {
        awaitAnswers();
        final long counted = published - countedFrom;
        if (failed != 0 || other != 0 || rejected > maxRejectedFraction * counted) {
            throw new IllegalStateException(summary() + "; first problem: " + firstProblem);
        }
        if (rejected != 0) {
            System.out.println("[warning] " + summary() + "; first: " + firstProblem);
        }
    }

    String summary() {
        return (published - countedFrom) + " commands counted: " + reserved + " reserved, " + paid + " paid, "
            + cancelled + " cancelled, " + rejected + " rejected, " + failed + " failed, " + other + " other";
    }
}
