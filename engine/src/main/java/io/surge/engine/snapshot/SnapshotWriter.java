package io.surge.engine.snapshot;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.SerializedStateHash;
import io.surge.engine.domain.StateOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Takes snapshots without stopping the pipeline for the disk write. The business-logic thread
 * {@link #capture captures} the state into off-heap chunks (a fast copy), the journal thread
 * {@link #submit submits} it once every entry it covers is journaled, and a background thread
 * hashes it and writes the file. One snapshot at a time: a capture while one is in flight is declined.
 */
public final class SnapshotWriter implements AutoCloseable {
    /** Why a snapshot request is declined while another snapshot is still being written. */
    public static final String BUSY = "a snapshot is already being written";

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);
    private static final int IDLE = 0;
    private static final int CAPTURED = 1;
    private static final int WRITING = 2;
    private static final int GROWING = 3;

    private final SnapshotStore store;
    private final StateOutput output;
    private final AtomicInteger stage = new AtomicInteger(IDLE);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        final Thread t = new Thread(runnable, "surge-snapshot");
        t.setDaemon(true);
        return t;
    });
    private long capturedSequence;
    private long captureNanos;
    /** What the buffer holds without allocating; written by the snapshot thread. */
    private volatile long reservedBytes;
    private volatile boolean growthRefused;

    public SnapshotWriter(SnapshotStore store) {
        this(store, new StateOutput());
    }

    /** With the buffer to capture into (tests give one that runs out of memory). */
    SnapshotWriter(SnapshotStore store, StateOutput output) {
        this.store = store;
        this.output = output;
    }

    public SnapshotStore store() {
        return store;
    }

    /**
     * Business-logic thread: if the buffer could not hold a state of {@code stateBytes}, has the
     * snapshot thread allocate room for half as much again. Allocating and first touching hundreds
     * of megabytes took seconds inside a capture; done ahead, a capture only copies. After the
     * memory was once refused it is not asked for again: each refusal costs a full collection.
     */
    public void reserveAhead(long stateBytes) {
        if (stateBytes <= reservedBytes || growthRefused || !stage.compareAndSet(IDLE, GROWING)) {
            return;
        }
        final long target = stateBytes + stateBytes / 2;
        thread.execute(() -> {
            try {
                output.reserve(target);
            } catch (OutOfMemoryError e) {
                growthRefused = true;
                LOG.warn("The snapshot buffer cannot grow ahead to {} bytes ({}); captures will allocate what they need"
                    + " (see -XX:MaxDirectMemorySize)", target, e.getMessage());
            } finally {
                reservedBytes = output.capacity();
                stage.set(IDLE);
            }
        });
    }

    /**
     * Before the pipeline starts: allocates the buffer for a state of {@code stateBytes} now, on
     * the calling thread, instead of growing it ahead during the sale (each growth touches fresh
     * memory, a page fault per 4 KB, on a core the pipeline shares).
     *
     * @throws OutOfMemoryError when the memory is not there (see -XX:MaxDirectMemorySize)
     */
    public void reserveNow(long stateBytes) {
        if (stage.get() != IDLE) {
            throw new IllegalStateException("the snapshot buffer is in use");
        }
        output.reserve(stateBytes);
        reservedBytes = output.capacity();
    }

    /** Bytes the buffer holds without allocating during a capture. */
    public long reservedBytes() {
        return reservedBytes;
    }

    /**
     * Business-logic thread: serializes the state if no snapshot is in flight.
     *
     * @return null once captured, else why not: {@link #BUSY}, or that the buffer could not get
     *     the memory (the engine carries on; the next periodic snapshot tries again)
     */
    public String capture(BusinessLogic logic) {
        if (stage.get() != IDLE) {
            return BUSY;
        }
        final long start = System.nanoTime();
        output.reset();
        try {
            logic.writeTo(output);
        } catch (OutOfMemoryError e) {
            output.reset();
            final String problem = "no memory for the snapshot buffer (" + e.getMessage() + "; see -XX:MaxDirectMemorySize)";
            LOG.warn("Snapshot at sequence {} not taken: {}", logic.appliedSequence(), problem);
            return problem;
        }
        capturedSequence = logic.appliedSequence();
        captureNanos = System.nanoTime() - start;
        stage.set(CAPTURED);
        return null;
    }

    /**
     * Journal thread, after the entries up to the captured sequence are journaled and flushed:
     * hashes the captured state and writes the file in the background, then tells
     * {@code whenDone} (null on failure).
     *
     * @param journalPosition the journal position of the entry with the captured sequence
     */
    public void submit(long journalPosition, Consumer<SnapshotInfo> whenDone) {
        if (!stage.compareAndSet(CAPTURED, WRITING)) {
            throw new IllegalStateException("no captured snapshot to submit");
        }
        final long sequence = capturedSequence;
        final long captureMs = captureNanos / 1_000_000;
        thread.execute(() -> {
            SnapshotInfo written = null;
            try {
                final long start = System.nanoTime();
                final long hash = SerializedStateHash.of(output.toInput());
                written = store.write(sequence, journalPosition, hash, output);
                reservedBytes = output.capacity();
                LOG.info("Snapshot at sequence {} written to {} ({} bytes; the business-logic thread spent {} ms on it, this one {} ms)",
                    sequence, written.file(), written.stateLength(), captureMs, (System.nanoTime() - start) / 1_000_000);
            } catch (Exception e) {
                LOG.warn("Snapshot at sequence {} could not be written: {}", sequence, e.toString());
            } finally {
                stage.set(IDLE);
            }
            if (whenDone != null) {
                whenDone.accept(written);
            }
        });
    }

    /** Journal thread: drops a capture whose entries could not be journaled. */
    public void abandon() {
        stage.compareAndSet(CAPTURED, IDLE);
    }

    /** Waits for a snapshot being written to finish. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("Snapshot writer did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
