package io.surge.bench.peers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One peer run's figures, written as JSON with the same keys as Surge's load generator
 * ({@code ordersPerSecond}, {@code p50Micros}, {@code p99Micros}, {@code p999Micros},
 * {@code maxMicros}, {@code reserved}, {@code rejected}, {@code errors}) plus what the run was.
 * Immutable.
 */
public record PeerResult(String system, String workload, int connections, int skus, long seed, double durationSeconds,
    long orders, double ordersPerSecond, long p50Micros, long p90Micros, long p99Micros, long p999Micros, long maxMicros,
    long reserved, long rejected, long errors, String firstError) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes this result to {@code file} as JSON, creating its folder. */
    public void writeJson(Path file) throws IOException {
        final Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        JSON.writeValue(file.toFile(), this);
    }

    /** A result read back from {@link #writeJson}. */
    public static PeerResult readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), PeerResult.class);
    }

    /** One line for people: throughput, outcomes and latencies. */
    public String summaryLine() {
        return String.format("%s %s: %,.0f orders/s (%,d orders in %.1f s; %,d reserved, %,d rejected, %,d errors); "
                + "latency p50 %,d us, p99 %,d us, p99.9 %,d us, max %,d us%s",
            system, workload, ordersPerSecond, orders, durationSeconds, reserved, rejected, errors, p50Micros, p99Micros,
            p999Micros, maxMicros, firstError == null ? "" : "; first error: " + firstError);
    }
}
