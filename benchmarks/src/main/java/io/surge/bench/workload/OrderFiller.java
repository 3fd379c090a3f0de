package io.surge.bench.workload;

import java.util.SplittableRandom;

/**
 * Fills an order's lines: 1 line (60% of orders), 2 (30%) or 3 (10%), quantity 1-3 each, distinct
 * SKUs, catalogue prices. The first line's SKU comes from one picker (where workloads put their
 * skew), the others from a second. Immutable apart from the random source it is handed.
 */
final class OrderFiller {
    private static final int MAX_DRAWS = 64;
    private final CatalogueSpec catalogue;

    OrderFiller(CatalogueSpec catalogue) {
        this.catalogue = catalogue;
    }

    void fillLines(GeneratedOrder order, SplittableRandom random, SkuPicker first, SkuPicker others) {
        final double shape = random.nextDouble();
        final int lines = shape < 0.6 ? 1 : shape < 0.9 ? 2 : 3;
        for (int line = 0; line < lines; line++) {
            final long sku = distinctSku(order, random, line == 0 ? first : others);
            order.addLine(sku, 1 + random.nextInt(3), CatalogueSpec.priceOf(sku));
        }
    }

    private long distinctSku(GeneratedOrder order, SplittableRandom random, SkuPicker picker) {
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            final long sku = catalogue.firstSku() + picker.pick(random);
            if (!order.contains(sku)) {
                return sku;
            }
        }
        // A very skewed picker keeps drawing the same few SKUs: take the next free id instead.
        long sku = catalogue.firstSku() + picker.pick(random);
        while (order.contains(sku)) {
            sku = sku == catalogue.lastSku() ? catalogue.firstSku() : sku + 1;
        }
        return sku;
    }
}
