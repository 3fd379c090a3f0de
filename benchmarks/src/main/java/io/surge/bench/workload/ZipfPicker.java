package io.surge.bench.workload;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Zipf-distributed indexes: the SKU of rank {@code r} (1-based) is picked with probability
 * proportional to {@code 1 / r^s}. Rank 1 is index {@code from}. Sampling is a binary search in
 * the cumulative distribution, which is computed once per (size, exponent) and shared by every
 * stream (it is immutable), so 16 connections over a million SKUs hold one 8 MB table, not 16.
 */
final class ZipfPicker implements SkuPicker {
    private static final Map<String, double[]> TABLES = new HashMap<>();

    private final int from;
    private final double[] cumulative;

    ZipfPicker(int from, int to, double exponent) {
        this.from = from;
        this.cumulative = table(to - from, exponent);
    }

    @Override
    public int pick(SplittableRandom random) {
        final double u = random.nextDouble();
        int found = Arrays.binarySearch(cumulative, u);
        if (found < 0) {
            found = -found - 1; // the first rank whose cumulative probability exceeds u
        }
        return from + Math.min(found, cumulative.length - 1);
    }

    /** The probability of the rank-1 item, for tests. */
    double topShare() {
        return cumulative[0];
    }

    private static double[] table(int size, double exponent) {
        synchronized (TABLES) {
            return TABLES.computeIfAbsent(size + ":" + exponent, key -> compute(size, exponent));
        }
    }

    private static double[] compute(int size, double exponent) {
        final double[] cumulative = new double[size];
        double sum = 0;
        for (int rank = 1; rank <= size; rank++) {
            sum += Math.pow(rank, -exponent);
            cumulative[rank - 1] = sum;
        }
        for (int i = 0; i < size; i++) {
            cumulative[i] /= sum;
        }
        cumulative[size - 1] = 1.0;
        return cumulative;
    }
}
