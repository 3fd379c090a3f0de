package io.surge.engine.properties;

import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.OrderLines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible command stream: everything is drawn from one {@link SplittableRandom} seeded
 * with {@link #seed}, so a failing stream is rebuilt from its seed alone.
 * <p>
 * The stream starts as a restarted engine would: a Configure command (small reservation timeout
 * so reservations expire, small dedup window so order ids are forgotten), a small catalogue
 * (5-20 SKUs of 1-4 merchants with small stocks, so OUT_OF_STOCK happens) and 0-2 sales. Then a
 * few hundred commands mix orders (valid, invalid, retried, reused ids), payments and cancels of
 * earlier, unknown and invalid ids, stock adjustments, SKU redefinitions, sale redefinitions,
 * new decision settings and ticks, while engine time moves forward by random steps; now and
 * then time jumps to the exact millisecond a recent reservation expires (or the one before).
 * One stream in ten is a "config churn" stream: the reservation timeout is cut again and again,
 * so the order book opens all of its expiry lists and then inserts into them sorted.
 * <p>
 * The generator never looks at outcomes: the stream is a pure function of the seed.
 */
record CommandStream(long seed, List<StreamCommand> commands) {
    static final long UNKNOWN_SKU = 999_999L;
    private static final long FIRST_SKU = 1_000L;
    private static final long FIRST_MERCHANT = 100L;
    private static final long FIRST_CUSTOMER = 10_000L;
    private static final long FIRST_SALE = 50L;

    static CommandStream generate(long seed) {
        return new Generator(seed).generate();
    }

    @Override
    public String toString() {
        return "stream of seed " + seed + " (" + commands.size() + " commands)";
    }

    /** The stream as text, one command a line, for failure reports. */
    String listing(int fromIndex, int toIndex) {
        final StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, fromIndex); i < Math.min(commands.size(), toIndex); i++) {
            out.append(String.format("  #%d %s%n", i, commands.get(i)));
        }
        return out.toString();
    }

    private static final class Generator {
        private final long seed;
        private final SplittableRandom random;
        private final List<StreamCommand> out = new ArrayList<>();
        private final List<Long> skus = new ArrayList<>();
        private final List<Long> merchantOfSku = new ArrayList<>();
        private final List<Long> priceOfSku = new ArrayList<>();
        private final List<StreamCommand.PlaceOrder> placed = new ArrayList<>();
        private final List<Long> saleIds = new ArrayList<>();
        private final List<Integer> saleLimits = new ArrayList<>();
        private final long startMs;
        private final int merchants;
        private final int customers;
        private final boolean configChurn;
        private long nowMs;
        private long timeoutMs; // the reservation timeout of the last Configure (they are always accepted)
        private long nextOrderId = 1;

        Generator(long seed) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.startMs = 1_700_000_000_000L + random.nextInt(1_000_000);
            this.nowMs = startMs;
            this.merchants = 1 + random.nextInt(4);
            this.customers = 1 + random.nextInt(8);
            this.configChurn = random.nextInt(10) == 0;
        }

        CommandStream generate() {
            final int catalogueSize = 5 + random.nextInt(16);
            out.add(new StreamCommand.Configure(nowMs, settings(catalogueSize, true)));
            for (int i = 0; i < catalogueSize; i++) {
                out.add(newSku());
            }
            final int saleCount = random.nextInt(3);
            for (int i = 0; i < saleCount; i++) {
                final long saleId = FIRST_SALE + i;
                final int limit = random.nextInt(4); // 0: no limit
                saleIds.add(saleId);
                saleLimits.add(limit);
                out.add(saleCommand(saleId, limit));
            }
            final int length = 200 + random.nextInt(201);
            for (int i = 0; i < length; i++) {
                if (random.nextInt(25) == 0 && expiryEdge()) {
                    continue;
                }
                advanceTime();
                out.add(nextCommand(catalogueSize));
            }
            return new CommandStream(seed, List.copyOf(out));
        }

        private StreamCommand nextCommand(int catalogueSize) {
            if (configChurn && random.nextInt(8) == 0) {
                return new StreamCommand.Configure(nowMs, settings(catalogueSize, false));
            }
            if (configChurn && random.nextBoolean()) {
                return newOrder(); // many reservations under each timeout, so the expiry lists fill
            }
            final int roll = random.nextInt(1000);
            if (roll < 440) {
                return newOrder();
            }
            if (roll < 520) {
                return retry(true);
            }
            if (roll < 550) {
                return retry(false);
            }
            if (roll < 690) {
                return new StreamCommand.ConfirmPayment(nowMs, targetOrderId());
            }
            if (roll < 770) {
                return new StreamCommand.CancelOrder(nowMs, targetOrderId());
            }
            if (roll < 840) {
                return adjustStock();
            }
            if (roll < 880) {
                return redefineSku();
            }
            if (roll < 890) {
                return redefineSale();
            }
            if (roll < 905) {
                return new StreamCommand.Configure(nowMs, settings(catalogueSize, false));
            }
            final int maxExpiries = switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1, 2, 3, 4 -> 1 + random.nextInt(3);
                default -> 1_000;
            };
            return new StreamCommand.Tick(nowMs, maxExpiries);
        }

        /**
         * Jumps to the very millisecond a recent order would expire (or the one before) if it was
         * reserved under the current timeout, and pays, cancels or ticks there: the boundaries a
         * random walk of time rarely lands on. Returns false when no such instant lies ahead.
         */
        private boolean expiryEdge() {
            if (placed.isEmpty()) {
                return false;
            }
            final StreamCommand.PlaceOrder order = placed.get(placed.size() - 1 - random.nextInt(Math.min(4, placed.size())));
            final long at = order.nowMs() + timeoutMs - random.nextInt(2);
            if (at < nowMs) {
                return false;
            }
            nowMs = at;
            out.add(switch (random.nextInt(3)) {
                case 0 -> new StreamCommand.ConfirmPayment(nowMs, order.orderId());
                case 1 -> new StreamCommand.CancelOrder(nowMs, order.orderId());
                default -> new StreamCommand.Tick(nowMs, 1_000);
            });
            return true;
        }

        /** Mostly small steps, sometimes a jump past every reservation's expiry. */
        private void advanceTime() {
            if (configChurn) {
                // Small steps, so each timeout cut outruns the time since the last; now and then a
                // jump of seconds that expires swathes of reservations.
                nowMs += random.nextInt(50) == 0 ? 1_000 + random.nextInt(3_000) : random.nextInt(11);
                return;
            }
            final int roll = random.nextInt(10);
            if (roll < 6) {
                nowMs += random.nextInt(16);
            } else if (roll < 9) {
                nowMs += random.nextInt(61);
            } else {
                nowMs += 100 + random.nextInt(501);
            }
        }

        private DecisionSettings settings(int catalogueSize, boolean initial) {
            if (!configChurn) {
                timeoutMs = 30 + random.nextInt(971);
            } else if (initial || timeoutMs < 400) {
                timeoutMs = 2_500 + random.nextInt(1_500);
            } else {
                // Each cut outruns the time since the last one, so the new reservations expire
                // before all older ones: the order book opens another expiry list, up to its
                // maximum and past it (the sorted insert).
                timeoutMs -= 100 + random.nextInt(200);
            }
            final int dedupWindow = 1 + random.nextInt(32);
            final int maxSkus = initial || random.nextInt(5) > 0
                ? 1_000 : Math.max(1, catalogueSize + random.nextInt(7) - 3);
            final int maxLiveOrders = configChurn || random.nextInt(5) > 0 ? 10_000 : 2 + random.nextInt(14);
            final int maxSales = random.nextInt(5) > 0 ? 16 : 1 + random.nextInt(2);
            return new DecisionSettings(timeoutMs, dedupWindow, maxSkus, maxLiveOrders, maxSales);
        }

        private StreamCommand newSku() {
            final long sku = FIRST_SKU + 7L * skus.size();
            final long merchant = FIRST_MERCHANT + random.nextInt(merchants);
            final long price = 100 + random.nextInt(9_901);
            skus.add(sku);
            merchantOfSku.add(merchant);
            priceOfSku.add(price);
            return new StreamCommand.DefineSku(nowMs, sku, merchant, price, stock());
        }

        private StreamCommand saleCommand(long saleId, int limit) {
            final long start = startMs + random.nextInt(5_001) - 1_000;
            final long end = start + 500 + random.nextInt(7_501);
            final int count = 1 + random.nextInt(Math.min(5, skus.size()));
            final long[] saleSkus = new long[count];
            for (int i = 0; i < count; i++) {
                saleSkus[i] = skus.get(random.nextInt(skus.size())); // repeats are harmless
            }
            return new StreamCommand.DefineSale(nowMs, saleId, start, end, limit, saleSkus);
        }

        /**
         * Redefines an existing sale. The limit never drops, and never goes from a limit to none:
         * otherwise units bought under the old limit would rightly exceed the new one and the
         * "usage within the limit" property would not be a property of the engine.
         */
        private StreamCommand redefineSale() {
            if (saleIds.isEmpty()) {
                return new StreamCommand.Tick(nowMs, 1_000);
            }
            final int which = random.nextInt(saleIds.size());
            final int oldLimit = saleLimits.get(which);
            final int roll = random.nextInt(10);
            if (roll == 0) {
                return new StreamCommand.DefineSale(nowMs, saleIds.get(which), nowMs, nowMs, oldLimit,
                    new long[] {skus.get(0)}); // empty window: INVALID_COMMAND
            }
            if (roll == 1) {
                return new StreamCommand.DefineSale(nowMs, saleIds.get(which), nowMs, nowMs + 1_000, oldLimit,
                    new long[] {skus.get(0), UNKNOWN_SKU}); // UNKNOWN_SKU
            }
            final int limit = oldLimit == 0 ? random.nextInt(4) : oldLimit + random.nextInt(2);
            saleLimits.set(which, limit);
            return saleCommand(saleIds.get(which), limit);
        }

        private StreamCommand newOrder() {
            final long orderId = nextOrderId++;
            final long customer = customer();
            final int lineCount = 1 + random.nextInt(3);
            final long[] lineSkus = new long[lineCount];
            final int[] quantities = new int[lineCount];
            final long[] prices = new long[lineCount];
            final List<Integer> chosen = new ArrayList<>();
            for (int line = 0; line < lineCount; line++) {
                int index = skuIndex();
                for (int attempt = 0; attempt < 10 && chosen.contains(index); attempt++) {
                    index = skuIndex();
                }
                chosen.add(index);
                lineSkus[line] = skus.get(index);
                quantities[line] = random.nextInt(8) == 0 ? 2 + random.nextInt(10) : 1 + random.nextInt(2);
                prices[line] = priceOfSku.get(index);
            }
            long id = orderId;
            long customerId = customer;
            long[] finalSkus = lineSkus;
            int[] finalQuantities = quantities;
            long[] finalPrices = prices;
            final int line = random.nextInt(lineCount);
            switch (random.nextInt(80)) {
                case 0 -> quantities[line] = 0;
                case 1 -> quantities[line] = -1 - random.nextInt(3);
                case 2 -> quantities[line] = OrderLines.MAX_QUANTITY + 1;
                case 3 -> quantities[line] = OrderLines.MAX_QUANTITY; // valid shape, never in stock
                case 4 -> prices[line] += 1; // stale price: INVALID_ORDER
                case 5 -> prices[line] = -prices[line];
                case 6 -> lineSkus[line] = UNKNOWN_SKU;
                case 7 -> lineSkus[line] = random.nextBoolean() ? 0 : -lineSkus[line];
                case 8 -> customerId = random.nextBoolean() ? 0 : -customer;
                case 9 -> id = random.nextBoolean() ? 0 : -orderId;
                case 10 -> {
                    finalSkus = new long[0];
                    finalQuantities = new int[0];
                    finalPrices = new long[0];
                }
                case 11 -> {
                    finalSkus = append(lineSkus, lineSkus[line]); // the same SKU twice
                    finalQuantities = append(quantities, 1);
                    finalPrices = append(prices, prices[line]);
                }
                default -> {
                    // a well-formed order
                }
            }
            final StreamCommand.PlaceOrder order =
                new StreamCommand.PlaceOrder(nowMs, id, customerId, finalSkus, finalQuantities, finalPrices);
            placed.add(order);
            return order;
        }

        /** An earlier order sent again: the same content, or other content under the same id. */
        private StreamCommand retry(boolean sameContent) {
            if (placed.isEmpty()) {
                return newOrder();
            }
            final StreamCommand.PlaceOrder earlier = placed.get(recentIndex(placed.size()));
            if (sameContent) {
                return new StreamCommand.PlaceOrder(nowMs, earlier.orderId(), earlier.customerId(),
                    earlier.skus(), earlier.quantities(), earlier.pricesCents());
            }
            if (earlier.lineCount() == 0 || random.nextBoolean()) {
                return new StreamCommand.PlaceOrder(nowMs, earlier.orderId(), earlier.customerId() + 1,
                    earlier.skus(), earlier.quantities(), earlier.pricesCents());
            }
            final int[] quantities = earlier.quantities().clone();
            quantities[0] += 1;
            return new StreamCommand.PlaceOrder(nowMs, earlier.orderId(), earlier.customerId(),
                earlier.skus(), quantities, earlier.pricesCents());
        }

        private long targetOrderId() {
            final int roll = random.nextInt(20);
            if (placed.isEmpty() || roll == 0) {
                return nextOrderId + 1_000;
            }
            if (roll == 1) {
                return random.nextBoolean() ? 0 : -1 - random.nextInt(5);
            }
            if (roll < 12) {
                return placed.get(placed.size() - 1 - random.nextInt(Math.min(3, placed.size()))).orderId();
            }
            return placed.get(recentIndex(placed.size())).orderId();
        }

        private StreamCommand adjustStock() {
            final int roll = random.nextInt(20);
            if (roll == 0) {
                return new StreamCommand.AdjustStock(nowMs, UNKNOWN_SKU, 1);
            }
            if (roll == 1) {
                return new StreamCommand.AdjustStock(nowMs, skus.get(skuIndex()), 0);
            }
            final long delta = random.nextInt(3) == 0 ? -1 - random.nextInt(8) : 1 + random.nextInt(10);
            return new StreamCommand.AdjustStock(nowMs, skus.get(skuIndex()), delta);
        }

        private StreamCommand redefineSku() {
            final int roll = random.nextInt(20);
            if (roll < 3) {
                return newSku();
            }
            final int index = skuIndex();
            final long sku = skus.get(index);
            if (roll == 3) {
                return new StreamCommand.DefineSku(nowMs, sku, merchantOfSku.get(index), priceOfSku.get(index), -1);
            }
            if (roll == 4) {
                return new StreamCommand.DefineSku(nowMs, sku, 0, priceOfSku.get(index), 5);
            }
            if (random.nextInt(4) == 0) {
                merchantOfSku.set(index, FIRST_MERCHANT + random.nextInt(merchants));
            }
            if (random.nextInt(3) == 0) {
                priceOfSku.set(index, 100 + (long) random.nextInt(9_901));
            }
            return new StreamCommand.DefineSku(nowMs, sku, merchantOfSku.get(index), priceOfSku.get(index),
                stock());
        }

        /** Small stocks, so orders run out; larger when reservations are held for seconds (config churn). */
        private long stock() {
            return configChurn ? 20 + random.nextInt(60) : random.nextInt(13);
        }

        /** Half the picks go to the first three SKUs: the hot items everyone wants. */
        private int skuIndex() {
            return random.nextBoolean() ? random.nextInt(Math.min(3, skus.size())) : random.nextInt(skus.size());
        }

        private long customer() {
            return FIRST_CUSTOMER + random.nextInt(customers);
        }

        /** Half the picks among the last eight, the rest anywhere: some retries outlive the dedup window. */
        private int recentIndex(int size) {
            return random.nextBoolean() ? size - 1 - random.nextInt(Math.min(8, size)) : random.nextInt(size);
        }

        private static long[] append(long[] values, long value) {
            final long[] longer = Arrays.copyOf(values, values.length + 1);
            longer[values.length] = value;
            return longer;
        }

        private static int[] append(int[] values, int value) {
            final int[] longer = Arrays.copyOf(values, values.length + 1);
            longer[values.length] = value;
            return longer;
        }
    }
}
