package io.surge.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.gateway.NettyTransport;
import io.surge.engine.journal.Durability;
import io.surge.engine.pipeline.WaitStrategyKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code engine.yaml} and the seed files it names ({@code catalogue.csv},
 * {@code sales.yaml}), checks every value and builds an {@link EngineConfig}. Anything wrong
 * stops here, before anything starts, with a message naming the file and the key or line.
 * Unknown keys are errors too: a misspelt setting must not silently fall back to its default.
 */
public final class ConfigLoader {
    /** Where the built-in defaults (a copy of the project's config/ folder) live on the classpath. */
    public static final String BUILT_IN_FOLDER = "surge/default-config/";
    public static final String ENGINE_FILE = "engine.yaml";

    private static final Set<String> KNOWN_KEYS = Set.of(
        "ring.size", "ring.waitStrategy",
        "journal.durability", "journal.rollCycle", "journal.minFreeBytes",
        "snapshot.everyEntries", "snapshot.everyMs", "snapshot.keep", "snapshot.onShutdown",
        "orders.reservationTimeoutMs", "orders.dedupWindow", "orders.tickIntervalMs", "orders.maxExpiriesPerTick",
        "capacity.maxSkus", "capacity.maxLiveOrders", "capacity.maxSales", "capacity.preallocateOrders",
        "seed.catalogue", "seed.sales",
        "gateway.tcp.host", "gateway.tcp.port", "gateway.tcp.maxFrameBytes", "gateway.tcp.maxConnections",
        "gateway.tcp.maxInFlight", "gateway.http.host", "gateway.http.port", "gateway.http.maxBodyBytes",
        "gateway.http.adminToken", "gateway.http.busyWaitMs", "gateway.http.maxStreamClients", "gateway.http.idleTimeoutMs",
        "gateway.ioThreads", "gateway.transport");

    private ConfigLoader() {
    }

    /** The configuration built into the jar (the project's {@code config/} folder). */
    public static EngineConfig loadBuiltIn(Path dataDir) {
        return load(ConfigSource.builtIn(BUILT_IN_FOLDER), ENGINE_FILE, dataDir);
    }

    /** An {@code engine.yaml} on disk; the seed files it names are resolved beside it. */
    public static EngineConfig load(Path engineFile, Path dataDir) {
        final Path absolute = engineFile.toAbsolutePath();
        final Path folder = absolute.getParent();
        return load(ConfigSource.folder(folder), absolute.getFileName().toString(), dataDir);
    }

    /** Reads a catalogue CSV on its own (for tools such as {@code replay what-if}). */
    public static List<SkuDefinition> readCatalogue(Path file) {
        final Path absolute = file.toAbsolutePath();
        return CatalogueReader.read(ConfigSource.folder(absolute.getParent()), absolute.getFileName().toString());
    }

    /** Reads a sales YAML file on its own; every SKU must be in {@code catalogue}. */
    public static List<SaleDefinition> readSales(Path file, List<SkuDefinition> catalogue) {
        final Path absolute = file.toAbsolutePath();
        return SalesReader.read(ConfigSource.folder(absolute.getParent()), absolute.getFileName().toString(), catalogue);
    }

