package io.surge.engine.pipeline;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/** How the pipeline's threads wait for work: the latency against CPU trade-off. */
public enum WaitStrategyKind {
    /** Parks on a lock: least CPU when idle, slowest hand-off. */
    BLOCKING("blocking"),
    /**
     * Spins, yields a hundred times, then parks for the shortest time the OS offers (about 60 µs
     * here): about a sixth of a core per pipeline thread on an idle engine.
     */
    SLEEPING("sleeping"),
    /**
     * Spins, yields for up to 200 µs, then parks 100 µs at a time: a busy pipeline never parks,
     * an idle one costs about a tenth of a core per thread (the default).
     */
    BACKOFF("backoff"),
    /** Spins then yields: fast hand-off, one busy core per thread. */
    YIELDING("yielding"),
    /** Spins: lowest latency, only with a core per pipeline thread to spare. */
    BUSY_SPIN("busy-spin");

    /**
     * Backoff's yielding phase: longer than the gaps between batches under load (so a busy
     * pipeline never parks), short enough that the ticks of an idle engine cost little.
     */
    private static final long BACKOFF_YIELD_NANOS = 200_000;
    /** Backoff's park: the most the first command after a quiet spell waits for its thread. */
    private static final long BACKOFF_PARK_NANOS = 100_000;

    private final String configName;

    WaitStrategyKind(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static WaitStrategyKind fromConfigName(String name) {
        for (WaitStrategyKind kind : values()) {
            if (kind.configName.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    WaitStrategy create() {
        return switch (this) {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case BACKOFF -> new BackoffWaitStrategy(BACKOFF_YIELD_NANOS, BACKOFF_PARK_NANOS);
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
