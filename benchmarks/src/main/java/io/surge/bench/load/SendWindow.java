package io.surge.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * How many of one connection's requests are unanswered, at most {@code size}. One sender thread
 * takes room; answers on any thread give it back. A sender that finds the window full waits
 * until {@code wakeBatch} requests are answered, and only then is woken.
 * <p>
 * Why not a {@link java.util.concurrent.Semaphore}: a sender queued on one is woken for every
 * single answer, a futex wake and a context switch per order (a seventh of the load
 * generator's CPU at 270k orders/s closed loop, CPU the target under test then lacks). Waking
 * once per quarter window sends in bursts instead. Paced runs wake at the first answer: there
 * the window is full only when the target is behind, and an order held back for a batch would
 * add the generator's wait to its latency.
 */
final class SendWindow {
    /** A safety net only: a waiting sender is woken when room comes. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int size;
    private final int wakeAtOrBelow;
    private final long maxWaitNanos;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicReference<Thread> waitingSender = new AtomicReference<>();
    private final AtomicLong wakeUps = new AtomicLong();

    /** {@code wakeBatch}: answers that wake a sender waiting on a full window, 1 to {@code size}. */
    SendWindow(int size, int wakeBatch) {
        this(size, wakeBatch, MAX_WAIT_NANOS);
    }

    /** {@code maxWaitNanos}: how long a waiting sender sleeps at most if no answer wakes it. */
    SendWindow(int size, int wakeBatch, long maxWaitNanos) {
        if (size < 1 || wakeBatch < 1 || wakeBatch > size) {
            throw new IllegalArgumentException("window size " + size + " and wake batch " + wakeBatch
                + ": the size must be at least 1 and the batch 1 to the size");
        }
        this.size = size;
        this.wakeAtOrBelow = size - wakeBatch;
        this.maxWaitNanos = maxWaitNanos;
    }

    /** A quarter of {@code size} (at least 1): the wake batch for closed-loop runs. */
    static int quarterOf(int size) {
        return Math.max(1, size / 4);
    }

    /** Requests taken and not yet given back. */
    int outstanding() {
        return outstanding.get();
    }

    /** How many times an answer woke the waiting sender. */
    long wakeUps() {
        return wakeUps.get();
    }

    /** Sender thread only: takes room for one request, waiting while the window is full. */
    void acquire() {
        while (outstanding.get() >= size) {
            waitingSender.set(Thread.currentThread());
            // Checked again after saying we wait: an answer that came in between saw us.
            if (outstanding.get() > wakeAtOrBelow) {
                LockSupport.parkNanos(this, maxWaitNanos);
            }
            waitingSender.set(null);
        }
        outstanding.incrementAndGet(); // only this thread adds, so the room seen is still there
    }

    /** Any thread: gives back the room of one answered request. */
    void release() {
        if (outstanding.decrementAndGet() <= wakeAtOrBelow) {
            final Thread sender = waitingSender.get();
            if (sender != null && waitingSender.compareAndSet(sender, null)) {
                wakeUps.incrementAndGet();
                LockSupport.unpark(sender);
            }
        }
    }
}
