package io.surge.replay;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What the text and HTML reports of {@code stats} share: the collected figures, the settings they
 * were collected with, and what is derived from them once (peak bucket, rankings, labels).
 */
final class StatsReport {
    /** A type (or reason) and how often it occurred. */
    record Count(String name, long count) {
    }

    /** A reject reason: rejected orders and rejected other commands (payments, cancels, admin). */
    record Rejections(int code, String reason, long orders, long commands) {
    }

    final StatsCollector stats;
    final String dataDir;
    final StatsCommand.Granularity by;
    final ZoneId zone;
    final int top;
    final String from;
    final String to;
    /** The bucket with most orders placed, or -1. */
    final int peak;
    /** First and last bucket in which orders were placed (-1 when none). */
    final int firstOrderBucket;
    final int lastOrderBucket;

    StatsReport(StatsCollector stats, String dataDir, StatsCommand.Granularity by, ZoneId zone, int top, String from, String to) {
        this.stats = stats;
        this.dataDir = dataDir;
        this.by = by;
        this.zone = zone;
        this.top = top;
        this.from = from;
        this.to = to;
        final StatsTimeline timeline = stats.timeline;
        this.peak = timeline.peakPlaced();
        int first = -1;
        int last = -1;
        for (int i = 0; i < timeline.size(); i++) {
            if (timeline.placed(i) > 0) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        this.firstOrderBucket = first;
        this.lastOrderBucket = last;
    }

    List<Count> commandsByType() {
        return counts(stats.commandsByType, stats.commandsOfOtherTypes);
    }

    List<Count> eventsByType() {
        return counts(stats.eventsByType, stats.eventsOfOtherTypes);
    }

    /** Reasons that occurred, in code order. */
    List<Rejections> rejections() {
        final List<Rejections> rows = new ArrayList<>();
        for (int code = 0; code < StatsCollector.REASONS; code++) {
            final long orders = stats.ordersRejectedByReason[code];
            final long commands = stats.commandsRejectedByReason[code];
            if (orders != 0 || commands != 0) {
                rows.add(new Rejections(code, StatsCollector.reasonName(code), orders, commands));
            }
        }
        return rows;
    }

    /** Average orders placed per second from the start of the first bucket with orders to the end of the last. */
    double averagePlacedPerSecond() {
        if (firstOrderBucket < 0) {
            return 0;
        }
        final double seconds = (lastOrderBucket - firstOrderBucket + 1) * (double) by.bucketMs / 1000.0;
        return stats.ordersPlaced / seconds;
    }

    /** Orders per second in a bucket (the bucket's count when buckets are seconds). */
    double perSecond(long count) {
        return count * 1000.0 / by.bucketMs;
    }

    String time(long epochMs) {
        return Formats.time(epochMs, zone);
    }

    static String money(long cents) {
        return Formats.money(cents);
    }

    private static List<Count> counts(long[] byType, long others) {
        final List<Count> rows = new ArrayList<>();
        for (int type = 0; type < byType.length; type++) {
            if (byType[type] != 0) {
                rows.add(new Count(StatsCollector.typeName(type), byType[type]));
            }
        }
        if (others != 0) {
            rows.add(new Count("(types unknown to this version)", others));
        }
        return rows;
    }
}
