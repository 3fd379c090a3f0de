package io.surge.engine.demo;

import io.surge.engine.pipeline.EngineClock;

/**
 * Engine time for the demo: the sale's own clock. While orders flow it is driven by the order
 * stream (the N orders cover the first {@link DemoRun#STREAM_SALE_MS} of the sale, however fast
 * this machine is); afterwards it runs {@code speed} times faster than the wall clock, so
 * unpaid reservations expire (15 sale minutes) while you wait a second or two; with
 * {@code --serve} it then goes on at wall-clock speed, like a real sale. The journal records
 * these times like any others, so a replay sees the same night.
 * <p>
 * Set by the demo's thread, read by the engine's logic thread: each phase is one immutable
 * object behind a volatile reference, so a reader never sees half a change.
 */
final class SaleClock implements EngineClock {
    private final long speed;
    private volatile Phase phase;

    /** Driven: time is {@code drivenMs}. Free-running: {@code fromMs} plus wall time since {@code startNanos}, times {@code speed}. */
    private record Phase(long drivenMs, long fromMs, long startNanos, long speed) {
        long nowMs() {
            return speed == 0 ? drivenMs : fromMs + (System.nanoTime() - startNanos) * speed / 1_000_000L;
        }
    }

    SaleClock(long startMs, long speed) {
        this.speed = speed;
        this.phase = new Phase(startMs, 0, 0, 0);
    }

    /** The order stream moves sale time on (never backwards: the engine clamps anyway). */
    void set(long saleMs) {
        phase = new Phase(saleMs, 0, 0, 0);
    }

    /** From now on sale time runs by itself, {@code speed} times faster than wall time. */
    void runFree() {
        runAt(speed);
    }

    /** From now on sale time runs as fast as wall time. */
    void runAtWallSpeed() {
        runAt(1);
    }

    private void runAt(long newSpeed) {
        phase = new Phase(0, phase.nowMs(), System.nanoTime(), newSpeed);
    }

    @Override
    public long nowMs() {
        return phase.nowMs();
    }
}
