package io.surge.engine.live;

import io.surge.engine.journal.Journal;
import io.surge.engine.journal.JournalTailer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The live sales view's own thread ({@code surge-live}): follows the journal with its own
 * tailer, feeds every entry to {@link LiveAggregates}, and publishes an immutable
 * {@link LiveSnapshot} every {@link #PUBLISH_INTERVAL_MS} for the dashboard and
 * {@code GET /stats/live}.
 * <p>
 * <b>Why a journal tailer, not a third Disruptor handler.</b> A handler gated behind the journal
 * handler would hold ring slots (and the entry log, which the journal thread recycles at the end
 * of each batch) until the statistics are done, so a slow ranking would slow every order, and it
 * would be a third spinning thread on a small machine. A tailer shares nothing with the
 * pipeline: it reads only what the journal thread committed (so it counts exactly the
 * journaled outcomes), sleeps when it has caught up, can never hold the engine back, and reads
 * the very bytes replay and recovery read. Starting from the first entry makes the figures
 * cover the whole journal, so after a restart they are rebuilt exactly, and GMV agrees with
 * {@code GET /stats} (the engine's counters are rebuilt from the same journal).
 * <p>
 * <b>Threads.</b> {@link #latest()} may be called from any thread (a volatile read);
 * {@link #start()} and {@link #close()} by the engine's owner. Everything else belongs to the
 * {@code surge-live} thread.
 */
public final class LiveStats implements AutoCloseable {
    /** How often a new snapshot is published (the dashboard's stream pushes at about this rate). */
    public static final long PUBLISH_INTERVAL_MS = 200;
    /** Seconds of orders per second kept (five minutes). */
    public static final int WINDOW_SECONDS = 300;
    /** SKUs and merchants per ranking. */
    public static final int TOP_COUNT = 10;
    /** Sell-outs in the feed. */
    public static final int FEED_SIZE = 30;

    private static final Logger LOG = LoggerFactory.getLogger(LiveStats.class);
    private static final int GROUPS_PER_READ = 256;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Journal journal;
    private final LiveAggregates aggregates = new LiveAggregates(WINDOW_SECONDS, TOP_COUNT, FEED_SIZE);
    private final LiveEntryReader reader;
    private final LongSupplier wallClockMs;
    private final LongSupplier journaledSequence;
    private final Thread thread;
    private volatile LiveSnapshot latest;
    private volatile boolean running = true;

    /**
     * @param journal            the engine's journal (read only through a tailer of its own)
     * @param historyEndSequence the last entry journaled before this engine started: earlier
     *                           entries count in the totals but not in orders per second
     * @param wallClockMs        wall time, for the per-second buckets
     * @param journaledSequence  the last sequence the journal thread has committed (any thread may
     *                           read it): once caught up, the journal is read only when it has moved
     */
    public LiveStats(Journal journal, long historyEndSequence, LongSupplier wallClockMs, LongSupplier journaledSequence) {
        this.journal = journal;
        this.wallClockMs = wallClockMs;
        this.journaledSequence = journaledSequence;
        this.reader = new LiveEntryReader(aggregates, historyEndSequence);
        this.latest = LiveSnapshot.empty(WINDOW_SECONDS, wallClockMs.getAsLong());
        this.thread = new Thread(this::run, "surge-live");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The newest published view. Any thread. */
    public LiveSnapshot latest() {
        return latest;
    }

    /**
     * Reads what is left of the journal, publishes a last snapshot, and stops (at once if it is
     * still catching up with the journal's past). Call after the pipeline has stopped and
     * before the journal closes.
     */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The live view's reader did not stop within 10 s");
        }
    }

    private void run() {
        try (JournalTailer tailer = journal.tailer()) {
            tailer.toStart();
            boolean caughtUp = false;
            long nextPublishMs = 0;
            long publishedSequence = -1;
            long publishedSecond = Long.MIN_VALUE;
            boolean publishedCaughtUp = false;
            while (true) {
                // Asked to stop: read to the end once more (the last view then holds every journaled
                // outcome), unless still catching up with a long past, which is not worth the wait.
                final boolean stopping = !running;
                // Idle, the journal is not polled at all: one volatile read says whether it moved.
                final boolean moved = !caughtUp || stopping || journaledSequence.getAsLong() > aggregates.journalSequence();
                final int groups = moved ? tailer.read(reader, GROUPS_PER_READ) : 0;
                final long nowMs = wallClockMs.getAsLong();
                final long decided = reader.takeLiveOrdersDecided();
                if (decided > 0) {
                    aggregates.ordersDecided(nowMs, decided);
                }
                caughtUp |= groups == 0;
                final long second = Math.floorDiv(nowMs, 1000L);
                final boolean changed = aggregates.journalSequence() != publishedSequence || second != publishedSecond
                    || caughtUp != publishedCaughtUp;
                if (stopping && !caughtUp) {
                    return;
                }
                if ((nowMs >= nextPublishMs && changed) || (stopping && groups == 0)) {
                    latest = aggregates.snapshot(nowMs, caughtUp);
                    publishedSequence = aggregates.journalSequence();
                    publishedSecond = second;
                    publishedCaughtUp = caughtUp;
                    nextPublishMs = nowMs + PUBLISH_INTERVAL_MS;
                }
                if (groups == 0) {
                    if (stopping) {
                        return;
                    }
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("The live view stopped reading the journal; /stats/live and the dashboard stay at sequence {}",
                aggregates.journalSequence(), e);
        }
    }
}
