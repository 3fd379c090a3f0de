package io.surge.engine.gateway.http;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.surge.engine.Engine;
import io.surge.engine.domain.EngineCounters;
import io.surge.engine.domain.RejectReason;
import io.surge.engine.pipeline.PipelineMetrics;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /metrics}: the engine's figures in the Prometheus text format, built as snapshots
 * at each scrape (no registry, no state: two gateways or two engines never share metrics).
 * <ul>
 *   <li>{@code surge_orders_total{outcome}}: reserved, rejected, paid, cancelled, expired;
 *   {@code surge_order_rejections_total{reason}}; {@code surge_commands_rejected_total};
 *   {@code surge_gmv_paid_cents_total}, {@code surge_gmv_reserved_cents_total}
 *   (from the engine's counters, one consistent read);</li>
 *   <li>{@code surge_ring_backlog}, {@code surge_ring_capacity};</li>
 *   <li>{@code surge_journal_sequence}, {@code surge_journal_bytes_appended_total};</li>
 *   <li>{@code surge_pipeline_batches_total}, {@code surge_pipeline_commands_answered_total},
 *   {@code surge_pipeline_batch_size} (histogram of commands per journal batch);</li>
 *   <li>{@code surge_decision_latency_seconds}: histogram of the time from publishing a command
 *   to answering it (decided, journaled and flushed);</li>
 *   <li>{@code surge_engine_up}: 1 while the engine acknowledges, 0 once it has halted.</li>
 * </ul>
 * Thread-safe (each call builds its own snapshots).
 */
final class MetricsRenderer {
    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /** Decision latency bucket bounds, seconds: 10 µs .. 5 s. */
    private static final double[] LATENCY_BOUNDS_SECONDS = {
        0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
        0.5, 1, 2.5, 5, Double.POSITIVE_INFINITY};
    /** Batch size bucket bounds, commands: powers of two up to 65,536. */
    private static final double[] BATCH_BOUNDS;

    static {
        BATCH_BOUNDS = new double[18];
        for (int i = 0; i < 17; i++) {
            BATCH_BOUNDS[i] = 1L << i;
        }
        BATCH_BOUNDS[17] = Double.POSITIVE_INFINITY;
    }

    private final Engine engine;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsRenderer(Engine engine) {
        this.engine = engine;
    }

    /** The exposition for counters read at journal sequence {@code sequence}, plus the pipeline's figures now. */
    byte[] render(EngineCounters counters, long sequence) {
        final PipelineMetrics pipeline = engine.metrics();
        final List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(CounterSnapshot.builder().name("surge_orders").help("Orders decided, by outcome")
            .dataPoint(counter(counters.ordersReserved(), "outcome", "reserved"))
            .dataPoint(counter(counters.ordersRejected(), "outcome", "rejected"))
            .dataPoint(counter(counters.ordersPaid(), "outcome", "paid"))
            .dataPoint(counter(counters.ordersCancelled(), "outcome", "cancelled"))
            .dataPoint(counter(counters.ordersExpired(), "outcome", "expired"))
            .build());
        final CounterSnapshot.Builder rejections = CounterSnapshot.builder().name("surge_order_rejections")
            .help("Orders rejected, by reason");
        for (RejectReason reason : RejectReason.values()) {
            rejections.dataPoint(counter(counters.rejected(reason), "reason", reason.name()));
        }
        metrics.add(rejections.build());
        metrics.add(counter("surge_commands_rejected", "Payments, cancels and admin commands turned down",
            counters.commandsRejected()));
        metrics.add(counter("surge_gmv_paid_cents", "Value of paid orders, cents", counters.gmvPaidCents()));
        metrics.add(counter("surge_gmv_reserved_cents", "Value of all reservations made, cents",
            counters.gmvReservedCents()));
        metrics.add(gauge("surge_engine_applied_sequence", "Journal sequence the counters above were read at", sequence));

        metrics.add(gauge("surge_ring_backlog", "Commands waiting in the ring", engine.publisher().backlog()));
        metrics.add(gauge("surge_ring_capacity", "Command slots in the ring", engine.publisher().capacity()));
        metrics.add(gauge("surge_journal_sequence", "Sequence of the last journal entry known durable",
            pipeline.journaledSequence()));
        metrics.add(counter("surge_journal_bytes_appended", "Journal bytes appended by this process",
            pipeline.journalBytesAppended()));
        metrics.add(counter("surge_pipeline_batches", "Journal batches flushed", pipeline.batches()));
        metrics.add(counter("surge_pipeline_commands_answered", "Commands answered after journaling",
            pipeline.commandsAnswered()));
        metrics.add(histogram("surge_pipeline_batch_size", "Commands per journal batch", pipeline.batchSizes(),
            BATCH_BOUNDS, 1.0));
        metrics.add(histogram("surge_decision_latency_seconds",
            "Time from publishing a command to answering it (decided, journaled, flushed)",
            pipeline.decisionLatencyNanos(), LATENCY_BOUNDS_SECONDS, 1e-9));
        metrics.add(gauge("surge_engine_up", "1 while the engine acknowledges commands, 0 once it has halted",
            engine.haltReason() == null ? 1 : 0));

        final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, new MetricSnapshots(metrics));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static CounterSnapshot.CounterDataPointSnapshot counter(long value, String label, String labelValue) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(Labels.of(label, labelValue)).value(value).build();
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot gauge(String name, String help, long value) {
        return GaugeSnapshot.builder().name(name).help(help)
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    /** A classic Prometheus histogram from an HdrHistogram of raw values times {@code unit}. */
    private static HistogramSnapshot histogram(String name, String help, Histogram values, double[] bounds, double unit) {
        final long[] counts = new long[bounds.length];
        double sum = 0;
        for (HistogramIterationValue value : values.recordedValues()) {
            final double scaled = value.getValueIteratedTo() * unit;
            final long count = value.getCountAtValueIteratedTo();
            int bucket = 0;
            while (scaled > bounds[bucket]) {
                bucket++;
            }
            counts[bucket] += count;
            sum += scaled * count;
        }
        return HistogramSnapshot.builder().name(name).help(help)
            .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts)).sum(sum).build())
            .build();
    }
}
