package io.surge.engine.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.surge.engine.execution.CommandExecutor;
import io.surge.engine.journal.JournalAppender;
import io.surge.engine.snapshot.SnapshotWriter;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The Disruptor ring and its two consumer threads: {@code surge-logic} (the single writer:
 * decides every command) then {@code surge-journal} (appends, flushes per batch, then answers
 * callers). Two threads rather than three because answering is cheap and this engine targets
 * small machines: the acknowledgement happens on the journal thread right after the flush.
 */
public final class Pipeline implements AutoCloseable {
    /** Bytes between the logic and journal threads: far more than a full ring of ordinary entries. */
    private static final int ENTRY_LOG_BYTES = 8 << 20;

    private final Disruptor<CommandSlot> disruptor;
    private final CommandPublisher publisher;
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final EngineHealth health;

    /** Where the pipeline starts from and what it writes to. */
    public record Wiring(
        CommandExecutor executor, EngineClock clock, JournalAppender appender, SnapshotWriter snapshots,
        Path journalDir, long minFreeBytes, LongSupplier usableDiskBytes, long recoveredPosition) {
    }

    /** How the pipeline runs. */
    public record Settings(int ringSize, WaitStrategyKind waitStrategy, long snapshotEveryEntries, long snapshotEveryMs) {
    }

    public Pipeline(Settings settings, Wiring wiring, EngineHealth health) {
        this.health = health;
        final AtomicInteger threads = new AtomicInteger();
        disruptor = new Disruptor<>(CommandSlot::new, settings.ringSize(), runnable -> {
            final Thread thread = new Thread(runnable, threads.getAndIncrement() == 0 ? "surge-logic" : "surge-journal");
            thread.setDaemon(true);
            return thread;
        }, ProducerType.MULTI, settings.waitStrategy().create());
        final EntryLog log = new EntryLog(ENTRY_LOG_BYTES);
        final BusinessLogicHandler logicHandler = new BusinessLogicHandler(wiring.executor(), log, wiring.clock(), health,
            wiring.snapshots(), settings.snapshotEveryEntries(), settings.snapshotEveryMs());
        final LongSupplier usable = wiring.usableDiskBytes() != null ? wiring.usableDiskBytes()
            : DiskSpaceGuard.usableSpaceOf(wiring.journalDir());
        final JournalHandler journalHandler = new JournalHandler(wiring.appender(), log, health, wiring.snapshots(),
            new DiskSpaceGuard(wiring.journalDir(), wiring.minFreeBytes(), usable), metrics,
            wiring.recoveredPosition(), wiring.executor().logic().appliedSequence());
        disruptor.setDefaultExceptionHandler(new HaltingExceptionHandler(health));
        disruptor.handleEventsWith(logicHandler).then(journalHandler);
        final RingBuffer<CommandSlot> ring = disruptor.getRingBuffer();
        journalHandler.ring(ring);
        publisher = new CommandPublisher(ring, health);
    }

    public void start() {
        disruptor.start();
    }

    public CommandPublisher publisher() {
        return publisher;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    /** Stops taking commands, lets everything published be decided, journaled and answered. */
    @Override
    public void close() {
        publisher.stopAccepting();
        try {
            disruptor.shutdown(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            health.halt("pipeline did not drain within 30 s", e);
            disruptor.halt();
        }
    }

    /** Handlers catch their own failures; anything reaching here is a bug, so halt rather than guess. */
    private static final class HaltingExceptionHandler implements ExceptionHandler<CommandSlot> {
        private final EngineHealth health;

        HaltingExceptionHandler(EngineHealth health) {
            this.health = health;
        }

        @Override
        public void handleEventException(Throwable ex, long sequence, CommandSlot event) {
            health.halt("unexpected pipeline failure at ring sequence " + sequence + ": " + ex, ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            health.halt("pipeline failed to start: " + ex, ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            health.halt("pipeline failed to stop cleanly: " + ex, ex);
        }
    }
}
