package io.surge.bench.peers;

import io.surge.bench.workload.CatalogueSpec;
import org.postgresql.PGConnection;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL through its JDBC driver: the {@code sku} and {@code orders} tables of
 * {@code schema.sql}, one transaction per order ({@link PostgresSession}). Not thread-safe, except
 * the sessions, each confined to its own thread.
 */
public final class PostgresPeer implements Peer {
    private final String url;
    private final Properties properties = new Properties();
    private final Connection admin;

    public PostgresPeer(String host, int port, String database, String user) {
        this.url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        properties.setProperty("user", user);
        // Server-side prepared statements from the first execution (the default waits for five).
        properties.setProperty("prepareThreshold", "1");
        properties.setProperty("ApplicationName", "surge-peers");
        try {
            this.admin = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new PeerUnavailableException("no PostgreSQL at " + url + " as " + user + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void load(CatalogueSpec catalogue) throws Exception {
        admin.setAutoCommit(true);
        try (Statement statement = admin.createStatement()) {
            statement.execute(PeerScripts.schemaSql());
        }
        final StringBuilder rows = new StringBuilder(catalogue.skuCount() * 32);
        for (int i = 0; i < catalogue.skuCount(); i++) {
            final long sku = catalogue.sku(i);
            rows.append(sku).append('\t').append(catalogue.priceCents(sku)).append('\t')
                .append(catalogue.initialStock(sku)).append('\n');
        }
        admin.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY sku (sku, price_cents, available) FROM STDIN", new StringReader(rows.toString()));
        try (Statement statement = admin.createStatement()) {
            // Fresh statistics and a visibility map, so the first orders find the plan a warm server would.
            statement.execute("VACUUM ANALYZE sku");
        }
    }

    @Override
    public Map<String, String> durabilitySettings() throws SQLException {
        final Map<String, String> settings = new LinkedHashMap<>();
        try (Statement statement = admin.createStatement()) {
            for (String name : new String[] {"fsync", "synchronous_commit", "full_page_writes", "wal_sync_method",
                "commit_delay", "shared_buffers", "server_version"}) {
                try (ResultSet row = statement.executeQuery("SHOW " + name)) {
                    row.next();
                    settings.put(name, row.getString(1));
                }
            }
        }
        return settings;
    }

    @Override
    public PeerSession openSession() throws SQLException {
        return new PostgresSession(DriverManager.getConnection(url, properties));
    }

    @Override
    public void close() {
        try {
            admin.close();
        } catch (SQLException e) {
            // Closing at the end of a run: nothing left to save.
        }
    }
}
