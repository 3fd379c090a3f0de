package io.surge.engine.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.surge.engine.Engine;
import io.surge.engine.EngineStats;
import io.surge.engine.config.EngineConfig;
import io.surge.engine.config.SaleDefinition;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.gateway.Server;
import io.surge.engine.pipeline.ResultListener;
import org.agrona.collections.LongArrayQueue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's main job: start the engine on the built-in configuration, send a Singles' Day order
 * stream through the real pipeline and journal, play the shoppers who pay, cancel or walk away,
 * wait until every reservation has been paid, cancelled or expired, then report.
 * <p>
 * With {@code serve}, the engine runs behind its gateways from the start (the dashboard shows
 * the run live) and is left running afterwards, its sale clock at wall-clock speed: the caller
 * then owns {@link #server()} and closes it.
 */
public final class DemoRun {
    /** The order stream covers the first half hour of the sale, starting a second before it opens. */
    static final long STREAM_SALE_MS = 30 * 60_000L;
    /** After the stream, sale time runs this much faster than wall time: 15 sale minutes take 1.5 s. */
    static final long SALE_SPEED = 600;
    /** Orders that may wait in the ring: 0.1% of the stream (about 2 s of sale time), at least this many. */
    static final long MIN_BACKLOG = 1_024;
    private static final long BACKLOG_PARK_NANOS = 20_000;
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final EngineConfig baseConfig;
    private final int orders;
    private final long seed;
    private final PrintStream out;
    private final boolean interactive;
    private final boolean serve;
    private Server server;

    public DemoRun(EngineConfig baseConfig, int orders, long seed, PrintStream out, boolean interactive) {
        this(baseConfig, orders, seed, out, interactive, false);
    }

    public DemoRun(EngineConfig baseConfig, int orders, long seed, PrintStream out, boolean interactive, boolean serve) {
        this.baseConfig = baseConfig;
        this.orders = orders;
        this.seed = seed;
        this.out = out;
        this.interactive = interactive;
        this.serve = serve;
    }

    /** With {@code serve}: the server left running by {@link #run()}; otherwise null. */
    public Server server() {
        return server;
    }

    /** The dashboard's address on a server (a wildcard listening address shown as localhost). */
    public static String dashboardAddress(Server server) {
        final String host = server.engine().config().gateway().httpHost();
        final boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isEmpty();
        return "http://" + (wildcard ? "localhost" : host.contains(":") ? "[" + host + "]" : host) + ":"
            + server.httpPort() + "/";
    }

    public DemoSummary run() throws Exception {
        final long saleStart = baseConfig.sales().stream().mapToLong(SaleDefinition::startMs).min()
            .orElse(System.currentTimeMillis());
        final long streamStart = saleStart - 1_000;
        final SaleClock clock = new SaleClock(streamStart, SALE_SPEED);
        final EngineConfig config = baseConfig.toBuilder().clock(clock).build();
        out.printf(Locale.ROOT, "Starting the engine on %s (%,d SKUs, %d sales) ...%n",
            config.dataDir(), config.catalogue().size(), config.sales().size());

        final DemoListener listener = new DemoListener();
        final ResultListener ignore = (id, result) -> { };
        final DemoOrderStream stream = new DemoOrderStream(config.catalogue(), config.sales(), seed, orders);
        final FollowUps followUps = new FollowUps(new SplittableRandom(seed ^ 0x5A1E), listener, clock);
        final OrderLines lines = new OrderLines();
        final Progress progress = new Progress();
        final EngineStats stats;
        final long stateHash;
        final double orderSeconds;
        long retries = 0;
        long sent = 0;
        final String journalPath;
        final long journalBytes;
        final Server served = serve ? Server.start(config) : null;
        final Engine engine = served != null ? served.engine() : Engine.start(config);
        boolean ran = false;
        try {
            if (served != null) {
                out.println("Dashboard: " + dashboardAddress(served) + "  (open it to watch the run live)");
            }
            journalPath = engine.journalDirectory().toString();
            final long started = System.nanoTime();
            final long maxAhead = Math.max(MIN_BACKLOG, orders / 1_000);
            while (stream.next(lines)) {
                final boolean retry = stream.isRetry();
                retries += retry ? 1 : 0;
                engine.placeOrder(stream.orderId(), stream.customerId(), lines, listener,
                    retry ? DemoListener.RETRY : fate(stream.orderId()));
                sent++;
                if ((sent & 255) == 0) {
                    clock.set(streamStart + stream.produced() * STREAM_SALE_MS / orders);
                    // Engine time is read when an order is decided: a full ring would stamp the
                    // orders queued in it with a clock already set far ahead (at 30k orders, most
                    // of the stream landed in the sale's last minute).
                    while (engine.backlog() > maxAhead) {
                        LockSupport.parkNanos(BACKLOG_PARK_NANOS);
                    }
                }
                if ((sent & 1023) == 0) {
                    followUps.poll(engine, ignore);
                    progress.maybeShow(stream.produced(), listener, started);
                }
            }
            while (listener.answered() < sent) {
                followUps.poll(engine, ignore);
                Thread.onSpinWait();
            }
            orderSeconds = (System.nanoTime() - started) / 1e9;
            clock.runFree();
            progress.show(stream.produced(), listener, started);
            progress.finish();
            stats = settle(engine, followUps, ignore);
            stateHash = engine.stateHash().get();
            journalBytes = engine.metrics().journalBytesAppended();
            ran = true;
        } finally {
            if (served == null) {
                engine.close();
            } else if (!ran) {
                served.close();
            }
        }
        final JournalFacts facts = JournalFacts.read(config.journalDir());
        final long placed = stream.produced();
        final DemoSummary summary = new DemoSummary(placed, retries, orderSeconds, placed / orderSeconds,
            stats.ordersReserved(), stats.ordersRejected(), stats.rejectedByReason(), stats.ordersPaid(),
            stats.ordersCancelled(), stats.ordersExpired(), stats.gmvPaidCents(), stats.gmvReservedCents(),
            facts.skusSoldOut(), facts.firstSellOutMs(), facts.firstSellOutSku(), journalPath, journalBytes,
            facts.entries(), String.format("%016x", stateHash));
        summary.print(out);
        if (served != null) {
            clock.runAtWallSpeed();
            server = served;
        }
        return summary;
    }

    /** Plays out payments and cancels, then waits for the unpaid reservations to expire. */
    private EngineStats settle(Engine engine, FollowUps followUps, ResultListener ignore) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        out.println("Waiting for shoppers to pay and for unpaid reservations to expire (15 sale minutes) ...");
        while (true) {
            followUps.poll(engine, ignore);
            final EngineStats stats = engine.stats().get();
            final long open = stats.ordersReserved() - stats.ordersPaid() - stats.ordersCancelled() - stats.ordersExpired();
            if (open == 0 && followUps.isEmpty()) {
                return stats;
            }
            if (System.nanoTime() > deadline) {
                out.println("Gave up waiting: " + open + " reservations still open after 120 s");
                return stats;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** What the shopper behind a new order will do once it is reserved: by order id, reproducibly. */
    private static long fate(long orderId) {
        final long roll = Math.floorMod(orderId * 0x9E3779B97F4A7C15L >>> 1, 100);
        return roll < 70 ? DemoListener.PAY : roll < 80 ? DemoListener.CANCEL : DemoListener.ABANDON;
    }

    /** Writes the summary as JSON. */
    public static void writeJson(DemoSummary summary, Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), summary.toJson());
    }

    /**
     * Reservations whose shoppers will pay or cancel, each after a think time of 5 to 120 sale
     * seconds. Owned by the generator thread.
     */
    private static final class FollowUps {
        private final LongArrayQueue orderIds = new LongArrayQueue();
        private final LongArrayQueue fates = new LongArrayQueue();
        private final LongArrayQueue dueSaleMs = new LongArrayQueue();
        private final SplittableRandom random;
        private final DemoListener listener;
        private final SaleClock clock;

        FollowUps(SplittableRandom random, DemoListener listener, SaleClock clock) {
            this.random = random;
            this.listener = listener;
            this.clock = clock;
        }

        void poll(Engine engine, ResultListener ignore) {
            final long now = clock.nowMs();
            listener.followUps.read((fate, buffer, index, length) -> {
                orderIds.addLong(buffer.getLong(index));
                fates.addLong(fate);
                dueSaleMs.addLong(now + 5_000 + random.nextLong(115_000));
            }, 4096);
            // Think times differ, but the queue is served in arrival order: close enough for a demo.
            while (!dueSaleMs.isEmpty() && dueSaleMs.peekLong() <= now) {
                dueSaleMs.pollLong();
                final long orderId = orderIds.pollLong();
                if (fates.pollLong() == DemoListener.PAY) {
                    engine.confirmPayment(orderId, ignore, 0);
                } else {
                    engine.cancelOrder(orderId, ignore, 0);
                }
            }
        }

        boolean isEmpty() {
            return orderIds.isEmpty() && listener.followUps.size() == 0;
        }
    }

    /** A progress line, redrawn in place on a terminal and printed every few seconds otherwise. */
    private final class Progress {
        private long lastShown;
        private int shown;

        void maybeShow(int produced, DemoListener listener, long started) {
            if (System.nanoTime() - lastShown >= (interactive ? PROGRESS_INTERVAL_NANOS : 8 * PROGRESS_INTERVAL_NANOS)) {
                show(produced, listener, started);
            }
        }

        void show(int produced, DemoListener listener, long started) {
            final long now = System.nanoTime();
            lastShown = now;
            shown++;
            final double seconds = Math.max(1e-9, (now - started) / 1e9);
            final String line = String.format(Locale.ROOT,
                "  orders %,d / %,d | %,.0f orders/s | reserved %,d | rejected %,d",
                produced, orders, listener.answered() / seconds, listener.reserved(), listener.rejected());
            if (interactive) {
                out.print("\r" + line + "   ");
            } else {
                out.println(line);
            }
            out.flush();
        }

        void finish() {
            if (interactive && shown > 0) {
                out.println();
            }
        }
    }
}
