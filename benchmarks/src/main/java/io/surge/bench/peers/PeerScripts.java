package io.surge.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The peers' server-side code, read from the classpath: the build copies
 * {@code benchmarks/peers/redis/reserve.lua} and {@code benchmarks/peers/postgres/schema.sql}
 * into the jar, so the files beside run-peers are the only copies. Thread-safe (stateless).
 */
public final class PeerScripts {
    /** Classpath location of the Redis reservation script. */
    public static final String RESERVE_LUA = "/peers/redis/reserve.lua";
    /** Classpath location of the PostgreSQL schema. */
    public static final String SCHEMA_SQL = "/peers/postgres/schema.sql";

    private PeerScripts() {
    }

    /** The Lua script that reserves all lines of an order or none. */
    public static String reserveLua() {
        return read(RESERVE_LUA);
    }

    /** The SQL that (re)creates the {@code sku} and {@code orders} tables. */
    public static String schemaSql() {
        return read(SCHEMA_SQL);
    }

    static String read(String resource) {
        try (InputStream in = PeerScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath (build the benchmarks module)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
