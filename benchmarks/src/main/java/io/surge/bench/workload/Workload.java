package io.surge.bench.workload;

/**
 * A seeded, deterministic stream of orders and the catalogue it needs. Pure: no I/O, no clock,
 * no shared mutable state; the same spec, SKU count, seed, stream and id base give the same
 * orders, on any target. Not thread-safe: one instance per generating thread (one per connection
 * in the load generator), made by {@link Workloads#parse}.
 */
public interface Workload {
    /** The spec this workload was parsed from, normalised: "uniform", "zipf:1.1", "flash", "hot-deep", "singles-day". */
    String name();

    /** The catalogue (and sale) to load before the run; the same for every stream. */
    CatalogueSpec catalogue();

    /**
     * Sets the rate this stream will be offered at, in orders per second, so that
     * {@link GeneratedOrder#intendedOffsetNanos()} spaces the orders out; 0 (the default) means
     * unpaced (closed loop: every offset is 0). Call before the first {@link #next}.
     */
    void pace(double ordersPerSecond);

    /** Fills {@code order} with the next order of this stream. Allocates nothing. */
    void next(GeneratedOrder order);

    /** Orders generated so far by this instance. */
    long generated();
}
