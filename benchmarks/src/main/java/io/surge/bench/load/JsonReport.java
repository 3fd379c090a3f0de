package io.surge.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run's result as one JSON object. Keys: {@code target, workload, connections, rate
 * ("max" or the offered rate), closedLoop, window, durationSeconds, elapsedSeconds,
 * offeredPerSecond (null in closed loop), ordersPerSecond, sent, reserved, rejected,
 * rejectionsByReason, errors, firstError, paid, cancelled, leftToExpire, followUpsRejected,
 * followUpErrors, p50Micros, p90Micros, p99Micros, p999Micros, maxMicros, meanMicros,
 * latencyMeasuredFrom ("intended send time" or "actual send"), seconds} (per-second samples), plus
 * whatever settings the caller adds (seed, skus, ...). Stateless.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static Map<String, Object> toMap(LoadResult result, Map<String, Object> settings) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("target", result.target());
        json.put("workload", result.workload());
        json.put("connections", result.connections());
        json.put("rate", result.closedLoop() ? "max" : (Object) Math.round(result.offeredPerSecond()));
        json.put("closedLoop", result.closedLoop());
        json.put("window", result.window());
        json.put("durationSeconds", result.durationSeconds());
        json.put("elapsedSeconds", round(result.elapsedSeconds()));
        json.put("offeredPerSecond", result.closedLoop() ? null : round(result.offeredPerSecond()));
        json.put("ordersPerSecond", round(result.ordersPerSecond()));
        json.put("sent", result.sent());
        json.put("reserved", result.reserved());
        json.put("rejected", result.rejected());
        json.put("rejectionsByReason", result.rejectionsByReason());
        json.put("errors", result.errors());
        json.put("firstError", result.firstError());
        json.put("paid", result.paid());
        json.put("cancelled", result.cancelled());
        json.put("leftToExpire", result.leftToExpire());
        json.put("followUpsRejected", result.followUpsRejected());
        json.put("followUpErrors", result.followUpErrors());
        final LoadResult.Latency latency = result.latency();
        json.put("p50Micros", latency.p50Micros());
        json.put("p90Micros", latency.p90Micros());
        json.put("p99Micros", latency.p99Micros());
        json.put("p999Micros", latency.p999Micros());
        json.put("maxMicros", latency.maxMicros());
        json.put("meanMicros", round(latency.meanMicros()));
        json.put("latencyMeasuredFrom", result.closedLoop() ? "actual send" : "intended send time");
        json.putAll(settings);
        final List<Map<String, Object>> seconds = new ArrayList<>();
        for (SecondSample sample : result.seconds()) {
            final Map<String, Object> second = new LinkedHashMap<>();
            second.put("second", sample.second());
            second.put("sent", sample.sent());
            second.put("answered", sample.answered());
            second.put("reserved", sample.reserved());
            second.put("rejected", sample.rejected());
            second.put("errors", sample.errors());
            second.put("p50Micros", sample.p50Micros());
            second.put("p99Micros", sample.p99Micros());
            second.put("p999Micros", sample.p999Micros());
            second.put("maxMicros", sample.maxMicros());
            seconds.add(second);
        }
        json.put("seconds", seconds);
        return json;
    }

    public static void write(Path file, LoadResult result, Map<String, Object> settings) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MAPPER.writeValue(file.toFile(), toMap(result, settings));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
