package io.surge.benchmarks;

import io.surge.engine.config.SkuDefinition;
import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.EventSink;
import io.surge.engine.domain.Status;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark catalogue: {@code size} SKUs in blocks of {@link #SKUS_PER_MERCHANT} per merchant
 * (an order's lines all belong to one merchant, as upstream splits carts per merchant), each
 * with {@link #STOCK} units, plus {@link #HOT_SKUS} hot SKUs (the first SKU of the first ten
 * merchants) with {@link BusinessLogic#MAX_STOCK} units so a flash sale never sells them out.
 * Seeded, so every run sees the same catalogue. Immutable after construction.
 */
final class Catalogue {
    static final int DEFAULT_SIZE = 100_000;
    static final int SKUS_PER_MERCHANT = 100;
    static final int HOT_SKUS = 10;
    static final long FIRST_SKU_ID = 10_000_001L;
    static final long STOCK = 1_000_000_000L;
    static final long HOT_STOCK = BusinessLogic.MAX_STOCK;

    final int size;
    final long[] skuIds;
    final long[] merchantIds;
    final long[] pricesCents;
    final long[] stock;
    /** Catalogue indexes of the hot SKUs. */
    final int[] hotIndexes = new int[HOT_SKUS];

    Catalogue(int size, long seed) {
        if (size < HOT_SKUS * SKUS_PER_MERCHANT || size % SKUS_PER_MERCHANT != 0) {
            throw new IllegalArgumentException("catalogue size must be a multiple of " + SKUS_PER_MERCHANT
                + ", at least " + HOT_SKUS * SKUS_PER_MERCHANT + ": " + size);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        this.size = size;
        this.skuIds = new long[size];
        this.merchantIds = new long[size];
        this.pricesCents = new long[size];
        this.stock = new long[size];
        for (int i = 0; i < size; i++) {
            skuIds[i] = FIRST_SKU_ID + i;
            merchantIds[i] = 1 + i / SKUS_PER_MERCHANT;
            pricesCents[i] = 99 + random.nextInt(99_900);
            stock[i] = STOCK;
        }
        for (int h = 0; h < HOT_SKUS; h++) {
            hotIndexes[h] = h * SKUS_PER_MERCHANT;
            stock[hotIndexes[h]] = HOT_STOCK;
        }
    }

    int merchantCount() {
        return size / SKUS_PER_MERCHANT;
    }

    /** The catalogue as the engine's seed configuration. */
    List<SkuDefinition> definitions() {
        final List<SkuDefinition> definitions = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            definitions.add(new SkuDefinition(skuIds[i], merchantIds[i], pricesCents[i], stock[i]));
        }
        return definitions;
    }

    /** Defines every SKU directly in a business logic (no pipeline). */
    void defineAll(BusinessLogic logic, long nowMs, EventSink events) {
        final CommandResult result = new CommandResult();
        for (int i = 0; i < size; i++) {
            logic.defineSku(nowMs, skuIds[i], merchantIds[i], pricesCents[i], stock[i], events, result.reset());
            if (result.status() != Status.ACCEPTED) {
                throw new IllegalStateException("SKU " + skuIds[i] + " not defined: " + result);
            }
        }
    }
}
