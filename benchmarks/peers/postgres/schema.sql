-- PostgreSQL side of benchmarks/peers: stock per SKU, and one row per reserved order.
-- Run on a fresh database before each workload (it drops what an earlier run left).
--
-- The order transaction (io.surge.bench.peers.PostgresSession), one per order, autocommit off,
-- prepared statements:
--   INSERT INTO orders (order_id, customer_id, skus, quantities, prices_cents) VALUES (?, ?, ?, ?, ?)
--       -- a reused order id fails on the primary key (23505): ROLLBACK, rejected
--   UPDATE sku SET available = available - ? WHERE sku = ? AND available >= ?
--       -- one per line, sent as one JDBC batch, lines sorted by SKU so that two orders always
--       -- lock shared rows in the same order (no deadlocks); any line updating 0 rows (out of
--       -- stock or unknown SKU): ROLLBACK, rejected
--   COMMIT  -- synchronous_commit on: returns after the WAL is flushed to disk

DROP TABLE IF EXISTS orders;
DROP TABLE IF EXISTS sku;

-- fillfactor 50 leaves room on each page for the new row versions every UPDATE writes, so
-- updates stay HOT (no index update) between vacuums: the tuning a careful operator would do.
CREATE TABLE sku (
    sku         bigint PRIMARY KEY,
    price_cents bigint NOT NULL,
    available   bigint NOT NULL CHECK (available >= 0)
) WITH (fillfactor = 50);

CREATE TABLE orders (
    order_id     bigint   PRIMARY KEY,
    customer_id  bigint   NOT NULL,
    skus         bigint[] NOT NULL,
    quantities   int[]    NOT NULL,
    prices_cents bigint[] NOT NULL
);
