package io.surge.bench.peers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerScriptsTest {
    @Test
    void reservationScriptIsOnTheClasspathAndChecksBeforeItDecrements() {
        final String lua = PeerScripts.reserveLua();
        final int exists = lua.indexOf("'EXISTS'");
        final int get = lua.indexOf("'GET'");
        final int decrby = lua.indexOf("'DECRBY'");
        assertTrue(exists >= 0 && get > exists && decrby > get, "duplicate check, then stock check, then decrement:\n" + lua);
        assertTrue(lua.contains("'HSET'"), "the order is recorded");
    }

    @Test
    void schemaIsOnTheClasspathAndForbidsNegativeStock() {
        final String sql = PeerScripts.schemaSql();
        assertTrue(sql.contains("CREATE TABLE sku"));
        assertTrue(sql.contains("CHECK (available >= 0)"));
        assertTrue(sql.contains("order_id     bigint   PRIMARY KEY"), "a reused order id fails on the primary key");
    }

    @Test
    void theStatementsTheDriverUsesAreTheOnesTheSchemaDocuments() {
        final String sql = PeerScripts.schemaSql();
        assertTrue(sql.contains(PostgresSession.INSERT_ORDER), PostgresSession.INSERT_ORDER);
        assertTrue(sql.contains(PostgresSession.RESERVE_LINE), PostgresSession.RESERVE_LINE);
    }

    @Test
    void aMissingResourceIsAClearError() {
        final IllegalStateException e = assertThrows(IllegalStateException.class, () -> PeerScripts.read("/peers/none.lua"));
        assertTrue(e.getMessage().contains("/peers/none.lua"));
    }
}
