package io.surge.bench.workload;

import java.util.SplittableRandom;

/**
 * {@code singles-day}: a sale opens as the run starts. For its first {@value #BURST_SECONDS}
 * seconds orders arrive {@value #BURST_FACTOR} times faster than the paced rate, and
 * {@value #BURST_DOORBUSTER_PERCENT}% of them go for the {@value #DOORBUSTERS} doorbusters
 * (the first SKUs of its catalogue, which starts at {@link Workloads#SINGLES_DAY_FIRST_SKU}:
 * {@value #DOORBUSTER_STOCK} units each, in the sale, at most
 * {@value #LIMIT_PER_CUSTOMER} per shopper), which sell out. Afterwards the rate settles and only
 * {@value #LATER_DOORBUSTER_PERCENT}% of orders try a doorbuster; the rest shop the festival
 * catalogue (Zipf, exponent {@value #FESTIVAL_EXPONENT}). Of the reserved orders,
 * {@value #PAY_PERCENT}% are paid, {@value #CANCEL_PERCENT}% cancelled and the rest left to expire.
 * <p>
 * Unpaced (closed loop), the burst is the first {@value #UNPACED_BURST_ORDERS} orders of each
 * stream. Not thread-safe: one instance per stream.
 */
final class SinglesDayWorkload implements Workload {
    static final int DOORBUSTERS = 20;
    static final long DOORBUSTER_STOCK = 200;
    static final int LIMIT_PER_CUSTOMER = 2;
    static final long SALE_ID = 900_001;
    static final long SALE_DURATION_MS = 24L * 3600 * 1000;
    static final int BURST_SECONDS = 2;
    static final int BURST_FACTOR = 4;
    static final int UNPACED_BURST_ORDERS = 5_000;
    static final int BURST_DOORBUSTER_PERCENT = 80;
    static final int LATER_DOORBUSTER_PERCENT = 5;
    static final double FESTIVAL_EXPONENT = 0.9;
    static final int PAY_PERCENT = 70;
    static final int CANCEL_PERCENT = 10;

    private final CatalogueSpec catalogue;
    private final SkuPicker burstFirstLine;
    private final SkuPicker laterFirstLine;
    private final SkuPicker festival;
    private final SplittableRandom random;
    private final OrderIds ids;
    private final OrderFiller filler;
    private long burstOrders = UNPACED_BURST_ORDERS;
    private double burstNanosPerOrder;
    private double nanosPerOrder;
    private long generated;

    SinglesDayWorkload(CatalogueSpec catalogue, SplittableRandom random, OrderIds ids) {
        this.catalogue = catalogue;
        final SkuPicker doorbusters = SkuPicker.uniform(0, DOORBUSTERS);
        this.festival = new ZipfPicker(DOORBUSTERS, catalogue.skuCount(), FESTIVAL_EXPONENT);
        this.burstFirstLine = SkuPicker.mixed(BURST_DOORBUSTER_PERCENT / 100.0, doorbusters, festival);
        this.laterFirstLine = SkuPicker.mixed(LATER_DOORBUSTER_PERCENT / 100.0, doorbusters, festival);
        this.random = random;
        this.ids = ids;
        this.filler = new OrderFiller(catalogue);
    }

    static CatalogueSpec catalogue(int skus) {
        final long[] saleSkus = new long[DOORBUSTERS];
        for (int i = 0; i < DOORBUSTERS; i++) {
            saleSkus[i] = Workloads.SINGLES_DAY_FIRST_SKU + i;
        }
        return new CatalogueSpec(Workloads.SINGLES_DAY_FIRST_SKU, skus, DOORBUSTERS, DOORBUSTER_STOCK, Workloads.DEEP_STOCK,
            new SaleSpec(SALE_ID, saleSkus, LIMIT_PER_CUSTOMER, SALE_DURATION_MS));
    }

    @Override
    public String name() {
        return "singles-day";
    }

    @Override
    public CatalogueSpec catalogue() {
        return catalogue;
    }

    @Override
    public void pace(double ordersPerSecond) {
        nanosPerOrder = Workloads.nanosPerOrder(ordersPerSecond);
        burstNanosPerOrder = Workloads.nanosPerOrder(ordersPerSecond * BURST_FACTOR);
        burstOrders = ordersPerSecond > 0 ? Math.round(ordersPerSecond * BURST_FACTOR * BURST_SECONDS) : UNPACED_BURST_ORDERS;
    }

    /** Whether the k-th order of this stream (0-based) belongs to the opening burst. */
    boolean inBurst(long k) {
        return k < burstOrders;
    }

    @Override
    public void next(GeneratedOrder order) {
        final boolean burst = inBurst(generated);
        final long offsetNanos = burst ? (long) (generated * burstNanosPerOrder)
            : (long) (burstOrders * burstNanosPerOrder + (generated - burstOrders) * nanosPerOrder);
        final int roll = random.nextInt(100);
        final FollowUp followUp = roll < PAY_PERCENT ? FollowUp.PAY : roll < PAY_PERCENT + CANCEL_PERCENT ? FollowUp.CANCEL
            : FollowUp.LEAVE;
        order.start(ids.next(), Workloads.customer(random), offsetNanos, followUp);
        filler.fillLines(order, random, burst ? burstFirstLine : laterFirstLine, festival);
        generated++;
    }

    @Override
    public long generated() {
        return generated;
    }
}
