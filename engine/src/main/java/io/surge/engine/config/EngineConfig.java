package io.surge.engine.config;

import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.journal.ChronicleJournal;
import io.surge.engine.journal.Durability;
import io.surge.engine.pipeline.EngineClock;
import io.surge.engine.pipeline.WaitStrategyKind;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything an engine needs to start. Built by {@link ConfigLoader} from {@code engine.yaml}
 * (every key and default is documented there) or by {@link #builder} in code. Immutable.
 */
public final class EngineConfig {
    public static final int RING_SIZE_DEFAULT = 65_536;
    public static final WaitStrategyKind WAIT_STRATEGY_DEFAULT = WaitStrategyKind.BACKOFF;
    public static final Durability DURABILITY_DEFAULT = Durability.PAGE_CACHE;
    public static final String ROLL_CYCLE_DEFAULT = ChronicleJournal.DEFAULT_ROLL_CYCLE;
    public static final long MIN_FREE_BYTES_DEFAULT = 256L << 20;
    public static final long SNAPSHOT_EVERY_ENTRIES_DEFAULT = 10_000_000L;
    public static final long SNAPSHOT_EVERY_MS_DEFAULT = 10 * 60_000L;
    public static final int SNAPSHOT_KEEP_DEFAULT = 3;
    public static final long TICK_INTERVAL_MS_DEFAULT = 10;
    public static final int MAX_EXPIRIES_PER_TICK_DEFAULT = 1024;
    public static final int PREALLOCATE_ORDERS_DEFAULT = 0;

    private final Path dataDir;
    private final int ringSize;
    private final WaitStrategyKind waitStrategy;
    private final Durability durability;
    private final String rollCycle;
    private final long minFreeBytes;
    private final long snapshotEveryEntries;
    private final long snapshotEveryMs;
    private final int snapshotKeep;
    private final boolean snapshotOnShutdown;
    private final DecisionSettings decisions;
    private final int preallocateOrders;
    private final long tickIntervalMs;
    private final int maxExpiriesPerTick;
    private final List<SkuDefinition> catalogue;
    private final List<SaleDefinition> sales;
    private final EngineClock clock;
    private final GatewaySettings gateway;

    private EngineConfig(Builder b) {
        this.dataDir = b.dataDir;
        this.ringSize = b.ringSize;
        this.waitStrategy = b.waitStrategy;
        this.durability = b.durability;
        this.rollCycle = b.rollCycle;
        this.minFreeBytes = b.minFreeBytes;
        this.snapshotEveryEntries = b.snapshotEveryEntries;
        this.snapshotEveryMs = b.snapshotEveryMs;
        this.snapshotKeep = b.snapshotKeep;
        this.snapshotOnShutdown = b.snapshotOnShutdown;
        this.decisions = b.decisions;
        this.preallocateOrders = b.preallocateOrders;
        this.tickIntervalMs = b.tickIntervalMs;
        this.maxExpiriesPerTick = b.maxExpiriesPerTick;
        this.catalogue = List.copyOf(b.catalogue);
        this.sales = List.copyOf(b.sales);
        this.clock = b.clock;
        this.gateway = b.gateway;
    }

    /** A configuration with every default, no seed catalogue, keeping its files under {@code dataDir}. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public Builder toBuilder() {
        final Builder b = new Builder(dataDir);
        b.ringSize = ringSize;
        b.waitStrategy = waitStrategy;
        b.durability = durability;
        b.rollCycle = rollCycle;
        b.minFreeBytes = minFreeBytes;
        b.snapshotEveryEntries = snapshotEveryEntries;
        b.snapshotEveryMs = snapshotEveryMs;
        b.snapshotKeep = snapshotKeep;
        b.snapshotOnShutdown = snapshotOnShutdown;
        b.decisions = decisions;
        b.preallocateOrders = preallocateOrders;
        b.tickIntervalMs = tickIntervalMs;
        b.maxExpiriesPerTick = maxExpiriesPerTick;
        b.catalogue = catalogue;
        b.sales = sales;
        b.clock = clock;
        b.gateway = gateway;
        return b;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path journalDir() {
        return dataDir.resolve("journal");
    }

    public Path snapshotDir() {
        return dataDir.resolve("snapshots");
    }

    public int ringSize() {
        return ringSize;
    }

    public WaitStrategyKind waitStrategy() {
        return waitStrategy;
    }

    public Durability durability() {
        return durability;
    }

    public String rollCycle() {
        return rollCycle;
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    public long snapshotEveryEntries() {
        return snapshotEveryEntries;
    }

    public long snapshotEveryMs() {
        return snapshotEveryMs;
    }

    public int snapshotKeep() {
        return snapshotKeep;
    }

    public boolean snapshotOnShutdown() {
        return snapshotOnShutdown;
    }

    public DecisionSettings decisions() {
        return decisions;
    }

    /**
     * Open reservations whose memory is allocated and touched before the engine takes input
     * ({@code capacity.preallocateOrders}; 0: memory grows as reservations arrive).
     */
    public int preallocateOrders() {
        return preallocateOrders;
    }

    public long tickIntervalMs() {
        return tickIntervalMs;
    }

    public int maxExpiriesPerTick() {
        return maxExpiriesPerTick;
    }

    /** SKUs defined when the engine starts on an empty journal. */
    public List<SkuDefinition> catalogue() {
        return catalogue;
    }

    /** Sales defined when the engine starts on an empty journal. */
    public List<SaleDefinition> sales() {
        return sales;
    }

    public EngineClock clock() {
        return clock;
    }

    /** Settings of the network gateways ({@code surge serve}). */
    public GatewaySettings gateway() {
        return gateway;
    }

    /** Collects settings; {@link #build()} checks them all and names the first bad one. */
    public static final class Builder {
        private Path dataDir;
        private int ringSize = RING_SIZE_DEFAULT;
        private WaitStrategyKind waitStrategy = WAIT_STRATEGY_DEFAULT;
        private Durability durability = DURABILITY_DEFAULT;
        private String rollCycle = ROLL_CYCLE_DEFAULT;
        private long minFreeBytes = MIN_FREE_BYTES_DEFAULT;
        private long snapshotEveryEntries = SNAPSHOT_EVERY_ENTRIES_DEFAULT;
        private long snapshotEveryMs = SNAPSHOT_EVERY_MS_DEFAULT;
        private int snapshotKeep = SNAPSHOT_KEEP_DEFAULT;
        private boolean snapshotOnShutdown = true;
        private DecisionSettings decisions = DecisionSettings.DEFAULTS;
        private int preallocateOrders = PREALLOCATE_ORDERS_DEFAULT;
        private long tickIntervalMs = TICK_INTERVAL_MS_DEFAULT;
        private int maxExpiriesPerTick = MAX_EXPIRIES_PER_TICK_DEFAULT;
        private List<SkuDefinition> catalogue = List.of();
        private List<SaleDefinition> sales = List.of();
        private EngineClock clock = EngineClock.SYSTEM;
        private GatewaySettings gateway = GatewaySettings.DEFAULTS;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Builder ringSize(int value) {
            ringSize = value;
            return this;
        }

        public Builder waitStrategy(WaitStrategyKind value) {
            waitStrategy = value;
            return this;
        }

        public Builder durability(Durability value) {
            durability = value;
            return this;
        }

        public Builder rollCycle(String value) {
            rollCycle = value;
            return this;
        }

        public Builder minFreeBytes(long value) {
            minFreeBytes = value;
            return this;
        }

        public Builder snapshotEveryEntries(long value) {
            snapshotEveryEntries = value;
            return this;
        }

        public Builder snapshotEveryMs(long value) {
            snapshotEveryMs = value;
            return this;
        }

        public Builder snapshotKeep(int value) {
            snapshotKeep = value;
            return this;
        }

        public Builder snapshotOnShutdown(boolean value) {
            snapshotOnShutdown = value;
            return this;
        }

        public Builder decisions(DecisionSettings value) {
            decisions = value;
            return this;
        }

        public Builder reservationTimeoutMs(long value) {
            decisions = new DecisionSettings(value, decisions.dedupWindow(), decisions.maxSkus(),
                decisions.maxLiveOrders(), decisions.maxSales());
            return this;
        }

        public Builder preallocateOrders(int value) {
            preallocateOrders = value;
            return this;
        }

        public Builder tickIntervalMs(long value) {
            tickIntervalMs = value;
            return this;
        }

        public Builder maxExpiriesPerTick(int value) {
            maxExpiriesPerTick = value;
            return this;
        }

        public Builder catalogue(List<SkuDefinition> value) {
            catalogue = value;
            return this;
        }

        public Builder sales(List<SaleDefinition> value) {
            sales = value;
            return this;
        }

        public Builder clock(EngineClock value) {
            clock = value;
            return this;
        }

        public Builder gateway(GatewaySettings value) {
            gateway = value;
            return this;
        }

        public EngineConfig build() {
            require(dataDir != null, "data directory must be set");
            require(ringSize >= 64 && Integer.bitCount(ringSize) == 1, "ring.size must be a power of two, at least 64, was " + ringSize);
            require(waitStrategy != null, "ring.waitStrategy must be set");
            require(durability != null, "journal.durability must be set");
            require(ChronicleJournal.rollCycle(rollCycle) != null,
                "journal.rollCycle must be one of " + ChronicleJournal.rollCycleNames() + ", was " + rollCycle);
            require(minFreeBytes >= 0, "journal.minFreeBytes must not be negative, was " + minFreeBytes);
            require(snapshotEveryEntries >= 0, "snapshot.everyEntries must not be negative (0: off), was " + snapshotEveryEntries);
            require(snapshotEveryMs >= 0, "snapshot.everyMs must not be negative (0: off), was " + snapshotEveryMs);
            require(snapshotKeep >= 1, "snapshot.keep must be at least 1, was " + snapshotKeep);
            require(tickIntervalMs >= 1, "orders.tickIntervalMs must be at least 1, was " + tickIntervalMs);
            require(maxExpiriesPerTick >= 1 && maxExpiriesPerTick <= 65_535,
                "orders.maxExpiriesPerTick must be 1..65535, was " + maxExpiriesPerTick);
            require(catalogue.size() <= decisions.maxSkus(),
                "the catalogue has " + catalogue.size() + " SKUs, more than capacity.maxSkus (" + decisions.maxSkus() + ")");
            require(sales.size() <= decisions.maxSales(),
                "there are " + sales.size() + " sales, more than capacity.maxSales (" + decisions.maxSales() + ")");
            require(preallocateOrders >= 0 && preallocateOrders <= decisions.maxLiveOrders(),
                "capacity.preallocateOrders must be 0 to capacity.maxLiveOrders (" + decisions.maxLiveOrders() + "), was "
                    + preallocateOrders);
            require(clock != null, "clock must be set");
            require(gateway != null, "gateway settings must be set");
            require(gateway.tcpPort() >= 0 && gateway.tcpPort() <= 65_535, "gateway.tcp.port must be 0..65535, was " + gateway.tcpPort());
            require(gateway.httpPort() >= 0 && gateway.httpPort() <= 65_535, "gateway.http.port must be 0..65535, was " + gateway.httpPort());
            require(gateway.maxFrameBytes() >= 64, "gateway.tcp.maxFrameBytes must be at least 64, was " + gateway.maxFrameBytes());
            require(gateway.maxConnections() >= 1, "gateway.tcp.maxConnections must be at least 1");
            require(gateway.maxInFlight() >= 1, "gateway.tcp.maxInFlight must be at least 1");
            require(gateway.maxBodyBytes() >= 256, "gateway.http.maxBodyBytes must be at least 256");
            require(gateway.busyWaitMs() >= 0, "gateway.http.busyWaitMs must not be negative");
            require(gateway.ioThreads() >= 1, "gateway.ioThreads must be at least 1");
            require(gateway.transport() != null, "gateway.transport must be set");
            final String unavailable = gateway.transport().unavailableReason();
            require(unavailable == null, "gateway.transport is " + gateway.transport().configName()
                + ", which this machine cannot use (" + unavailable + "); choose auto or nio");
            return new EngineConfig(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new ConfigException(message);
            }
        }
    }
}
