package io.surge.bench.workload;

import java.util.Optional;

/**
 * The catalogue a workload orders from: {@link #skuCount()} SKUs with consecutive ids starting at
 * {@link #firstSku()}, each with a merchant, a price and an initial stock, plus the sale the
 * workload needs, if any. A pure function of its parameters: every stream of a run, and every
 * target (Surge, Redis, PostgreSQL), sees the same catalogue. Immutable, thread-safe.
 * <p>
 * The ids start at {@link Workloads#FIRST_SKU} (1,000,001; singles-day at
 * {@link Workloads#SINGLES_DAY_FIRST_SKU}, 2,000,001), not at 1, so that a benchmark catalogue
 * never meets the SKUs a server was seeded with (the default configuration seeds SKUs 1-100,000,
 * some of them in sales whose windows are over), and singles-day's sale never covers another
 * workload's SKUs. Loading a catalogue redefines the same SKUs on every run, so a re-run starts
 * from the same stock. Use {@link #firstSku()} / {@link #sku(int)}, not a constant.
 * <p>
 * SKU {@code firstSku + i} is the {@code i}-th SKU (index {@code i}); the first
 * {@link #hotCount()} are the hot ones of {@code flash} and {@code hot-deep} and the doorbusters of
 * {@code singles-day}. Merchant: 100 consecutive SKUs per merchant. Price: 9.90 to 999.90, a
 * fixed function of the id.
 */
public final class CatalogueSpec {
    /** SKUs per merchant. */
    public static final int SKUS_PER_MERCHANT = 100;

    private final long firstSku;
    private final int skuCount;
    private final int hotCount;
    private final long hotStock;
    private final long stock;
    private final SaleSpec sale;

    /**
     * @param firstSku the first SKU id (positive)
     * @param skuCount how many SKUs
     * @param hotCount how many SKUs, from the first, have {@code hotStock} units (0: none)
     * @param hotStock initial stock of each hot SKU
     * @param stock    initial stock of every other SKU
     * @param sale     the sale to define, or null
     */
    public CatalogueSpec(long firstSku, int skuCount, int hotCount, long hotStock, long stock, SaleSpec sale) {
        if (firstSku <= 0 || skuCount <= 0 || hotCount < 0 || hotCount > skuCount || hotStock < 0 || stock < 0) {
            throw new IllegalArgumentException("bad catalogue: first " + firstSku + ", " + skuCount + " SKUs, " + hotCount + " hot");
        }
        this.firstSku = firstSku;
        this.skuCount = skuCount;
        this.hotCount = hotCount;
        this.hotStock = hotStock;
        this.stock = stock;
        this.sale = sale;
    }

    /** The lowest SKU id. */
    public long firstSku() {
        return firstSku;
    }

    /** The highest SKU id. */
    public long lastSku() {
        return firstSku + skuCount - 1;
    }

    /** How many SKUs: ids {@link #firstSku()} to {@link #lastSku()}. */
    public int skuCount() {
        return skuCount;
    }

    /** The id of the SKU with the given index (0-based). */
    public long sku(int index) {
        if (index < 0 || index >= skuCount) {
            throw new IndexOutOfBoundsException("SKU index " + index + " of " + skuCount);
        }
        return firstSku + index;
    }

    /** Whether {@code sku} is in this catalogue. */
    public boolean contains(long sku) {
        return sku >= firstSku && sku <= lastSku();
    }

    /** How many SKUs, from the first, are hot (or doorbusters); 0 when none is. */
    public int hotCount() {
        return hotCount;
    }

    /** Whether {@code sku} is one of the hot ones. */
    public boolean isHot(long sku) {
        return sku >= firstSku && sku < firstSku + hotCount;
    }

    /** The merchant that sells {@code sku}. */
    public long merchantId(long sku) {
        return (index(sku) / SKUS_PER_MERCHANT) + 1;
    }

    /** The catalogue price of {@code sku} in cents: 990 to 99,990, ending in 90. */
    public long priceCents(long sku) {
        return priceOf(sku);
    }

    /** Units of {@code sku} available when the catalogue is loaded. */
    public long initialStock(long sku) {
        return isHot(sku) ? hotStock : checkedStock(sku);
    }

    /** The sale to define before the run, if the workload needs one. */
    public Optional<SaleSpec> sale() {
        return Optional.ofNullable(sale);
    }

    /** Price without a bounds check, for the generating hot path (the SKU came from this catalogue). */
    static long priceOf(long sku) {
        final long mixed = (sku * 0x9E3779B97F4A7C15L) >>> 40;
        return 990 + (mixed % 1000) * 100;
    }

    private long checkedStock(long sku) {
        index(sku);
        return stock;
    }

    private int index(long sku) {
        if (!contains(sku)) {
            throw new IllegalArgumentException("SKU " + sku + " is not in the catalogue " + firstSku + "-" + lastSku());
        }
        return (int) (sku - firstSku);
    }

    @Override
    public String toString() {
        return skuCount + " SKUs " + firstSku + "-" + lastSku() + (hotCount > 0 ? ", " + hotCount + " hot with " + hotStock
            + " units each" : "") + ", others " + stock + " units" + (sale != null ? ", " + sale : "");
    }
}
