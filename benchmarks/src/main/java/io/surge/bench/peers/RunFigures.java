package io.surge.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The figures the comparison needs from one run's JSON, whoever wrote it: Surge's load generator
 * or {@link PeerLoad} (both use the keys {@code ordersPerSecond}, {@code p99Micros},
 * {@code rejected} and {@code errors}). Immutable.
 */
public record RunFigures(double ordersPerSecond, long p99Micros, long rejected, long errors) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The figures of a result file; an IOException names the file and what is missing. */
    public static RunFigures read(Path file) throws IOException {
        final JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.path("ordersPerSecond").isNumber()) {
            throw new IOException(file + " has no numeric ordersPerSecond");
        }
        return new RunFigures(root.path("ordersPerSecond").asDouble(), root.path("p99Micros").asLong(),
            root.path("rejected").asLong(), root.path("errors").asLong());
    }
}
