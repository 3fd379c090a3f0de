package io.surge.bench.peers;

import io.surge.bench.workload.CatalogueSpec;

import java.util.Map;

/**
 * A system Surge is compared with, connected to a running server. {@link #load} and
 * {@link #durabilitySettings} are called from the run's main thread; each session from its own
 * thread.
 */
public interface Peer extends AutoCloseable {
    /** Empties the peer and loads {@code catalogue}: every SKU with its initial stock and price. */
    void load(CatalogueSpec catalogue) throws Exception;

    /**
     * The server's durability settings as it reports them (not as we asked for them), so a
     * result shows what was really measured.
     */
    Map<String, String> durabilitySettings() throws Exception;

    /** A new connection for one stream of orders. */
    PeerSession openSession() throws Exception;

    @Override
    void close();
}
