package io.surge.engine.live;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SellOutFeedTest {
    @Test
    void keepsTheLatestSellOutsNewestFirstAndCountsRepeatsPerSku() {
        final SellOutFeed feed = new SellOutFeed(3);
        assertNull(feed.first());
        assertEquals(List.of(), feed.recent());
        feed.soldOut(7, 1, 1_000);
        feed.soldOut(8, 1, 2_000);
        feed.soldOut(7, 1, 3_000); // restocked, then sold out again
        feed.soldOut(9, 2, 4_000);
        assertEquals(List.of(new SellOut(9, 2, 4_000, 1), new SellOut(7, 1, 3_000, 2), new SellOut(8, 1, 2_000, 1)),
            feed.recent());
        assertEquals(4, feed.total());
        assertEquals(3, feed.distinctSkus());
        assertEquals(2, feed.times(7));
        assertEquals(0, feed.times(99));
        assertEquals(new SellOut(7, 1, 1_000, 1), feed.first());
    }
}
