package io.surge.engine;

import io.surge.engine.codec.QueryKind;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.SaleDefinition;
import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.EngineCounters;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;
import io.surge.engine.execution.CommandExecutor;
import io.surge.engine.journal.ChronicleJournal;
import io.surge.engine.journal.Journal;
import io.surge.engine.journal.JournalAppender;
import io.surge.engine.live.LiveStats;
import io.surge.engine.pipeline.CommandPublisher;
import io.surge.engine.pipeline.CommandWriter;
import io.surge.engine.pipeline.EngineHealth;
import io.surge.engine.pipeline.EngineUnavailableException;
import io.surge.engine.pipeline.Pipeline;
import io.surge.engine.pipeline.PipelineMetrics;
import io.surge.engine.pipeline.ResultListener;
import io.surge.engine.recovery.RecoveredState;
import io.surge.engine.recovery.StateRecovery;
import io.surge.engine.snapshot.SnapshotStore;
import io.surge.engine.snapshot.SnapshotWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A running Surge engine: the embedded Java API.
 * <p>
 * {@link #start} recovers the state from the data directory (newest valid snapshot plus the
 * journal after it), seeds the configured catalogue and sales into an empty journal, and starts
 * the pipeline. Commands may then be submitted from any thread:
 * <ul>
 *   <li>with a {@link ResultListener} and a correlation id: nothing allocated per command, the
 *   listener runs on the journal thread after the command's events are journaled;</li>
 *   <li>or as {@link CompletableFuture}s: convenient, one small allocation per command. Futures
 *   complete on the journal thread, so chain heavy work with the {@code ...Async} methods.</li>
 * </ul>
 * Queries (a SKU's counters, an order, the stats, the state hash) go through the ring too, so
 * they see the state exactly between two commands. {@link #close} drains the ring, writes a
 * snapshot (unless configured off) and releases the data directory.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    private final Journal journal;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EngineHealth health = new EngineHealth();
    private final SnapshotWriter snapshotWriter;
    private final Pipeline pipeline;
    private final CommandPublisher publisher;
    private final RecoveredState recovery;
    private final ScheduledExecutorService ticker;
    private final LiveStats live;
    private volatile boolean closed;

    private Engine(
        EngineConfig config, Journal journal, FileChannel lockChannel, FileLock lock, RecoveredState recovery,
        UnaryOperator<JournalAppender> appenderDecorator, LongSupplier usableDiskBytes) {
        this.config = config;
        this.journal = journal;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recovery = recovery;
        this.snapshotWriter = new SnapshotWriter(new SnapshotStore(config.snapshotDir(), config.snapshotKeep()));
        final CommandExecutor executor = new CommandExecutor(recovery.logic());
        this.pipeline = new Pipeline(
            new Pipeline.Settings(config.ringSize(), config.waitStrategy(), config.snapshotEveryEntries(), config.snapshotEveryMs()),
            new Pipeline.Wiring(executor, config.clock(), appenderDecorator.apply(journal.appender()), snapshotWriter,
                config.journalDir(), config.minFreeBytes(), usableDiskBytes, recovery.lastPosition()),
            health);
        this.publisher = pipeline.publisher();
        // Read before the pipeline starts: entries up to here are history for the live view.
        this.live = new LiveStats(journal, recovery.logic().appliedSequence(), System::currentTimeMillis,
            pipeline.metrics()::journaledSequence);
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            final Thread thread = new Thread(runnable, "surge-ticker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts an engine on {@code config}; throws {@link EngineStartException} saying why it cannot. */
    public static Engine start(EngineConfig config) {
        return start(config, UnaryOperator.identity(), null);
    }

    /**
     * For tests of failure handling: wraps the journal appender (to make it fail) and replaces the
     * free-disk-space probe.
     */
    static Engine start(EngineConfig config, UnaryOperator<JournalAppender> appenderDecorator, LongSupplier usableDiskBytes) {
        final Path dataDir = config.dataDir();
        final FileChannel lockChannel;
        final FileLock lock;
        try {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(dataDir.resolve("engine.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException e) {
            throw new EngineStartException("cannot use data directory " + dataDir + ": " + e, e);
        }
        try {
            lock = lockChannel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(lockChannel);
            throw new EngineStartException("another engine is using " + dataDir, e);
        }
        if (lock == null) {
            closeQuietly(lockChannel);
            throw new EngineStartException("another engine is using " + dataDir);
        }
        Journal journal = null;
        Engine engine = null;
        try {
            refuseAJournalThatLostItsNewestFile(config.journalDir());
            journal = ChronicleJournal.open(config.journalDir(), config.durability(), config.rollCycle());
            final RecoveredState recovered = StateRecovery.recover(journal,
                new SnapshotStore(config.snapshotDir(), config.snapshotKeep()));
            logRecovery(recovered, config);
            final boolean freshJournal = recovered.logic().appliedSequence() == 0;
            final boolean settingsChanged = !recovered.logic().settings().equals(config.decisions());
            final Seed unseeded = freshJournal ? new Seed(config.catalogue(), config.sales()) : unseeded(recovered.logic(), config);
            engine = new Engine(config, journal, lockChannel, lock, recovered, appenderDecorator, usableDiskBytes);
            engine.preallocate();
            engine.pipeline.start();
            engine.live.start();
            if (freshJournal || settingsChanged) {
                engine.configure(config.decisions());
            }
            if (!freshJournal && !unseeded.isEmpty()) {
                LOG.warn("An earlier start stopped before it had seeded the whole catalogue (no order was taken since): "
                    + "defining the {} SKUs and {} sales it did not reach", unseeded.skus().size(), unseeded.sales().size());
            }
            engine.seed(unseeded.skus(), unseeded.sales());
            // The seed is published in one burst and waits in the ring: that is not decision latency.
            engine.pipeline.metrics().forgetDecisionLatency();
            engine.startTicker();
            return engine;
        } catch (RuntimeException e) {
            if (engine != null) {
                engine.abortStart();
            } else {
                if (journal != null) {
                    journal.close();
                }
                releaseQuietly(lock, lockChannel);
            }
            if (e instanceof EngineStartException) {
                throw e;
            }
            throw new EngineStartException("engine could not start on " + dataDir + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ zero-allocation API

    /**
     * Places an order, waiting while the ring is full. The listener hears the outcome after it is
     * journaled. {@code lines} is copied before this returns.
     */
    public void placeOrder(long orderId, long customerId, OrderLines lines, ResultListener listener, long correlationId) {
        publisher.placeOrder(orderId, customerId, lines, listener, correlationId, true);
    }

    /** Like {@link #placeOrder(long, long, OrderLines, ResultListener, long)} but returns false at once when the ring is full. */
    public boolean tryPlaceOrder(long orderId, long customerId, OrderLines lines, ResultListener listener, long correlationId) {
        return publisher.placeOrder(orderId, customerId, lines, listener, correlationId, false);
    }

    public void confirmPayment(long orderId, ResultListener listener, long correlationId) {
        publisher.confirmPayment(orderId, listener, correlationId, true);
    }

    public boolean tryConfirmPayment(long orderId, ResultListener listener, long correlationId) {
        return publisher.confirmPayment(orderId, listener, correlationId, false);
    }

    public void cancelOrder(long orderId, ResultListener listener, long correlationId) {
        publisher.cancelOrder(orderId, listener, correlationId, true);
    }

    public boolean tryCancelOrder(long orderId, ResultListener listener, long correlationId) {
        return publisher.cancelOrder(orderId, listener, correlationId, false);
    }

    // ------------------------------------------------------------------ future API

    public CompletableFuture<Outcome> placeOrder(long orderId, long customerId, OrderLines lines) {
        final OutcomeFuture future = new OutcomeFuture();
        publisher.placeOrder(orderId, customerId, lines, future, 0, true);
        return future.future;
    }

    public CompletableFuture<Outcome> confirmPayment(long orderId) {
        final OutcomeFuture future = new OutcomeFuture();
        publisher.confirmPayment(orderId, future, 0, true);
        return future.future;
    }

    public CompletableFuture<Outcome> cancelOrder(long orderId) {
        final OutcomeFuture future = new OutcomeFuture();
        publisher.cancelOrder(orderId, future, 0, true);
        return future.future;
    }

    /** Defines a SKU, or updates its merchant and price and sets its available stock. */
    public CompletableFuture<Outcome> defineSku(long sku, long merchantId, long priceCents, long available) {
        return submit((encoder, entry) -> encoder.defineSku(entry, sku, merchantId, priceCents, available));
    }

    /** Adds ({@code delta > 0}) or removes available stock; never more than is available. */
    public CompletableFuture<Outcome> adjustStock(long sku, long delta) {
        return submit((encoder, entry) -> encoder.adjustStock(entry, sku, delta));
    }

    public CompletableFuture<Outcome> defineSale(long saleId, long startMs, long endMs, int limitPerCustomer, long... skus) {
        final long[] copy = skus.clone();
        return submit((encoder, entry) -> encoder.defineSale(entry, saleId, startMs, endMs, limitPerCustomer, copy, copy.length));
    }

    /** Publishes a tick now (the engine also ticks every {@code orders.tickIntervalMs}). */
    public CompletableFuture<Outcome> tick() {
        final int maxExpiries = config.maxExpiriesPerTick();
        return submit((encoder, entry) -> encoder.tick(entry, maxExpiries));
    }

    public CompletableFuture<Optional<SkuView>> sku(long sku) {
        return query(QueryKind.SKU, sku, result -> result.status() == Status.FOUND
            ? Optional.of(new SkuView(result.sku(), result.merchantId(), result.priceCents(), result.available(),
                result.reserved(), result.sold()))
            : Optional.empty());
    }

    /** A live order; empty once it is paid, cancelled or expired. */
    public CompletableFuture<Optional<OrderView>> order(long orderId) {
        return query(QueryKind.ORDER, orderId, result -> {
            if (result.status() != Status.FOUND) {
                return Optional.empty();
            }
            final List<OrderView.Line> lines = new ArrayList<>();
            for (int i = 0; i < result.lines().count(); i++) {
                lines.add(new OrderView.Line(result.lines().sku(i), result.lines().quantity(i),
                    result.lines().unitPriceCents(i)));
            }
            return Optional.of(new OrderView(result.orderId(), result.customerId(), result.orderStatus(),
                result.expiresAtMs(), List.copyOf(lines)));
        });
    }

    public CompletableFuture<EngineStats> stats() {
        return query(QueryKind.COUNTERS, 0, result -> EngineStats.of(result.counters(), result.sequence()));
    }

    /** {@code stateHash()} of the whole state, between two commands. */
    public CompletableFuture<Long> stateHash() {
        return query(QueryKind.STATE_HASH, 0, CommandResult::stateHash);
    }

    /** Writes a snapshot; completes (ACCEPTED, with its sequence) once the file is on disk. */
    public CompletableFuture<Outcome> snapshot() {
        final OutcomeFuture future = new OutcomeFuture();
        publisher.requestSnapshot(future, 0, true);
        return future.future;
    }

    // ------------------------------------------------------------------ operations

    public EngineConfig config() {
        return config;
    }

    /** How the state was rebuilt at start-up. */
    public RecoveredState recovery() {
        return recovery;
    }

    public PipelineMetrics metrics() {
        return pipeline.metrics();
    }

    /**
     * The live sales view (GMV, orders per second, rejections, top SKUs and merchants,
     * sell-outs), kept by its own thread from the journal; {@code latest()} from any thread.
     */
    public LiveStats live() {
        return live;
    }

    /** Null while running; otherwise why the engine stopped acknowledging. */
    public String haltReason() {
        return health.haltReason();
    }

    public Path journalDirectory() {
        return journal.directory();
    }

    public long journalBytesOnDisk() {
        return journal.bytesOnDisk();
    }

    /** Commands waiting in the ring. */
    public long backlog() {
        return publisher.backlog();
    }

    /**
     * The ring's publisher, for gateways that must never block (they use its {@code block = false}
     * forms and retry or answer "busy" themselves).
     */
    public CommandPublisher publisher() {
        return publisher;
    }

    /** Drains the ring, writes a snapshot (if configured), closes the journal and releases the directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        if (config.snapshotOnShutdown() && !health.isHalted()) {
            snapshotAtShutdown();
        }
        pipeline.close();
        snapshotWriter.close();
        live.close(); // after the pipeline: its last view includes every journaled outcome
        journal.close();
        releaseQuietly(lock, lockChannel);
    }

    // ------------------------------------------------------------------ internals

    /** A periodic snapshot may be in flight: the closing one waits its turn (a few tries). */
    private void snapshotAtShutdown() {
        String problem = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                final Outcome outcome = snapshot().get(60, TimeUnit.SECONDS);
                if (outcome.status() != Status.FAILED) {
                    return;
                }
                problem = outcome.failure();
                if (!problem.contains(SnapshotWriter.BUSY)) {
                    break;
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
                break;
            } catch (Exception e) {
                problem = e.toString();
                break;
            }
        }
        LOG.warn("No snapshot at shutdown: {}", problem);
    }

    private CompletableFuture<Outcome> submit(CommandWriter writer) {
        final OutcomeFuture future = new OutcomeFuture();
        publisher.publish(writer, future, 0, true);
        return future.future;
    }

    private <T> CompletableFuture<T> query(QueryKind kind, long subjectId, Function<CommandResult, T> read) {
        final CompletableFuture<T> future = new CompletableFuture<>();
        publisher.publish((encoder, entry) -> encoder.query(entry, kind, subjectId), (id, result) -> {
            if (result.status() == Status.FAILED) {
                future.completeExceptionally(new EngineUnavailableException(result.failure()));
            } else {
                future.complete(read.apply(result));
            }
        }, 0, true);
        return future;
    }

    private void configure(DecisionSettings settings) {
        final Outcome outcome = submit((encoder, entry) -> encoder.configure(entry, settings)).join();
        if (outcome.status() != Status.ACCEPTED) {
            throw new EngineStartException("could not apply decision settings: " + outcome);
        }
    }

    /** Defines the catalogue and sales in an empty journal, through the pipeline like any admin command. */
    /** SKUs and sales to define at start-up. */
    private record Seed(List<SkuDefinition> skus, List<SaleDefinition> sales) {
        boolean isEmpty() {
            return skus.isEmpty() && sales.isEmpty();
        }
    }

    /**
     * What of the seed files an earlier start did not get to define (it was stopped midway), or
     * nothing. Only before the first order: once orders were taken the journal owns the
     * catalogue, and a SKU the seed files name but the state lacks is the operator's business,
     * not a half-done seed.
     */
    private static Seed unseeded(BusinessLogic logic, EngineConfig config) {
        final EngineCounters counters = logic.counters();
        if (counters.ordersReserved() + counters.ordersRejected() != 0) {
            return new Seed(List.of(), List.of());
        }
        final List<SkuDefinition> skus = new ArrayList<>();
        for (SkuDefinition sku : config.catalogue()) {
            if (!logic.knowsSku(sku.sku())) {
                skus.add(sku);
            }
        }
        final List<SaleDefinition> sales = new ArrayList<>();
        for (SaleDefinition sale : config.sales()) {
            if (!logic.knowsSale(sale.saleId())) {
                sales.add(sale);
            }
        }
        return new Seed(skus, sales);
    }

    private void seed(List<SkuDefinition> catalogue, List<SaleDefinition> sales) {
        if (catalogue.isEmpty() && sales.isEmpty()) {
            return;
        }
        final long started = System.nanoTime();
        final CountDownLatch done = new CountDownLatch(catalogue.size() + sales.size());
        final AtomicReference<String> firstProblem = new AtomicReference<>();
        final ResultListener listener = (index, result) -> {
            if (result.status() != Status.ACCEPTED) {
                firstProblem.compareAndSet(null, "seed command " + index + ": " + result);
            }
            done.countDown();
        };
        long index = 0;
        for (SkuDefinition sku : catalogue) {
            publisher.publish((encoder, entry) -> encoder.defineSku(entry, sku.sku(), sku.merchantId(), sku.priceCents(),
                sku.stock()), listener, index++, true);
        }
        for (SaleDefinition sale : sales) {
            publisher.publish((encoder, entry) -> encoder.defineSale(entry, sale.saleId(), sale.startMs(), sale.endMs(),
                sale.limitPerCustomer(), sale.skus(), sale.skus().length), listener, index++, true);
        }
        try {
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new EngineStartException("seeding the catalogue did not finish within 5 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineStartException("interrupted while seeding the catalogue", e);
        }
        if (firstProblem.get() != null) {
            throw new EngineStartException("seeding the catalogue failed: " + firstProblem.get());
        }
        LOG.info("Seeded {} SKUs and {} sales in {} ms", catalogue.size(), sales.size(),
            (System.nanoTime() - started) / 1_000_000);
    }

    private void startTicker() {
        final int maxExpiries = config.maxExpiriesPerTick();
        final CommandWriter tick = (encoder, entry) -> encoder.tick(entry, maxExpiries);
        ticker.scheduleAtFixedRate(() -> {
            try {
                publisher.publish(tick, null, 0, false);
            } catch (EngineUnavailableException e) {
                ticker.shutdown();
            }
        }, config.tickIntervalMs(), config.tickIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /**
     * Before the pipeline starts: allocates the memory of {@code capacity.preallocateOrders} open
     * reservations (and, with periodic snapshots on, the snapshot buffer that will hold them), so
     * the sale itself allocates nothing.
     */
    private void preallocate() {
        final int orders = config.preallocateOrders();
        if (orders == 0) {
            return;
        }
        final long start = System.nanoTime();
        final BusinessLogic logic = recovery.logic();
        final boolean periodicSnapshots = config.snapshotEveryEntries() > 0 || config.snapshotEveryMs() > 0;
        try {
            logic.makeRoomForOrders(orders);
            if (periodicSnapshots) {
                snapshotWriter.reserveNow(logic.snapshotBytesEstimate(orders));
            }
        } catch (OutOfMemoryError e) {
            throw new EngineStartException("capacity.preallocateOrders: no memory for " + orders + " open reservations ("
                + e.getMessage() + "); lower it, or raise -XX:MaxDirectMemorySize (SURGE_JAVA_OPTS)", e);
        }
        LOG.info("Made room for {} open reservations before taking input: {} MB for the orders{} in {} ms", orders,
            logic.offHeapBytes() >> 20, periodicSnapshots ? ", " + (snapshotWriter.reservedBytes() >> 20) + " MB for snapshots" : "",
            (System.nanoTime() - start) / 1_000_000);
    }

    private void abortStart() {
        closed = true;
        ticker.shutdownNow();
        pipeline.close();
        snapshotWriter.close();
        live.close();
        journal.close();
        releaseQuietly(lock, lockChannel);
    }

    /**
     * A journal whose newest cycle file was deleted would otherwise recover to an older state and
     * carry on, its next entries reusing the lost sequences: acknowledged orders gone for good.
     */
    private static void refuseAJournalThatLostItsNewestFile(Path journalDir) {
        if (!Files.isRegularFile(journalDir.resolve(ChronicleJournal.METADATA_FILE))) {
            return; // a new journal
        }
        final String missing;
        try (ChronicleJournal journal = ChronicleJournal.openReadOnly(journalDir)) {
            missing = journal.missingNewestCycleFile();
        }
        if (missing != null) {
            throw new EngineStartException("the journal's newest cycle file " + journalDir.resolve(missing)
                + " is missing (its metadata, " + ChronicleJournal.METADATA_FILE + ", records it): starting would lose"
                + " the entries it held."
                + " Restore the file, or move the journal aside to start afresh");
        }
    }

    private static void logRecovery(RecoveredState recovered, EngineConfig config) {
        if (recovered.snapshot() == null && recovered.entriesReplayed() == 0) {
            if (config.catalogue().isEmpty() && config.sales().isEmpty()) {
                LOG.info("Starting on an empty journal, with no seed files configured (seed.catalogue, seed.sales):"
                    + " no SKUs until admin calls define them");
            } else {
                LOG.info("Starting on an empty journal");
            }
            return;
        }
        LOG.info("Recovered state at sequence {} from {} and {} journal entries in {} ms",
            recovered.logic().appliedSequence(),
            recovered.snapshot() == null ? "no snapshot" : "snapshot " + recovered.snapshot().file().getFileName(),
            recovered.entriesReplayed(), recovered.elapsedNanos() / 1_000_000);
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            lock.release();
        } catch (IOException | RuntimeException e) {
            // the channel close below releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /** Completes a future with an immutable copy of the result. */
    private static final class OutcomeFuture implements ResultListener {
        final CompletableFuture<Outcome> future = new CompletableFuture<>();

        @Override
        public void onResult(long correlationId, CommandResult result) {
            future.complete(Outcome.of(result));
        }
    }
}
