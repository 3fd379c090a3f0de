package io.surge.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffWaitStrategyTest {
    private static final long NO_YIELDING = 0;
    private static final long ONE_MILLISECOND = 1_000_000;

    @Test
    void returnsAtOnceWhenTheSequenceIsAlreadyPublished() throws Exception {
        final RingBuffer<long[]> ring = ring(new BackoffWaitStrategy(ONE_MILLISECOND, 100_000));
        ring.publish(ring.next(3));
        assertEquals(2, ring.newBarrier().waitFor(1));
    }

    @Test
    void aWaiterThatHasGoneToSleepWakesForALaterPublication() throws Exception {
        for (long yieldNanos : new long[] {NO_YIELDING, ONE_MILLISECOND}) {
            final RingBuffer<long[]> ring = ring(new BackoffWaitStrategy(yieldNanos, 100_000));
            final SequenceBarrier barrier = ring.newBarrier();
            final CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> waitFor(barrier, 0));
            Thread.sleep(20); // well past spinning and yielding: the waiter is parking by now
            assertFalse(waited.isDone());
            ring.publish(ring.next());
            assertEquals(0, waited.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void anAlertEndsTheWait() throws Exception {
        final RingBuffer<long[]> ring = ring(new BackoffWaitStrategy(ONE_MILLISECOND, 100_000));
        final SequenceBarrier barrier = ring.newBarrier();
        final CompletableFuture<Long> waited = CompletableFuture.supplyAsync(() -> waitFor(barrier, 0));
        Thread.sleep(20);
        barrier.alert(); // what halting a Disruptor processor does
        final Exception failure = assertThrows(Exception.class, () -> waited.get(5, TimeUnit.SECONDS));
        assertInstanceOf(AlertException.class, failure.getCause().getCause());
    }

    @Test
    void rejectsNonsenseTimes() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffWaitStrategy(-1, 100));
        assertThrows(IllegalArgumentException.class, () -> new BackoffWaitStrategy(0, 0));
    }

    @Test
    void isWhatTheConfigNameBackoffMakes() {
        assertEquals(WaitStrategyKind.BACKOFF, WaitStrategyKind.fromConfigName("backoff"));
        assertInstanceOf(BackoffWaitStrategy.class, WaitStrategyKind.BACKOFF.create());
    }

    private static RingBuffer<long[]> ring(BackoffWaitStrategy strategy) {
        return RingBuffer.createSingleProducer(() -> new long[1], 8, strategy);
    }

    private static long waitFor(SequenceBarrier barrier, long sequence) {
        try {
            return barrier.waitFor(sequence);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
