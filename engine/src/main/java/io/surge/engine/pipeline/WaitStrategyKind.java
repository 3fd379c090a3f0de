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
    /** Spins, yields, then sleeps briefly: near-zero CPU when idle, fast under load. */
    SLEEPING("sleeping"),
    /** Spins then yields: fast hand-off, one busy core per thread. */
    YIELDING("yielding"),
    /** Spins: lowest latency, only with a core per pipeline thread to spare. */
    BUSY_SPIN("busy-spin");

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
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }
}
