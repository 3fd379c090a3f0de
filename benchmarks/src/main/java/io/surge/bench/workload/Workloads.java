package io.surge.bench.workload;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Parses a workload spec into a {@link Workload} for one stream. The workloads:
 * <ul>
 *   <li>{@code uniform}: every SKU equally likely;</li>
 *   <li>{@code zipf:S}: the first line's SKU Zipf-distributed with exponent S (0 &lt; S &le; 5;
 *       rank 1 is the first SKU), the other lines too;</li>
 *   <li>{@code flash}: 90% of orders start with one of the {@value #HOT_SKUS} hot SKUs, which hold
 *       only {@value #FLASH_HOT_STOCK} units each and sell out; other lines and the other 10% are
 *       uniform over the rest;</li>
 *   <li>{@code hot-deep}: the same shape, but the hot SKUs hold {@value #DEEP_HOT_STOCK} units,
 *       so they never run out and every order contends for the same few SKUs;</li>
 *   <li>{@code singles-day}: see {@link SinglesDayWorkload}: a burst on a sale's doorbusters,
 *       then a festival mix with payments, cancellations and expiries.</li>
 * </ul>
 * Every order has 1 to 3 lines (60/30/10%) of distinct SKUs, quantity 1 to 3 each, at the
 * catalogue price, for a customer drawn uniformly from 1 to {@value #CUSTOMERS}. Non-hot SKUs hold
 * {@value #DEEP_STOCK} units: they do not run out in a run. Catalogues start at SKU
 * {@value #FIRST_SKU} ({@value #SINGLES_DAY_FIRST_SKU} for singles-day): see {@link CatalogueSpec}.
 * <p>
 * <b>Order ids</b> are {@code idBase + k * streams + stream} for a stream's k-th order (from 0):
 * the run's streams share one id sequence round-robin, as upstream services drawing ids from one
 * sequence would, so together they use every id and never collide. A run that may follow another
 * against the same server takes a fresh base, {@link #runIdBase(long)} of its start time.
 * <p>
 * <b>Randomness</b>: each stream draws from its own {@link SplittableRandom} seeded from the seed
 * and the stream number, so streams differ and a (spec, skus, seed, stream, idBase) tuple always
 * gives the same orders. Thread-safe (stateless).
 */
public final class Workloads {
    /** The workload names, for messages and help. */
    public static final String VALID = "uniform, zipf:S (e.g. zipf:1.1), flash, hot-deep, singles-day";
    /** Streams per id base at most (so: connections at most). */
    public static final int MAX_STREAMS = 1024;
    /** The first SKU id of the catalogues of uniform, zipf, flash and hot-deep. */
    public static final long FIRST_SKU = 1_000_001;
    /**
     * The first SKU id of singles-day's catalogue: a range of its own, so that its sale (with a
     * per-customer limit) never covers the SKUs of another workload run later on the same server.
     */
    public static final long SINGLES_DAY_FIRST_SKU = 2_000_001;
    /** The fewest SKUs a catalogue may have. */
    public static final int MIN_SKUS = 100;
    /**
     * The most: both ranges fully loaded plus the default configuration's 100,000 SKUs stay under
     * the engine's default {@code capacity.maxSkus} (2,000,000).
     */
    public static final int MAX_SKUS = 900_000;
    /** Customers are drawn from 1 to this. */
    public static final long CUSTOMERS = 10_000_000;
    /** Hot SKUs of {@code flash} and {@code hot-deep}. */
    public static final int HOT_SKUS = 10;
    /** Share of {@code flash} and {@code hot-deep} orders whose first line is a hot SKU. */
    public static final double HOT_SHARE = 0.9;
    /** Units of each hot SKU in {@code flash}. */
    public static final long FLASH_HOT_STOCK = 100;
    /** Units of each hot SKU in {@code hot-deep}. */
    public static final long DEEP_HOT_STOCK = 100_000_000_000L;
    /** Units of every other SKU. */
    public static final long DEEP_STOCK = 1_000_000_000L;

    private Workloads() {
    }

    /** The workload for one stream, with order ids from base 1 (for a target that starts empty). */
    public static Workload parse(String spec, int skus, long seed, int stream) {
        return parse(spec, skus, seed, stream, 1);
    }

    /** The workload for one stream of {@value #MAX_STREAMS} sharing the id sequence (for tests of one stream). */
    public static Workload parse(String spec, int skus, long seed, int stream, long idBase) {
        return parse(spec, skus, seed, stream, MAX_STREAMS, idBase);
    }

    /**
     * The workload for one stream.
     *
     * @param spec    see the class comment
     * @param skus    catalogue size, at least {@value #MIN_SKUS}
     * @param seed    any value; the same seed gives the same orders
     * @param stream  0 to {@code streams}-1; separates the streams of one run
     * @param streams the run's streams (1 to {@value #MAX_STREAMS}), which share the order ids
     * @param idBase  the smallest order id (positive)
     * @throws IllegalArgumentException naming the valid workloads, or the bad number
     */
    public static Workload parse(String spec, int skus, long seed, int stream, int streams, long idBase) {
        if (spec == null) {
            throw new IllegalArgumentException("no workload given; valid ones: " + VALID);
        }
        if (skus < MIN_SKUS || skus > MAX_SKUS) {
            throw new IllegalArgumentException("a catalogue has " + MIN_SKUS + " to " + MAX_SKUS + " SKUs, not " + skus);
        }
        final OrderIds ids = new OrderIds(idBase, stream, streams);
        final SplittableRandom random = new SplittableRandom(mix(seed, stream));
        final String normalised = spec.trim().toLowerCase(Locale.ROOT);
        switch (normalised) {
            case "uniform" -> {
                final SkuPicker all = SkuPicker.uniform(0, skus);
                return new SteadyWorkload("uniform", plain(skus), all, all, random, ids);
            }
            case "flash", "hot-deep" -> {
                final boolean flash = normalised.equals("flash");
                final SkuPicker cold = SkuPicker.uniform(HOT_SKUS, skus);
                final SkuPicker first = SkuPicker.mixed(HOT_SHARE, SkuPicker.uniform(0, HOT_SKUS), cold);
                final CatalogueSpec catalogue = new CatalogueSpec(FIRST_SKU, skus, HOT_SKUS,
                    flash ? FLASH_HOT_STOCK : DEEP_HOT_STOCK, DEEP_STOCK, null);
                return new SteadyWorkload(normalised, catalogue, first, cold, random, ids);
            }
            case "singles-day" -> {
                return new SinglesDayWorkload(SinglesDayWorkload.catalogue(skus), random, ids);
            }
            default -> {
                if (normalised.startsWith("zipf:")) {
                    final double exponent = exponent(normalised.substring("zipf:".length()), spec);
                    final SkuPicker zipf = new ZipfPicker(0, skus, exponent);
                    return new SteadyWorkload("zipf:" + exponent, plain(skus), zipf, zipf, random, ids);
                }
                throw new IllegalArgumentException("unknown workload '" + spec + "'; valid ones: " + VALID);
            }
        }
    }

    /**
     * An id base for a run started at {@code startMillis} (epoch ms): {@code startMillis << 20},
     * so runs started a millisecond apart are a million ids apart per millisecond of run, far more
     * than any rate reaches; positive until the year 2248.
     */
    public static long runIdBase(long startMillis) {
        return startMillis << 20;
    }

    static long customer(SplittableRandom random) {
        return 1 + random.nextLong(CUSTOMERS);
    }

    static double nanosPerOrder(double ordersPerSecond) {
        if (ordersPerSecond < 0 || Double.isNaN(ordersPerSecond) || Double.isInfinite(ordersPerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, not " + ordersPerSecond);
        }
        return ordersPerSecond == 0 ? 0 : 1e9 / ordersPerSecond;
    }

    private static CatalogueSpec plain(int skus) {
        return new CatalogueSpec(FIRST_SKU, skus, 0, 0, DEEP_STOCK, null);
    }

    private static double exponent(String text, String spec) {
        final double exponent;
        try {
            exponent = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("workload '" + spec + "': the Zipf exponent must be a number, e.g. zipf:1.1");
        }
        if (!(exponent > 0 && exponent <= 5)) {
            throw new IllegalArgumentException("workload '" + spec + "': the Zipf exponent must be in (0, 5]");
        }
        return exponent;
    }

    private static long mix(long seed, int stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
