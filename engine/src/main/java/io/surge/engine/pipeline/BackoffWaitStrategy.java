package io.surge.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * Spins briefly, then yields for up to {@code yieldNanos} since the wait began, then parks a little
 * at a time until work arrives.
 * <p>
 * Why not Disruptor's own: {@code SleepingWaitStrategy} parks after about a hundred yields, and on
 * a small machine under load the wake-up from that park (tens of microseconds of timer slack and
 * scheduling) is paid on nearly every hand-off between the pipeline's threads; {@code
 * YieldingWaitStrategy} never parks and keeps a core busy per thread on an idle engine. {@code
 * PhasedBackoffWaitStrategy} spins between its yields, which takes the core from the very thread
 * being waited for when there are fewer cores than busy threads. Agrona's {@code
 * BackoffIdleStrategy} (the replay tool's read-ahead uses it) counts its yields, and a yield
 * lasts from a microsecond to a time slice depending on what else is runnable, so a count says
 * nothing about how long the thread stays quick to answer. Yielding for a bounded time keeps
 * the hand-off quick while orders flow, and parking a tenth of a millisecond at a time keeps an
 * idle engine at about a tenth of a core per thread (a sixth with sleeping). The price: where
 * threads outnumber cores, the yielding holds cores other threads want at moderate rates.
 */
final class BackoffWaitStrategy implements WaitStrategy {
    private static final int SPINS = 100;

    private final long yieldNanos;
    private final long parkNanos;

    BackoffWaitStrategy(long yieldNanos, long parkNanos) {
        if (yieldNanos < 0 || parkNanos < 1) {
            throw new IllegalArgumentException("yieldNanos must be >= 0 and parkNanos >= 1: " + yieldNanos + ", " + parkNanos);
        }
        this.yieldNanos = yieldNanos;
        this.parkNanos = parkNanos;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
        throws AlertException {
        long available;
        int spins = SPINS;
        long yieldingSince = 0;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (spins > 0) {
                spins--;
                Thread.onSpinWait();
                continue;
            }
            final long now = System.nanoTime();
            if (yieldingSince == 0) {
                yieldingSince = now;
            }
            if (now - yieldingSince < yieldNanos) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(parkNanos);
            }
        }
        return available;
    }

    @Override
    public void signalAllWhenBlocking() {
        // Nobody blocks on a lock: parked waiters wake on their own.
    }
}
