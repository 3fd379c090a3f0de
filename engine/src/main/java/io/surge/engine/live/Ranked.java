package io.surge.engine.live;

/**
 * One entry of a ranking of SKUs or merchants by paid units or paid GMV.
 *
 * @param id       the SKU or merchant id
 * @param owner    for a SKU its merchant; 0 for a merchant
 * @param units    units paid
 * @param gmvCents their value (unit price times quantity)
 */
public record Ranked(long id, long owner, long units, long gmvCents) {
}
