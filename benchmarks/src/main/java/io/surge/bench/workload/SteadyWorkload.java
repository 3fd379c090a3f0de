package io.surge.bench.workload;

import java.util.SplittableRandom;

/**
 * A workload whose orders all look alike over time: {@code uniform}, {@code zipf:S}, {@code flash}
 * and {@code hot-deep} differ only in their catalogue and in how the first line's SKU is picked.
 * Orders are evenly spaced at the paced rate; reserved orders are left to expire. Not
 * thread-safe: one instance per stream.
 */
final class SteadyWorkload implements Workload {
    private final String name;
    private final CatalogueSpec catalogue;
    private final SkuPicker firstLine;
    private final SkuPicker otherLines;
    private final SplittableRandom random;
    private final OrderIds ids;
    private final OrderFiller filler;
    private double nanosPerOrder;
    private long generated;

    SteadyWorkload(String name, CatalogueSpec catalogue, SkuPicker firstLine, SkuPicker otherLines,
        SplittableRandom random, OrderIds ids) {
        this.name = name;
        this.catalogue = catalogue;
        this.firstLine = firstLine;
        this.otherLines = otherLines;
        this.random = random;
        this.ids = ids;
        this.filler = new OrderFiller(catalogue);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CatalogueSpec catalogue() {
        return catalogue;
    }

    @Override
    public void pace(double ordersPerSecond) {
        nanosPerOrder = Workloads.nanosPerOrder(ordersPerSecond);
    }

    @Override
    public void next(GeneratedOrder order) {
        final long offsetNanos = (long) (generated * nanosPerOrder);
        order.start(ids.next(), Workloads.customer(random), offsetNanos, FollowUp.LEAVE);
        filler.fillLines(order, random, firstLine, otherLines);
        generated++;
    }

    @Override
    public long generated() {
        return generated;
    }
}
