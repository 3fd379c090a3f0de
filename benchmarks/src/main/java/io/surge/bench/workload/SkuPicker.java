package io.surge.bench.workload;

import java.util.SplittableRandom;

/** Chooses the index (0-based) of a SKU in the catalogue. Implementations are immutable and thread-safe. */
interface SkuPicker {
    int pick(SplittableRandom random);

    /** Uniform over indexes {@code from} (inclusive) to {@code to} (exclusive). */
    static SkuPicker uniform(int from, int to) {
        return random -> random.nextInt(from, to);
    }

    /** With probability {@code hotShare} uniform over {@code hot}, otherwise {@code cold}. */
    static SkuPicker mixed(double hotShare, SkuPicker hot, SkuPicker cold) {
        return random -> random.nextDouble() < hotShare ? hot.pick(random) : cold.pick(random);
    }
}
