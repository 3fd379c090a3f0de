package io.surge.engine.live;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TallyTest {
    private static List<Long> ids(List<Ranked> ranked) {
        return ranked.stream().map(Ranked::id).toList();
    }

    @Test
    void ranksByUnitsOrByValueMostFirst() {
        final Tally tally = new Tally();
        tally.add(10, 1, 5, 500);     // cheap, many units
        tally.add(20, 1, 1, 10_000);  // expensive, one unit
        tally.add(30, 2, 3, 900);
        tally.add(10, 1, 1, 100);     // adds up: 6 units, 600 cents
        assertEquals(List.of(10L, 30L, 20L), ids(tally.top(5, Tally.Measure.UNITS)));
        assertEquals(List.of(20L, 30L, 10L), ids(tally.top(5, Tally.Measure.CENTS)));
        assertEquals(new Ranked(10, 1, 6, 600), tally.top(1, Tally.Measure.UNITS).get(0));
    }

    @Test
    void breaksTiesByTheSmallerIdWhateverTheOrderOfArrival() {
        final Tally tally = new Tally();
        for (long id : new long[] {9, 3, 7, 5, 1}) {
            tally.add(id, 0, 2, 200);
        }
        tally.add(8, 0, 4, 100);
        assertEquals(List.of(8L, 1L, 3L, 5L), ids(tally.top(4, Tally.Measure.UNITS)));
        assertEquals(List.of(1L, 3L, 5L), ids(tally.top(3, Tally.Measure.CENTS)));
    }

    @Test
    void listsFewerThanAskedWhenFewerAreKnownAndNoneForZero() {
        final Tally tally = new Tally();
        assertEquals(List.of(), tally.top(3, Tally.Measure.UNITS));
        tally.add(4, 0, 1, 1);
        tally.add(2, 0, 1, 1);
        assertEquals(List.of(2L, 4L), ids(tally.top(10, Tally.Measure.UNITS)));
        assertEquals(List.of(), tally.top(0, Tally.Measure.UNITS));
    }

    @Test
    void topNAgreesWithAFullSortOnManyIds() {
        final long seed = 20261111L;
        final SplittableRandom random = new SplittableRandom(seed);
        final Tally tally = new Tally();
        for (int i = 0; i < 50_000; i++) { // grows past its initial capacity many times
            final long units = 1 + random.nextInt(5);
            tally.add(1 + random.nextInt(5_000), 0, units, units * (1 + random.nextInt(100)));
        }
        assertTrue(tally.size() > 4_900, "seed " + seed);
        for (Tally.Measure measure : Tally.Measure.values()) {
            final List<Ranked> top = tally.top(10, measure);
            final List<Ranked> all = tally.top(tally.size(), measure);
            assertEquals(all.subList(0, 10), top, "seed " + seed);
            for (int i = 1; i < all.size(); i++) {
                final Ranked before = all.get(i - 1);
                final Ranked after = all.get(i);
                final long a = measure == Tally.Measure.UNITS ? before.units() : before.gmvCents();
                final long b = measure == Tally.Measure.UNITS ? after.units() : after.gmvCents();
                assertTrue(a > b || a == b && before.id() < after.id(), "out of order at " + i + ", seed " + seed);
            }
        }
    }
}
