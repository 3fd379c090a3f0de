package io.surge.benchmarks;

import io.surge.engine.Engine;
import io.surge.engine.Outcome;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.domain.Status;
import io.surge.engine.journal.Durability;
import io.surge.engine.pipeline.WaitStrategyKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Restart time: {@link Engine#start} (recovery: newest snapshot, then replay and verification
 * of every journal entry after it; then the pipeline starts) plus {@link Engine#close}, on a
 * journal of {@code entries} entries (default 10M, which is about 14.6M events: an order entry
 * holds one event, a payment two, a cancellation one).
 * <p>
 * The trial's set-up builds the journal once with the real engine (page cache, yielding, the
 * zero-allocation API): 100,000 SKUs, then the {@link OrderMix} (90% of orders paid, 5%
 * cancelled, 5% left reserved, so about 256,000 live reservations and a full 1M idempotency
 * window end up in the state). With {@code snapshot=true} it takes a snapshot
 * ({@link Engine#snapshot()}) {@code tailEntries} entries before the end, so a restart loads it
 * and replays only the tail; with {@code snapshot=false} the snapshot is deleted and a restart
 * replays everything. Every measured start opens the same directory: snapshots on shutdown and
 * periodic snapshots are off, and the ticker is set to an hour, so a restart writes nothing and
 * each one sees the same files. Everything lives in one temporary folder, deleted at the end.
 * <p>
 * Mode: single-shot time, milliseconds per restart; the build takes tens of seconds (more on a
 * busy machine) and about 1.2 GB of disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class RestartBenchmark {
    /** Small batches (3,900 commands) so the snapshot lands within a batch of {@code entries - tailEntries}. */
    static final int BUILD_BATCH_ORDERS = 2_000;

    @Param({"true", "false"})
    public boolean snapshot;

    @Param({"10000000"})
    public long entries;

    @Param({"100000"})
    public long tailEntries;

    private Path dataDir;
    private EngineConfig restartConfig;
    private long journaledSequence;

    @Setup(Level.Trial)
    public void buildJournal() throws Exception {
        if (tailEntries < 1 || tailEntries >= entries) {
            throw new IllegalArgumentException("0 < tailEntries < entries");
        }
        dataDir = TempDirs.create("surge-bench-restart-");
        final Catalogue catalogue = new Catalogue(Catalogue.DEFAULT_SIZE, 42);
        final EngineConfig buildConfig = EngineConfig.builder(dataDir)
            .waitStrategy(WaitStrategyKind.YIELDING)
            .durability(Durability.PAGE_CACHE)
            .minFreeBytes(0)
            .snapshotEveryEntries(0)
            .snapshotEveryMs(0)
            .snapshotOnShutdown(false)
            .catalogue(catalogue.definitions())
            .build();
        restartConfig = buildConfig.toBuilder().tickIntervalMs(TimeUnit.HOURS.toMillis(1)).build();

        final long started = System.nanoTime();
        final long snapshotSequence;
        try (Engine engine = Engine.start(buildConfig)) {
            final EngineDriver driver = new EngineDriver(engine, new OrderMix(catalogue, false, BUILD_BATCH_ORDERS, 32, 7));
            final long seeded = engine.metrics().journaledSequence();
            driver.runCommands(entries - tailEntries - seeded);
            final Outcome taken = engine.snapshot().get(5, TimeUnit.MINUTES);
            if (taken.status() != Status.ACCEPTED) {
                throw new IllegalStateException("snapshot failed: " + taken);
            }
            snapshotSequence = taken.sequence();
            driver.runCommands(entries - engine.metrics().journaledSequence());
            driver.check(0);
            journaledSequence = engine.metrics().journaledSequence();
            System.out.printf("%nBuilt a journal of %,d entries (%,d MB; snapshot at %,d, tail %,d) in %,d ms: %s%n",
                journaledSequence, engine.journalBytesOnDisk() >> 20, snapshotSequence, journaledSequence - snapshotSequence,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), driver.summary());
        }
        if (!snapshot) {
            TempDirs.delete(restartConfig.snapshotDir());
        }
    }

    @Benchmark
    public long restart() {
        final long replayed;
        try (Engine engine = Engine.start(restartConfig)) {
            replayed = engine.recovery().entriesReplayed();
            final boolean fromSnapshot = engine.recovery().snapshot() != null;
            final long sequence = engine.metrics().journaledSequence();
            if (fromSnapshot != snapshot || sequence != journaledSequence) {
                throw new IllegalStateException("recovered to sequence " + sequence + " (expected " + journaledSequence
                    + ") " + (fromSnapshot ? "from a snapshot" : "without a snapshot") + ", replaying " + replayed);
            }
        }
        return replayed;
    }

    @TearDown(Level.Trial)
    public void delete() {
        TempDirs.delete(dataDir);
    }
}
