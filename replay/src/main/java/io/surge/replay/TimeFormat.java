package io.surge.replay;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Engine times as fixed-width ISO-8601 with milliseconds and offset
 * ({@code 2026-11-11T00:00:05.120+08:00}), so they line up in tables. The part up to the second
 * is formatted once per second and reused: dumps print millions of times in order. One instance
 * per thread.
 */
final class TimeFormat {
    private static final DateTimeFormatter TO_SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private final ZoneId zone;
    private final StringBuilder text = new StringBuilder(32);
    private long cachedSecond = Long.MIN_VALUE;
    private String toSecond = "";
    private String offset = "";

    TimeFormat(ZoneId zone) {
        this.zone = zone;
    }

    String format(long epochMs) {
        final long second = Math.floorDiv(epochMs, 1000);
        final int millis = Math.floorMod(epochMs, 1000);
        if (second != cachedSecond) {
            final ZonedDateTime time = Instant.ofEpochSecond(second).atZone(zone);
            toSecond = TO_SECOND.format(time);
            offset = OFFSET.format(time);
            cachedSecond = second;
        }
        text.setLength(0);
        text.append(toSecond).append('.');
        if (millis < 100) {
            text.append('0');
        }
        if (millis < 10) {
            text.append('0');
        }
        return text.append(millis).append(offset).toString();
    }
}
