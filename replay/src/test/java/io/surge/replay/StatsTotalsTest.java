package io.surge.replay;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StatsTotalsTest {
    @Test
    void keepsEveryKeysTotalsThroughGrowth() {
        final long seed = 20261111L;
        final SplittableRandom random = new SplittableRandom(seed);
        final StatsTotals totals = new StatsTotals();
        final Map<Long, long[]> expected = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            final long key = random.nextLong(1, 30_000) * 7919L - 5_000_000L; // negative, zero-crossing, sparse keys
            final long units = random.nextInt(1, 5);
            final long gmv = units * random.nextInt(1, 10_000);
            final boolean paid = random.nextBoolean();
            final int slot = totals.indexOf(key);
            if (paid) {
                totals.paid(slot, units, gmv);
            } else {
                totals.reserved(slot, units, gmv);
            }
            final long[] sums = expected.computeIfAbsent(key, k -> new long[4]);
            sums[paid ? 0 : 2] += units;
            sums[paid ? 1 : 3] += gmv;
        }
        assertEquals(expected.size(), totals.size(), "seed " + seed);
        for (Map.Entry<Long, long[]> entry : expected.entrySet()) {
            final int slot = totals.find(entry.getKey());
            final long[] sums = entry.getValue();
            assertEquals(entry.getKey(), totals.key(slot));
            assertEquals(List.of(sums[0], sums[1], sums[2], sums[3]), List.of(totals.unitsPaid(slot), totals.gmvPaidCents(slot),
                totals.unitsReserved(slot), totals.gmvReservedCents(slot)), "key " + entry.getKey() + ", seed " + seed);
        }
        assertEquals(-1, totals.find(123_456_789L));
    }

    @Test
    void ranksByPaidFigureThenTheOtherThenReservedThenKey() {
        final StatsTotals totals = new StatsTotals();
        totals.paid(totals.indexOf(1), 5, 500);
        totals.paid(totals.indexOf(2), 5, 900);
        totals.paid(totals.indexOf(3), 9, 100);
        totals.paid(totals.indexOf(4), 5, 500);
        totals.reserved(totals.indexOf(4), 1, 10);
        totals.paid(totals.indexOf(5), 5, 500); // ties with 1 in every figure: the smaller key first
        totals.reserved(totals.indexOf(6), 50, 5000); // reserved only
        totals.indexOf(7); // nothing: never ranked

        assertEquals(List.of(3L, 2L, 4L, 1L, 5L, 6L), keys(totals, totals.top(10, StatsTotals.Rank.UNITS)));
        assertEquals(List.of(2L, 4L, 1L, 5L, 3L, 6L), keys(totals, totals.top(10, StatsTotals.Rank.GMV)));
        assertEquals(List.of(3L, 2L), keys(totals, totals.top(2, StatsTotals.Rank.UNITS)));
        assertEquals(6, totals.active());
    }

    @Test
    void topNMatchesAFullSort() {
        final SplittableRandom random = new SplittableRandom(7);
        final StatsTotals totals = new StatsTotals();
        for (long key = 1; key <= 5_000; key++) {
            totals.paid(totals.indexOf(key), random.nextInt(0, 50), random.nextInt(0, 100_000));
        }
        final List<Long> all = new ArrayList<>();
        for (long key = 1; key <= 5_000; key++) {
            if (totals.unitsPaid(totals.find(key)) > 0) {
                all.add(key);
            }
        }
        all.sort(Comparator.comparingLong((Long key) -> -totals.gmvPaidCents(totals.find(key)))
            .thenComparingLong(key -> -totals.unitsPaid(totals.find(key))).thenComparingLong(key -> key));
        assertEquals(all.subList(0, 25), keys(totals, totals.top(25, StatsTotals.Rank.GMV)));
    }

    private static List<Long> keys(StatsTotals totals, int[] slots) {
        final List<Long> keys = new ArrayList<>();
        for (int slot : slots) {
            keys.add(totals.key(slot));
        }
        return keys;
    }
}
