package io.surge.replay;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTimelineTest {
    private static final long T0 = 1_794_326_400_000L;

    @Test
    void bucketsByWholeSecondsOfEpochTime() {
        final StatsTimeline timeline = new StatsTimeline(1_000);
        timeline.onPlaced(timeline.bucket(T0 + 999));
        timeline.onPlaced(timeline.bucket(T0 + 1_000));
        timeline.onPlaced(timeline.bucket(T0 + 1_999));
        assertEquals(2, timeline.size());
        assertEquals(T0, timeline.startMs(0));
        assertEquals(1, timeline.placed(0));
        assertEquals(2, timeline.placed(1));
        assertEquals(1, timeline.peakPlaced());
    }

    @Test
    void anEarlierEntryShiftsTheSeriesInsteadOfBeingLost() {
        final StatsTimeline timeline = new StatsTimeline(1_000);
        timeline.onReserved(timeline.bucket(T0 + 5_000), 500);
        timeline.onRejected(timeline.bucket(T0 + 5_000), 1);
        timeline.onPaid(timeline.bucket(T0 + 2_000), 700);
        assertEquals(4, timeline.size());
        assertEquals(T0 + 2_000, timeline.startMs(0));
        assertEquals(700, timeline.gmvPaidCents(0));
        assertEquals(1, timeline.reserved(3));
        assertEquals(500, timeline.gmvReservedCents(3));
        assertEquals(1, timeline.rejected(3, 1));
        assertEquals(0, timeline.rejected(0, 1));
    }

    @Test
    void refusesASpanBeyondItsLimitWithAHint() {
        final StatsTimeline timeline = new StatsTimeline(1_000);
        timeline.bucket(T0);
        final ReplayException e = assertThrows(ReplayException.class,
            () -> timeline.bucket(T0 + StatsTimeline.MAX_BUCKETS * 1_000L));
        assertTrue(e.getMessage().contains("--by minute"), e.getMessage());
        assertEquals(ReplayMain.EXIT_USAGE, e.exitCode());
    }
}
