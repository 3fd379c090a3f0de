package io.surge.bench.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadShapeTest {
    private static final int SKUS = 10_000;
    private static final long SEED = 42;
    private static final int ORDERS = 50_000;

    @ParameterizedTest
    @ValueSource(strings = {"uniform", "zipf:1.1", "flash", "hot-deep", "singles-day"})
    void ordersHaveOneToThreeDistinctLinesOfOneToThreeUnitsAtCataloguePrice(String spec) {
        final Workload workload = Workloads.parse(spec, SKUS, SEED, 0);
        final CatalogueSpec catalogue = workload.catalogue();
        final GeneratedOrder order = new GeneratedOrder();
        final int[] lineCounts = new int[4];
        for (int n = 0; n < ORDERS; n++) {
            workload.next(order);
            assertTrue(order.lineCount() >= 1 && order.lineCount() <= 3, order::toString);
            lineCounts[order.lineCount()]++;
            final Set<Long> skus = new HashSet<>();
            for (int i = 0; i < order.lineCount(); i++) {
                assertTrue(catalogue.contains(order.sku(i)), order::toString);
                assertTrue(skus.add(order.sku(i)), () -> "SKU twice in " + order);
                assertTrue(order.quantity(i) >= 1 && order.quantity(i) <= 3, order::toString);
                assertEquals(catalogue.priceCents(order.sku(i)), order.priceCents(i), order::toString);
            }
            assertTrue(order.customerId() >= 1 && order.customerId() <= Workloads.CUSTOMERS);
        }
        for (int lines = 1; lines <= 3; lines++) {
            assertTrue(lineCounts[lines] > ORDERS / 20, "orders with " + lines + " lines: " + lineCounts[lines]);
        }
        assertEquals(ORDERS, workload.generated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"uniform", "zipf:1.1", "flash", "hot-deep", "singles-day"})
    void orderIdsAreUniqueAcrossStreamsAndTogetherUseEveryIdFromTheBase(String spec) {
        final long idBase = Workloads.runIdBase(1_795_000_000_000L);
        final int streams = 8;
        final int perStream = 2_000;
        final Set<Long> ids = new HashSet<>();
        final GeneratedOrder order = new GeneratedOrder();
        long smallest = Long.MAX_VALUE;
        long largest = Long.MIN_VALUE;
        for (int stream = 0; stream < streams; stream++) {
            final Workload workload = Workloads.parse(spec, SKUS, SEED, stream, streams, idBase);
            for (int n = 0; n < perStream; n++) {
                workload.next(order);
                assertTrue(ids.add(order.orderId()), "id " + order.orderId() + " twice");
                smallest = Math.min(smallest, order.orderId());
                largest = Math.max(largest, order.orderId());
            }
        }
        assertEquals(idBase, smallest);
        // The streams share one sequence: no id between the smallest and the largest is skipped.
        assertEquals(idBase + (long) streams * perStream - 1, largest);
    }

    @Test
    void sameSeedAndStreamGiveTheSameOrdersOtherStreamsDiffer() {
        final GeneratedOrder a = new GeneratedOrder();
        final GeneratedOrder b = new GeneratedOrder();
        final GeneratedOrder c = new GeneratedOrder();
        final Workload first = Workloads.parse("zipf:0.9", SKUS, SEED, 3);
        final Workload again = Workloads.parse("zipf:0.9", SKUS, SEED, 3);
        final Workload other = Workloads.parse("zipf:0.9", SKUS, SEED, 4);
        int differing = 0;
        for (int n = 0; n < 1_000; n++) {
            first.next(a);
            again.next(b);
            other.next(c);
            assertEquals(a.toString(), b.toString());
            differing += a.toString().substring(a.toString().indexOf(':')).equals(c.toString().substring(c.toString().indexOf(':'))) ? 0 : 1;
        }
        assertTrue(differing > 900, "streams 3 and 4 agreed on " + (1_000 - differing) + " of 1000 orders");
    }

    @Test
    void uniformSpreadsOrdersEvenlyOverTheCatalogue() {
        final Map<Long, Integer> hits = firstLineHits("uniform", 100, 200_000);
        assertEquals(100, hits.size());
        for (Map.Entry<Long, Integer> hit : hits.entrySet()) {
            // 2,000 expected per SKU; 5 standard deviations is about 220.
            assertTrue(Math.abs(hit.getValue() - 2_000) < 300, "SKU " + hit.getKey() + ": " + hit.getValue());
        }
    }

    @Test
    void zipfIsSkewedTowardsTheFirstSkus() {
        final int orders = 200_000;
        final Map<Long, Integer> hits = firstLineHits("zipf:1.1", SKUS, orders);
        final int top = hits.getOrDefault(Workloads.FIRST_SKU, 0);
        final int second = hits.getOrDefault(Workloads.FIRST_SKU + 1, 0);
        final int tenth = hits.getOrDefault(Workloads.FIRST_SKU + 9, 0);
        // Rank r is drawn with probability r^-1.1 / sum over all ranks (rank 1: about 15%).
        double normaliser = 0;
        for (int rank = 1; rank <= SKUS; rank++) {
            normaliser += Math.pow(rank, -1.1);
        }
        assertEquals(orders / normaliser, top, orders * 0.005, "rank 1");
        assertEquals(Math.pow(2, 1.1), (double) top / second, 0.15);
        assertEquals(Math.pow(10, 1.1), (double) top / tenth, 2.0);
        final int bottomHalf = hits.entrySet().stream().filter(e -> e.getKey() >= Workloads.FIRST_SKU + SKUS / 2)
            .mapToInt(Map.Entry::getValue).sum();
        assertTrue(bottomHalf < orders * 0.1, "bottom half of the catalogue: " + bottomHalf);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flash", "hot-deep"})
    void hotWorkloadsPutNinetyPercentOfOrdersOnTenSkus(String spec) {
        final Workload workload = Workloads.parse(spec, SKUS, SEED, 0);
        final CatalogueSpec catalogue = workload.catalogue();
        assertEquals(10, catalogue.hotCount());
        final GeneratedOrder order = new GeneratedOrder();
        final Set<Long> hotSeen = new HashSet<>();
        int hotOrders = 0;
        for (int n = 0; n < ORDERS; n++) {
            workload.next(order);
            boolean hot = false;
            for (int i = 0; i < order.lineCount(); i++) {
                if (catalogue.isHot(order.sku(i))) {
                    hot = true;
                    hotSeen.add(order.sku(i));
                }
            }
            hotOrders += hot ? 1 : 0;
        }
        assertEquals(0.9, (double) hotOrders / ORDERS, 0.01);
        assertEquals(10, hotSeen.size());
    }

    @Test
    void flashHotStockSellsOutHotDeepNeverRunsOut() {
        final CatalogueSpec flash = Workloads.parse("flash", SKUS, SEED, 0).catalogue();
        final CatalogueSpec deep = Workloads.parse("hot-deep", SKUS, SEED, 0).catalogue();
        final long hot = Workloads.FIRST_SKU;
        final long cold = Workloads.FIRST_SKU + 500;
        assertTrue(flash.initialStock(hot) <= 100, "flash hot stock " + flash.initialStock(hot));
        // A million orders a second for a day, 9 units each at most, spread over 10 SKUs, fits.
        assertTrue(deep.initialStock(hot) >= 1_000_000L * 86_400 * 9 / 10, "hot-deep stock " + deep.initialStock(hot));
        assertTrue(flash.initialStock(cold) >= 1_000_000_000L);
        assertTrue(flash.sale().isEmpty() && deep.sale().isEmpty());
    }

    @Test
    void singlesDayBurstsOnTheDoorbustersThenFollowsUp() {
        final Workload workload = Workloads.parse("singles-day", SKUS, SEED, 0);
        final double rate = 1_000;
        workload.pace(rate);
        final CatalogueSpec catalogue = workload.catalogue();
        final SaleSpec sale = catalogue.sale().orElseThrow();
        assertEquals(20, sale.skus().length);
        for (long sku : sale.skus()) {
            assertTrue(catalogue.isHot(sku));
            assertTrue(catalogue.initialStock(sku) <= 200);
        }
        final GeneratedOrder order = new GeneratedOrder();
        int burstOrders = 0;
        int burstDoorbusters = 0;
        int laterOrders = 0;
        int laterDoorbusters = 0;
        final Map<FollowUp, Integer> followUps = new HashMap<>();
        long previousOffset = -1;
        while (true) {
            workload.next(order);
            assertTrue(order.intendedOffsetNanos() > previousOffset, "offsets must increase");
            previousOffset = order.intendedOffsetNanos();
            if (order.intendedOffsetNanos() >= 6_000_000_000L) {
                break;
            }
            final boolean doorbuster = catalogue.isHot(order.sku(0));
            if (order.intendedOffsetNanos() < 2_000_000_000L) {
                burstOrders++;
                burstDoorbusters += doorbuster ? 1 : 0;
            } else {
                laterOrders++;
                laterDoorbusters += doorbuster ? 1 : 0;
            }
            followUps.merge(order.followUp(), 1, Integer::sum);
        }
        // 2 s at 4x the rate, then 4 s at the rate.
        assertEquals(8_000, burstOrders, 2);
        assertEquals(4_000, laterOrders, 2);
        assertEquals(0.8, (double) burstDoorbusters / burstOrders, 0.03);
        assertEquals(0.05, (double) laterDoorbusters / laterOrders, 0.02);
        final int total = burstOrders + laterOrders;
        assertEquals(0.7, followUps.get(FollowUp.PAY) / (double) total, 0.03);
        assertEquals(0.1, followUps.get(FollowUp.CANCEL) / (double) total, 0.02);
        assertEquals(0.2, followUps.get(FollowUp.LEAVE) / (double) total, 0.02);
    }

    @Test
    void singlesDaysSaleNeverCoversAnotherWorkloadsSkus() {
        final CatalogueSpec singlesDay = Workloads.parse("singles-day", Workloads.MAX_SKUS, SEED, 0).catalogue();
        for (String other : new String[] {"uniform", "zipf:1.1", "flash", "hot-deep"}) {
            final CatalogueSpec catalogue = Workloads.parse(other, Workloads.MAX_SKUS, SEED, 0).catalogue();
            assertTrue(catalogue.lastSku() < singlesDay.firstSku(), other);
            for (long sku : singlesDay.sale().orElseThrow().skus()) {
                assertTrue(!catalogue.contains(sku), other + " holds sale SKU " + sku);
            }
        }
    }

    @Test
    void steadyWorkloadsSpaceOrdersEvenlyAndLeaveThem() {
        final Workload workload = Workloads.parse("uniform", SKUS, SEED, 0);
        workload.pace(250);
        final GeneratedOrder order = new GeneratedOrder();
        for (int n = 0; n < 10; n++) {
            workload.next(order);
            assertEquals(n * 4_000_000L, order.intendedOffsetNanos());
            assertEquals(FollowUp.LEAVE, order.followUp());
        }
    }

    @Test
    void unknownSpecsAreRejectedNamingTheValidOnes() {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> Workloads.parse("gaussian", SKUS, SEED, 0));
        assertTrue(unknown.getMessage().contains("uniform, zipf:S"), unknown.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Workloads.parse("zipf:x", SKUS, SEED, 0))
            .getMessage().contains("exponent"));
        assertThrows(IllegalArgumentException.class, () -> Workloads.parse("zipf:0", SKUS, SEED, 0));
        assertThrows(IllegalArgumentException.class, () -> Workloads.parse("uniform", 10, SEED, 0));
        assertThrows(IllegalArgumentException.class, () -> Workloads.parse("uniform", SKUS, SEED, Workloads.MAX_STREAMS));
        assertEquals("zipf:1.1", Workloads.parse(" ZIPF:1.1 ", SKUS, SEED, 0).name());
        assertNotEquals(null, Workloads.parse("Hot-Deep", SKUS, SEED, 0));
    }

    private static Map<Long, Integer> firstLineHits(String spec, int skus, int orders) {
        final Workload workload = Workloads.parse(spec, skus, SEED, 0);
        final GeneratedOrder order = new GeneratedOrder();
        final Map<Long, Integer> hits = new HashMap<>();
        for (int n = 0; n < orders; n++) {
            workload.next(order);
            hits.merge(order.sku(0), 1, Integer::sum);
        }
        return hits;
    }
}
