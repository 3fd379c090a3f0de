package io.surge.engine.demo;

import io.surge.engine.pipeline.EngineClock;

/**
 * Engine time for the demo: the sale's own clock. While orders flow it is driven by the order
 * stream (the N orders cover the first {@link DemoRun#STREAM_SALE_MS} of the sale, however fast
 * this machine is); afterwards it runs {@code speed} times faster than the wall clock, so
 * unpaid reservations expire (15 sale minutes) while you wait a second or two. The journal
 * records these times like any others, so a replay sees the same night.
 */
final class SaleClock implements EngineClock {
    private final long speed;
    private volatile long driven;
    private volatile long freeRunFromMs;
    private volatile long freeRunStartNanos = -1;

    SaleClock(long startMs, long speed) {
        this.driven = startMs;
        this.speed = speed;
    }

    /** The order stream moves sale time on (never backwards: the engine clamps anyway). */
    void set(long saleMs) {
        driven = saleMs;
    }

    /** From now on sale time runs by itself, {@code speed} times faster than wall time. */
    void runFree() {
        freeRunFromMs = driven;
        freeRunStartNanos = System.nanoTime();
    }

    @Override
    public long nowMs() {
        final long startNanos = freeRunStartNanos;
        return startNanos < 0 ? driven : freeRunFromMs + (System.nanoTime() - startNanos) * speed / 1_000_000L;
    }
}
