package io.surge.bench.peers;

import io.surge.bench.workload.GeneratedOrder;
import io.surge.bench.workload.Workload;
import io.surge.bench.workload.Workloads;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerOrderTest {
    @Test
    void copiesEveryFieldOfAGeneratedOrder() {
        final Workload workload = Workloads.parse("uniform", 1_000, 7, 0);
        final GeneratedOrder generated = new GeneratedOrder();
        final PeerOrder order = new PeerOrder();
        for (int n = 0; n < 100; n++) {
            workload.next(generated);
            order.copyFrom(generated);
            assertEquals(generated.orderId(), order.orderId());
            assertEquals(generated.customerId(), order.customerId());
            assertEquals(generated.lineCount(), order.lineCount());
            for (int i = 0; i < generated.lineCount(); i++) {
                assertEquals(generated.sku(i), order.sku(i));
                assertEquals(generated.quantity(i), order.quantity(i));
                assertEquals(generated.priceCents(i), order.priceCents(i));
            }
        }
    }

    @Test
    void linesBySkuListsEveryLineOnceInAscendingSkuOrder() {
        final PeerOrder order = new PeerOrder().start(1, 2).addLine(1_000_300, 1, 990).addLine(1_000_001, 2, 1990)
            .addLine(1_000_200, 3, 2990);
        final int[] lines = new int[PeerOrder.MAX_LINES];
        order.linesBySku(lines);
        assertArrayEquals(new int[] {1, 2, 0}, lines);
    }

    @Test
    void linesBySkuSortsGeneratedHotDeepOrders() {
        final Workload workload = Workloads.parse("hot-deep", 1_000, 3, 1);
        final GeneratedOrder generated = new GeneratedOrder();
        final PeerOrder order = new PeerOrder();
        final int[] lines = new int[PeerOrder.MAX_LINES];
        for (int n = 0; n < 1_000; n++) {
            workload.next(generated);
            order.copyFrom(generated).linesBySku(lines);
            for (int k = 1; k < order.lineCount(); k++) {
                assertTrue(order.sku(lines[k - 1]) < order.sku(lines[k]), generated.toString());
            }
        }
    }

    @Test
    void redisKeysAndArgumentsFollowTheLayoutOfReserveLua() {
        final PeerOrder order = new PeerOrder().start(77, 5).addLine(1_000_010, 2, 990).addLine(1_000_020, 1, 1990);
        assertArrayEquals(new String[] {"order:77", "stock:1000010", "stock:1000020"}, RedisSession.keys(order));
        assertArrayEquals(new String[] {"5", "2", "1", "990", "1990"}, RedisSession.args(order));
    }

    @Test
    void everyReplyCodeOfReserveLuaIsADecision() {
        assertTrue(RedisSession.isRejection(RedisSession.OUT_OF_STOCK));
        assertTrue(RedisSession.isRejection(RedisSession.UNKNOWN_SKU));
        assertTrue(RedisSession.isRejection(RedisSession.DUPLICATE_ORDER));
        assertTrue(!RedisSession.isRejection(RedisSession.RESERVED) && !RedisSession.isRejection(99));
    }
}
