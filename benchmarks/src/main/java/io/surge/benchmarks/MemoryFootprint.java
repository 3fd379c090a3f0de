package io.surge.benchmarks;

import io.surge.engine.domain.BusinessLogic;
import io.surge.engine.domain.CommandResult;
import io.surge.engine.domain.DecisionSettings;
import io.surge.engine.domain.EventSink;
import io.surge.engine.domain.NoOpEventSink;
import io.surge.engine.domain.OrderLines;
import io.surge.engine.domain.Status;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Measures the memory the business logic's state takes (heap after a collection, plus the live
 * orders' records, which are kept off the heap): 1M SKUs, then 1M live reservations (one
 * line each; half of them against a limited sale, so the limit ledger is counted too), with the
 * dedup window holding those 1M order ids. SKU and order ids are 1, 2, 3... (dense runs, which
 * the id indexes keep in pages); with the argument {@code scattered} they are spread 2,654,435,761
 * apart instead (no two share a page, so every id goes to the hash table). Run (the flags let
 * Agrona reach the JVM's off-heap memory):
 * <pre>
 * java $(cat engine/target/jvm.flags) -Xmx4g -cp "benchmarks/target/surge-benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     io.surge.benchmarks.MemoryFootprint [scattered]
 * </pre>
 */
public final class MemoryFootprint {
    private static final int SKUS = 1_000_000;
    private static final int ORDERS = 1_000_000;
    private static final long SCATTERED_STRIDE = 2_654_435_761L;

    private MemoryFootprint() {
    }

    public static void main(String[] args) {
        final long stride = args.length > 0 && args[0].equals("scattered") ? SCATTERED_STRIDE : 1;
        final long empty = usedAfterGc();
        final BusinessLogic logic = new BusinessLogic(new DecisionSettings(15 * 60_000L, 1 << 20, 2_000_000, 4_000_000, 10));
        final CommandResult result = new CommandResult();
        final EventSink events = new NoOpEventSink();
        for (long sku = 1; sku <= SKUS; sku++) {
            logic.defineSku(0, sku * stride, 1 + sku % 1000, 100, 1_000, events, result.reset());
        }
        final long[] saleSkus = new long[8_000];
        for (int i = 0; i < saleSkus.length; i++) {
            saleSkus[i] = (i + 1) * stride;
        }
        logic.defineSale(0, 1, 0, Long.MAX_VALUE, 1_000_000, saleSkus, saleSkus.length, events, result.reset());
        final long withSkus = usedAfterGc() + logic.offHeapBytes();
        final OrderLines lines = new OrderLines();
        for (long orderId = 1; orderId <= ORDERS; orderId++) {
            // Even orders hit the 8,000 limited sale SKUs, so half the orders add a limit-ledger entry.
            final long sku = orderId % 2 == 0 ? 1 + orderId % saleSkus.length : 8_001 + orderId % (SKUS - 8_001);
            logic.placeOrder(1, orderId * stride, orderId, lines.clear().add(sku * stride, 1, 100), events, result.reset());
            if (result.status() != Status.RESERVED) {
                throw new IllegalStateException("order " + orderId * stride + ": " + result);
            }
        }
        final long withOrders = usedAfterGc() + logic.offHeapBytes();
        System.out.println(stride == 1 ? "ids 1, 2, 3...:" : "ids " + stride + " apart:");
        System.out.printf(Locale.ROOT, "1M SKUs:                 %,d bytes (%.0f bytes per SKU)%n",
            withSkus - empty, (withSkus - empty) / (double) SKUS);
        System.out.printf(Locale.ROOT, "1M live reservations:    %,d bytes (%.0f bytes per reservation, incl. its dedup entry)%n",
            withOrders - withSkus, (withOrders - withSkus) / (double) ORDERS);
        System.out.println("live orders: " + logic.liveOrderCount() + ", state hash " + Long.toHexString(logic.stateHash()));
    }

    private static long usedAfterGc() {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
