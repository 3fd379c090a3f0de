package io.surge.bench.peers;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.surge.bench.workload.CatalogueSpec;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Redis through Lettuce: stock as one integer key per SKU ({@code stock:<sku>}), orders reserved
 * by {@code reserve.lua} through EVALSHA. Not thread-safe, except {@link #openSession}'s sessions,
 * each confined to its own thread.
 */
public final class RedisPeer implements Peer {
    /** SKUs per MSET while loading: big enough to be quick, small enough not to stall the server. */
    private static final int LOAD_CHUNK = 1_000;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> admin;
    private final int window;
    private final int flushEvery;
    private String reserveSha;

    /**
     * @param window     orders in flight per connection at most (pipelining)
     * @param flushEvery orders written before a flush at most (a flush also happens whenever the window is full)
     */
    public RedisPeer(String host, int port, int window, int flushEvery) {
        this.window = window;
        this.flushEvery = flushEvery;
        this.client = RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
            .withTimeout(Duration.ofSeconds(60)).build());
        try {
            this.admin = client.connect();
        } catch (RuntimeException e) {
            client.shutdown();
            throw new PeerUnavailableException("no Redis at " + host + ":" + port + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void load(CatalogueSpec catalogue) {
        final RedisCommands<String, String> redis = admin.sync();
        redis.flushall();
        final Map<String, String> chunk = new HashMap<>();
        for (int i = 0; i < catalogue.skuCount(); i++) {
            final long sku = catalogue.sku(i);
            chunk.put(RedisSession.stockKey(sku), Long.toString(catalogue.initialStock(sku)));
            if (chunk.size() == LOAD_CHUNK || i == catalogue.skuCount() - 1) {
                redis.mset(chunk);
                chunk.clear();
            }
        }
        reserveSha = redis.scriptLoad(PeerScripts.reserveLua());
    }

    @Override
    public Map<String, String> durabilitySettings() {
        final RedisCommands<String, String> redis = admin.sync();
        final Map<String, String> settings = new LinkedHashMap<>();
        for (String name : new String[] {"appendonly", "appendfsync", "save"}) {
            settings.putAll(redis.configGet(name));
        }
        return settings;
    }

    @Override
    public PeerSession openSession() {
        if (reserveSha == null) {
            throw new IllegalStateException("load the catalogue first: the reservation script is loaded with it");
        }
        return new RedisSession(client.connect(), reserveSha, window, flushEvery);
    }

    @Override
    public void close() {
        admin.close();
        client.shutdown();
    }
}
