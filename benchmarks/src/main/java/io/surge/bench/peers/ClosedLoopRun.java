package io.surge.bench.peers;

import io.surge.bench.workload.Workload;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * Drives a peer closed-loop at its maximum rate: one thread and one {@link PeerSession} per
 * connection, each with its own stream of the workload, all started together and stopped at the
 * same deadline. Throughput is every answered order over the time from the start to the last
 * answer. Used from one thread.
 */
final class ClosedLoopRun {
    private final Peer peer;
    private final IntFunction<Workload> streams;
    private final int connections;
    private final long durationNanos;
    private final PrintStream progress;

    /**
     * @param streams   the workload for stream {@code i} (one per connection, 0-based)
     * @param progress  where a progress line goes once a second (null: none)
     */
    ClosedLoopRun(Peer peer, IntFunction<Workload> streams, int connections, long durationNanos, PrintStream progress) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, not " + connections);
        }
        this.peer = peer;
        this.streams = streams;
        this.connections = connections;
        this.durationNanos = durationNanos;
        this.progress = progress;
    }

    /** Runs the orders; returns the totals and the elapsed nanoseconds. */
    Outcome run(String label) throws Exception {
        final List<PeerSession> sessions = new ArrayList<>();
        final List<SessionTally> tallies = new ArrayList<>();
        final List<Workload> workloads = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                workloads.add(streams.apply(i));
                sessions.add(peer.openSession());
                tallies.add(new SessionTally());
            }
            final CountDownLatch go = new CountDownLatch(1);
            final long[] deadline = new long[1];
            final List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                final PeerSession session = sessions.get(i);
                final SessionTally tally = tallies.get(i);
                final Workload workload = workloads.get(i);
                final Thread thread = new Thread(() -> drive(go, deadline, session, workload, tally), "peer-" + i);
                thread.start();
                threads.add(thread);
            }
            final long startNanos = System.nanoTime();
            deadline[0] = startNanos + durationNanos;
            go.countDown();
            watch(threads, tallies, startNanos, label);
            final long elapsedNanos = System.nanoTime() - startNanos;
            final RunTotals totals = new RunTotals();
            for (SessionTally tally : tallies) {
                tally.addTo(totals);
            }
            return new Outcome(totals, elapsedNanos);
        } finally {
            for (PeerSession session : sessions) {
                session.close();
            }
        }
    }

    private static void drive(CountDownLatch go, long[] deadline, PeerSession session, Workload workload, SessionTally tally) {
        try {
            go.await();
            // The latch publishes deadline[0], written before countDown.
            session.run(workload, deadline[0], tally);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            tally.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void watch(List<Thread> threads, List<SessionTally> tallies, long startNanos, String label)
        throws InterruptedException {
        final boolean onTerminal = System.console() != null;
        long lastCompleted = 0;
        long lastNanos = startNanos;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                thread.join(1_000);
                if (progress != null && thread.isAlive()) {
                    final long now = System.nanoTime();
                    final long completed = tallies.stream().mapToLong(SessionTally::completed).sum();
                    final double rate = (completed - lastCompleted) / ((now - lastNanos) / 1e9);
                    // On a terminal the line is rewritten in place; in a log, one line per second.
                    progress.printf("%s  %s  %3.0f/%.0f s  %,12.0f orders/s  %,d orders%s", onTerminal ? "\r" : "", label,
                        (now - startNanos) / 1e9, durationNanos / 1e9, rate, completed, onTerminal ? " " : "\n");
                    progress.flush();
                    lastCompleted = completed;
                    lastNanos = now;
                }
            }
        }
        if (progress != null && onTerminal) {
            progress.println();
        }
    }

    /** What a run produced. */
    record Outcome(RunTotals totals, long elapsedNanos) {
    }
}