    static EngineConfig load(ConfigSource source, String engineFile, Path dataDir) {
        final String file = source.describe(engineFile);
        final Map<String, JsonNode> settings = readSettings(source, engineFile);
        final Values values = new Values(file, settings);
        final EngineConfig.Builder builder = EngineConfig.builder(dataDir)
            .ringSize(values.integer("ring.size", EngineConfig.RING_SIZE_DEFAULT, 64, 1 << 30))
            .waitStrategy(values.choice("ring.waitStrategy", EngineConfig.WAIT_STRATEGY_DEFAULT.configName(),
                WaitStrategyKind::fromConfigName, "blocking, sleeping, backoff, yielding, busy-spin"))
            .durability(values.choice("journal.durability", EngineConfig.DURABILITY_DEFAULT.configName(),
                Durability::fromConfigName, "page-cache, fsync"))
            .rollCycle(values.text("journal.rollCycle", EngineConfig.ROLL_CYCLE_DEFAULT))
            .minFreeBytes(values.number("journal.minFreeBytes", EngineConfig.MIN_FREE_BYTES_DEFAULT, 0, Long.MAX_VALUE))
            .snapshotEveryEntries(values.number("snapshot.everyEntries", EngineConfig.SNAPSHOT_EVERY_ENTRIES_DEFAULT, 0, Long.MAX_VALUE))
            .snapshotEveryMs(values.number("snapshot.everyMs", EngineConfig.SNAPSHOT_EVERY_MS_DEFAULT, 0, Long.MAX_VALUE))
            .snapshotKeep(values.integer("snapshot.keep", EngineConfig.SNAPSHOT_KEEP_DEFAULT, 1, 1000))
            .snapshotOnShutdown(values.bool("snapshot.onShutdown", true))
            .tickIntervalMs(values.number("orders.tickIntervalMs", EngineConfig.TICK_INTERVAL_MS_DEFAULT, 1, 60_000))
            .maxExpiriesPerTick(values.integer("orders.maxExpiriesPerTick", EngineConfig.MAX_EXPIRIES_PER_TICK_DEFAULT, 1, 65_535))
            .decisions(new DecisionSettings(
                values.number("orders.reservationTimeoutMs", DecisionSettings.DEFAULT_RESERVATION_TIMEOUT_MS, 1, 30L * 24 * 3600_000),
                values.integer("orders.dedupWindow", DecisionSettings.DEFAULT_DEDUP_WINDOW, 1, 1 << 28),
                values.integer("capacity.maxSkus", DecisionSettings.DEFAULT_MAX_SKUS, 1, 1 << 28),
                values.integer("capacity.maxLiveOrders", DecisionSettings.DEFAULT_MAX_LIVE_ORDERS, 1, 1 << 28),
                values.integer("capacity.maxSales", DecisionSettings.DEFAULT_MAX_SALES, 1, 1 << 20)))
            .preallocateOrders(values.integer("capacity.preallocateOrders", EngineConfig.PREALLOCATE_ORDERS_DEFAULT, 0, 1 << 28));

        final GatewaySettings g = GatewaySettings.DEFAULTS;
        builder.gateway(new GatewaySettings(
            values.text("gateway.tcp.host", g.tcpHost()),
            values.integer("gateway.tcp.port", g.tcpPort(), 0, 65_535),
            values.integer("gateway.tcp.maxFrameBytes", g.maxFrameBytes(), 64, 1 << 26),
            values.integer("gateway.tcp.maxConnections", g.maxConnections(), 1, 1 << 20),
            values.integer("gateway.tcp.maxInFlight", g.maxInFlight(), 1, 1 << 20),
            values.text("gateway.http.host", g.httpHost()),
            values.integer("gateway.http.port", g.httpPort(), 0, 65_535),
            values.integer("gateway.http.maxBodyBytes", g.maxBodyBytes(), 256, 1 << 26),
            values.text("gateway.http.adminToken", g.adminToken()),
            values.number("gateway.http.busyWaitMs", g.busyWaitMs(), 0, 60_000),
            values.integer("gateway.ioThreads", g.ioThreads(), 1, 64),
            values.integer("gateway.http.maxStreamClients", g.maxStreamClients(), 1, 10_000),
            values.number("gateway.http.idleTimeoutMs", g.httpIdleTimeoutMs(), 0, 24L * 3600_000),
            values.choice("gateway.transport", "auto", NettyTransport::fromConfigName, "auto, epoll, nio")));

        final String catalogueFile = values.text("seed.catalogue", "");
        final String salesFile = values.text("seed.sales", "");
        final List<SkuDefinition> catalogue = catalogueFile.isEmpty() ? List.of()
            : CatalogueReader.read(source, catalogueFile);
        final List<SaleDefinition> sales = salesFile.isEmpty() ? List.of()
            : SalesReader.read(source, salesFile, catalogue);
        try {
            return builder.catalogue(catalogue).sales(sales).build();
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static Map<String, JsonNode> readSettings(ConfigSource source, String engineFile) {
        final String file = source.describe(engineFile);
        final JsonNode root;
        try (InputStream in = source.open(engineFile)) {
            root = new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw ConfigException.unreadableYaml(file, e);
        }
        final Map<String, JsonNode> flat = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return flat;
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": expected sections of settings (ring:, journal:, ...)");
        }
        flatten("", (ObjectNode) root, flat, file);
        for (String key : flat.keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                throw new ConfigException(file + ": unknown setting '" + key + "' (known: " + new TreeSet<>(KNOWN_KEYS) + ")");
            }
        }
        return flat;
    }

    private static void flatten(String prefix, ObjectNode node, Map<String, JsonNode> flat, String file) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            final String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                flatten(key, (ObjectNode) field.getValue(), flat, file);
            } else {
                flat.put(key, field.getValue());
            }
        }
    }

    /** Typed access to the flattened settings, with errors naming file and key. */
    private record Values(String file, Map<String, JsonNode> settings) {
        long number(String key, long defaultValue, long min, long max) {
            final JsonNode node = settings.get(key);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new ConfigException(file + ": " + key + " must be a whole number, was '" + node.asText() + "'");
            }
            final long value = node.asLong();
            if (value < min || value > max) {
                throw new ConfigException(file + ": " + key + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }

        int integer(String key, int defaultValue, int min, int max) {
            return (int) number(key, defaultValue, min, max);
        }

        boolean bool(String key, boolean defaultValue) {
            final JsonNode node = settings.get(key);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.isBoolean()) {
                throw new ConfigException(file + ": " + key + " must be true or false, was '" + node.asText() + "'");
            }
            return node.asBoolean();
        }

        String text(String key, String defaultValue) {
            final JsonNode node = settings.get(key);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.isTextual()) {
                throw new ConfigException(file + ": " + key + " must be text, was '" + node.asText() + "'");
            }
            return node.asText();
        }

        <T> T choice(String key, String defaultValue, java.util.function.Function<String, T> parse, String allowed) {
            final String text = text(key, defaultValue);
            final T value = parse.apply(text);
            if (value == null) {
                throw new ConfigException(file + ": " + key + " must be one of " + allowed + ", was '" + text + "'");
            }
            return value;
        }
    }
}
