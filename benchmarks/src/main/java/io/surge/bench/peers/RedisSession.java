package io.surge.bench.peers;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.surge.bench.workload.GeneratedOrder;
import io.surge.bench.workload.Workload;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One Redis connection, pipelined: up to {@code window} EVALSHA calls in flight, written with
 * auto-flush off and flushed every {@code flushEvery} orders or whenever the window is full, so
 * many orders share a TCP write, as the Surge client batches many orders into a frame. The
 * sending thread runs {@link #run}; replies complete on Lettuce's event loop.
 */
final class RedisSession implements PeerSession {
    /** Reply codes of reserve.lua. */
    static final long RESERVED = 0;
    static final long OUT_OF_STOCK = 1;
    static final long UNKNOWN_SKU = 2;
    static final long DUPLICATE_ORDER = 3;

    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final String reserveSha;
    private final int window;
    private final int flushEvery;
    private final Semaphore inFlight;

    RedisSession(StatefulRedisConnection<String, String> connection, String reserveSha, int window, int flushEvery) {
        if (window < 1 || flushEvery < 1) {
            throw new IllegalArgumentException("window and flushEvery must be at least 1");
        }
        this.connection = connection;
        this.redis = connection.async();
        this.reserveSha = reserveSha;
        this.window = window;
        this.flushEvery = flushEvery;
        this.inFlight = new Semaphore(window);
        connection.setAutoFlushCommands(false);
    }

    static String stockKey(long sku) {
        return "stock:" + sku;
    }

    static String orderKey(long orderId) {
        return "order:" + orderId;
    }

    @Override
    public void run(Workload workload, long deadlineNanos, SessionTally tally) throws InterruptedException {
        final GeneratedOrder generated = new GeneratedOrder();
        final PeerOrder order = new PeerOrder();
        int unflushed = 0;
        while (System.nanoTime() < deadlineNanos) {
            if (!inFlight.tryAcquire()) {
                connection.flushCommands();
                unflushed = 0;
                inFlight.acquire();
            }
            workload.next(generated);
            send(order.copyFrom(generated), tally);
            if (++unflushed >= flushEvery) {
                connection.flushCommands();
                unflushed = 0;
            }
        }
        connection.flushCommands();
        inFlight.acquire(window);
        inFlight.release(window);
    }

    /** KEYS of reserve.lua for {@code order}: its order key, then each line's stock key. */
    static String[] keys(PeerOrder order) {
        final String[] keys = new String[order.lineCount() + 1];
        keys[0] = orderKey(order.orderId());
        for (int i = 0; i < order.lineCount(); i++) {
            keys[i + 1] = stockKey(order.sku(i));
        }
        return keys;
    }

    /** ARGV of reserve.lua for {@code order}: customer, each line's quantity, then each line's price. */
    static String[] args(PeerOrder order) {
        final int lines = order.lineCount();
        final String[] args = new String[1 + 2 * lines];
        args[0] = Long.toString(order.customerId());
        for (int i = 0; i < lines; i++) {
            args[1 + i] = Integer.toString(order.quantity(i));
            args[1 + lines + i] = Long.toString(order.priceCents(i));
        }
        return args;
    }

    /** Whether a reserve.lua reply is a decision (as opposed to a reply the script never gives). */
    static boolean isRejection(long code) {
        return code == OUT_OF_STOCK || code == UNKNOWN_SKU || code == DUPLICATE_ORDER;
    }

    /** Places one order and waits for reserve.lua's reply code (checks and tests; the run pipelines). */
    long reserve(PeerOrder order) throws Exception {
        final RedisFuture<Long> reply = redis.evalsha(reserveSha, ScriptOutputType.INTEGER, keys(order), args(order));
        connection.flushCommands();
        return reply.get(10, TimeUnit.SECONDS);
    }

    private void send(PeerOrder order, SessionTally tally) {
        final String[] keys = keys(order);
        final String[] args = args(order);
        final long sentNanos = System.nanoTime();
        redis.<Long>evalsha(reserveSha, ScriptOutputType.INTEGER, keys, args).whenComplete((code, failure) -> {
            final long latencyNanos = System.nanoTime() - sentNanos;
            if (failure != null) {
                tally.error("Redis: " + failure.getMessage());
            } else if (code == null) {
                tally.error("Redis: reserve.lua answered nil");
            } else if (code == RESERVED) {
                tally.reserved(latencyNanos);
            } else if (isRejection(code)) {
                tally.rejected(latencyNanos);
            } else {
                tally.error("Redis: reserve.lua answered " + code);
            }
            inFlight.release();
        });
    }

    @Override
    public void close() {
        connection.close();
    }
}
