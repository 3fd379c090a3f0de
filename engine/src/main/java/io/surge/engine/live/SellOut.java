package io.surge.engine.live;

/**
 * One sell-out: a reservation took the last available unit of a SKU.
 *
 * @param sku        the SKU
 * @param merchantId its merchant
 * @param atMs       engine time of that reservation (as journaled)
 * @param times      which sell-out of this SKU it was: 1 the first, 2 after a restock, ...
 */
public record SellOut(long sku, long merchantId, long atMs, long times) {
}
