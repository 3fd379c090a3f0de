package io.surge.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in a journal given on the command line: a sequence number ({@code 12345}), an
 * ISO-8601 time ({@code 2026-11-11T00:00:05+08:00}, {@code 2026-11-11T00:00:05Z}, or without an
 * offset in the command's {@code --zone}) or a time relative to now ({@code -10m}, {@code -30s}, {@code -2h},
 * {@code -1d}). Times compare with entries' engine time.
 *
 * @param sequence a journal sequence, or -1
 * @param timeMs   an engine time in epoch milliseconds, or {@link Long#MIN_VALUE}
 */
public record Point(long sequence, long timeMs) {
    private static final Pattern RELATIVE = Pattern.compile("-(\\d+)(ms|s|m|h|d)");

    public static Point parse(String text) {
        return parse(text, Instant.now(), ZoneId.systemDefault());
    }

    static Point parse(String text, Instant now, ZoneId zone) {
        final String value = text.trim();
        if (value.matches("\\d+")) {
            return new Point(Long.parseLong(value), Long.MIN_VALUE);
        }
        final Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            final long amount = Long.parseLong(relative.group(1));
            final Duration ago = switch (relative.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return new Point(-1, now.minus(ago).toEpochMilli());
        }
        try {
            return new Point(-1, OffsetDateTime.parse(value).toInstant().toEpochMilli());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return new Point(-1, LocalDateTime.parse(value).atZone(zone).toInstant().toEpochMilli());
            } catch (DateTimeParseException e) {
                throw new ReplayException("'" + text + "' is neither a sequence number, an ISO-8601 time"
                    + " (2026-11-11T00:00:05+08:00) nor a relative time (-10m, -30s, -2h, -1d)");
            }
        }
    }

    public boolean isSequence() {
        return sequence >= 0;
    }

    /** Refuses a range that cannot hold anything: {@code from} after {@code to}, both sequences or both times. */
    static void checkRange(Point from, Point to, String fromText, String toText) {
        if (from == null || to == null || from.isSequence() != to.isSequence()) {
            return;
        }
        if (from.isSequence() ? from.sequence > to.sequence : from.timeMs > to.timeMs) {
            throw new ReplayException("--from " + fromText + " comes after --to " + toText + ": the range holds nothing");
        }
    }

    /** Whether an entry lies at or after this point (the point as a "from"). */
    public boolean isReachedBy(long entrySequence, long entryTimeMs) {
        return isSequence() ? entrySequence >= sequence : entryTimeMs >= timeMs;
    }

    /** Whether an entry lies at or before this point (the point as a "to"). */
    public boolean isNotPassedBy(long entrySequence, long entryTimeMs) {
        return isSequence() ? entrySequence <= sequence : entryTimeMs <= timeMs;
    }
}
